// The user's analytics choice, kept by the settings screen.
#pragma once

namespace tally {

struct Consent {
  bool analytics_allowed() const;
};

const Consent& consent();

}  // namespace tally
