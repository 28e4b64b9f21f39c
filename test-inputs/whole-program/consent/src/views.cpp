#include "analytics.h"
#include "consent.h"

namespace tally {

void on_open_settings() {
  if (consent().analytics_allowed())
    track_screen("settings");
}

void on_save() {
  const bool allowed = consent().analytics_allowed();
  if (!allowed)
    return;
  track("save");
  track_screen("saved");
}

}  // namespace tally
