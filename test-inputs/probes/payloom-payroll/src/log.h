#pragma once
// printf-style logging to stderr (collected by journald on the payroll hosts).
#include <cstdio>

#define PL_LOG(level, fmt, ...) std::fprintf(stderr, "[payloom] %s " fmt "\n", level, ##__VA_ARGS__)
#define PL_INFO(fmt, ...) PL_LOG("INFO", fmt, ##__VA_ARGS__)
#define PL_WARN(fmt, ...) PL_LOG("WARN", fmt, ##__VA_ARGS__)
#define PL_ERROR(fmt, ...) PL_LOG("ERROR", fmt, ##__VA_ARGS__)
