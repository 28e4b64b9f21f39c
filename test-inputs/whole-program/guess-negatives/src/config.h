// Settings object. setName() keeps the user's name in a member that no
// accessor returns; get() and describe() return constants (config.cpp).
#pragma once

#include <string>

namespace tb {

class Config {
 public:
  void setName(const std::string& name);
  void setOwnerEmail(const std::string& email);
  std::string get(const std::string& key) const;
  std::string describe() const;
  bool hasName() const;

 private:
  std::string name_;
  std::string owner_email_;
};

}  // namespace tb
