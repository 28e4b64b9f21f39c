#pragma once
// Named spdlog loggers, one per component.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace hearthly {

inline std::shared_ptr<spdlog::logger> component_logger(const std::string& name) {
  if (auto existing = spdlog::get(name)) return existing;
  return spdlog::stdout_color_mt(name);
}

}  // namespace hearthly
