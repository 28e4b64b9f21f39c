#pragma once
#include "models.h"

namespace fitpulse::notify {

void send_welcome(const User& user);
void send_weekly_summary(const User& user, const WeeklyStats& stats);
void push_workout_saved(const User& user, const Workout& workout);

}  // namespace fitpulse::notify
