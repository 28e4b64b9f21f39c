// One crash uploader for the whole program, a global: configured at start
// (app.cpp), filled when something fails (crash_report.cpp) and flushed from
// there too, by functions that never see each other's calls.
#pragma once

#include <string>

namespace tb {

class CrashUploader {
 public:
  void setServer(const std::string& url);
  void setReport(const std::string& text);
  void upload() const;

 private:
  std::string server_;
  std::string report_;
};

extern CrashUploader crash_uploader;

}  // namespace tb
