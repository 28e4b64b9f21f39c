#include "analytics.h"

namespace tally {

// A timer's job: nothing here asks for the user's choice.
void nightly_report() {
  track("nightly");
  flush_queue();
}

}  // namespace tally
