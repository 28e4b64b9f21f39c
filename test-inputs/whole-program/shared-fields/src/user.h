// The account record every sample file passes around.
#pragma once

#include <string>

namespace tb {

struct User {
  long id = 0;
  std::string email;
  std::string name;
  std::string ip_address;
};

}  // namespace tb
