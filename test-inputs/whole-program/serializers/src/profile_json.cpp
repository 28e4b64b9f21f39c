// nlohmann::json serializers, found by argument-dependent lookup where a
// JSON value is made from a Profile or an Account in another file.
#include "profile.h"

namespace tb {

void to_json(nlohmann::json& j, const Profile& p) { j = nlohmann::json{{"distinct_id", p.id}, {"email", p.primary}}; }

void to_json(nlohmann::json& j, const Account& a) { j = nlohmann::json{{"distinct_id", a.id}}; }

}  // namespace tb
