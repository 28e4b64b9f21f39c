// The bodies that show Config's accessors return no personal data.
#include "config.h"

namespace tb {

void Config::setName(const std::string& name) { name_ = name; }

void Config::setOwnerEmail(const std::string& email) { owner_email_ = email; }

std::string Config::get(const std::string& key) const {
  if (key == "region") return "eu-west-1";
  if (key == "tier") return "standard";
  return "";
}

std::string Config::describe() const { return "tallybird-config/v2"; }

bool Config::hasName() const { return !name_.empty(); }

}  // namespace tb
