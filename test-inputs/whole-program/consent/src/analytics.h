// Usage events to PostHog. The senders check no consent themselves: their
// callers, in other files, decide.
#pragma once

#include <string>

namespace tally {

void track(const std::string& event_name);
void track_screen(const std::string& screen);
void flush_queue();

}  // namespace tally
