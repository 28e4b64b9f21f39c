// The uploader's methods: upload() posts the report to the server. It knows
// neither what the report is nor where the server is.
#include "crash_uploader.h"

#include <httplib.h>

namespace tb {

CrashUploader crash_uploader;

void CrashUploader::setServer(const std::string& url) { server_ = url; }

void CrashUploader::setReport(const std::string& text) { report_ = text; }

void CrashUploader::upload() const {
  httplib::Client client(server_);
  client.Post("/v1/crash", report_, "text/plain");  // expect-none
}

}  // namespace tb
