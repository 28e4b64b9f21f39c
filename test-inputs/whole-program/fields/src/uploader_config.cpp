// The setters: each stores its argument into a member. No sink here.
#include "uploader.h"

namespace tb {

void Uploader::setBaseUrl(const std::string& url) { base_ = url; }

void Uploader::setPath(const std::string& path) { path_ = path.empty() || path[0] == '/' ? path : "/" + path; }

void Uploader::setPayload(const std::string& body) { body_ = body; }

}  // namespace tb
