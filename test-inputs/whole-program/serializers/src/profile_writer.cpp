// A RapidJSON helper: writes the profile through the writer it is given,
// into whatever buffer the caller's writer was made over.
#include "profile.h"

namespace tb {

void write_profile(rapidjson::Writer<rapidjson::StringBuffer>& w, const Profile& p) {
  w.StartObject();
  w.Key("distinct_id");
  w.Int64(p.id);
  w.Key("email");
  w.String(p.primary.c_str());
  w.EndObject();
}

}  // namespace tb
