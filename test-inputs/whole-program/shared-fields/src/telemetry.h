// A telemetry channel whose batch goes out on a timer: onTimer() is never
// called by the program's code (the timer holds its address), so no caller
// says what the object holds. Its setters are defined in telemetry_config.cpp
// and called from app.cpp; onTimer() is in telemetry_flush.cpp.
#pragma once

#include "user.h"

#include <string>

namespace tb {

class Telemetry {
 public:
  void setEndpoint(const std::string& url);
  void setAccount(const User& user);
  void onTimer();

 private:
  std::string endpoint_;
  std::string batch_;
};

// The timer of the sample: it keeps a method's address and runs it later.
using TimerSlot = void (Telemetry::*)();
void every_minute(Telemetry& target, TimerSlot slot);

}  // namespace tb
