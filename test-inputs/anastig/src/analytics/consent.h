// Anastig: the analytics opt-in.
//
// "Non-essential analytics cookies are off by default and only enabled if you
// opt in." The choice is the account's analytics_opt_in column, written by the
// privacy settings page (ProductAnalytics::update_analytics_choice); it starts
// out false. Everything that sends feature events or sets the analytics
// cookie asks analytics_allowed() first.
#pragma once

#include "models.h"

#include <httplib.h>

namespace anastig::analytics {

// The opt-in check.
inline bool analytics_allowed(const Account& account) { return account.analytics_opt_in; }

// The first-party analytics id cookie (anastig_analytics_id): the web app's
// event script reads it to join page events to the account. Callers have
// checked analytics_allowed(). Defined in product_analytics.cpp.
void set_analytics_id_cookie(httplib::Response& res, UserId user_id);

}  // namespace anastig::analytics
