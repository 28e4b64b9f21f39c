// A request object configured through setters and sent later. The setters are
// defined in uploader_config.cpp, send() in uploader_send.cpp: no single file
// but the caller's sees the URL, the payload and the HTTP call together, and
// the caller sees them only through the two other files' summaries.
#pragma once

#include <string>

namespace tb {

class Uploader {
 public:
  void setBaseUrl(const std::string& url);
  void setPath(const std::string& path);
  void setPayload(const std::string& body);
  bool send() const;

 private:
  std::string base_;
  std::string path_;
  std::string body_;
};

}  // namespace tb
