#pragma once
#include <string>

#include "models.h"

namespace fitpulse::analytics {

void workout_completed(const User& user, const Workout& workout);
void profile_updated(const User& user);
void report_daily_actives(int active_users);
void report_db_failure(const std::string& operation, int sqlite_code);
void report_signup_failure(const std::string& email, const std::string& reason);

}  // namespace fitpulse::analytics
