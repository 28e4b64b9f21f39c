// The records the service serializes, and their serializers, declared here
// and defined in profile_json.cpp and profile_writer.cpp: the files that
// send them see only these declarations.
#pragma once

#include <nlohmann/json.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

namespace tb {

// `primary` is the account's email address; only the serializers' keys say so.
struct Profile {
  long id = 0;
  std::string primary;
};

// An account whose serializer leaves the email out.
struct Account {
  long id = 0;
  std::string email;
};

void to_json(nlohmann::json& j, const Profile& p);
void to_json(nlohmann::json& j, const Account& a);

// Writes the profile as a JSON object through a RapidJSON writer.
void write_profile(rapidjson::Writer<rapidjson::StringBuffer>& w, const Profile& p);

}  // namespace tb
