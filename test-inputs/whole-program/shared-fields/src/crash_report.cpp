// Fills the global uploader when something fails and flushes it later. The
// server was set in app.cpp: Segment, which the policy does not declare.
#include "crash_uploader.h"
#include "user.h"

namespace tb {

void on_failure(const User& user, const std::string& what) { crash_uploader.setReport(what + " for " + user.name); }

void flush_crashes() {
  crash_uploader.upload();  // expect: privacy-undeclared-vendor - segment
}

// A fresh uploader made here holds nothing the program wrote into the
// global one: not shared, nothing to report.
void probe_uploader() {
  CrashUploader local;
  local.upload();  // expect-none
}

}  // namespace tb
