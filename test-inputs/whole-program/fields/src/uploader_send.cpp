// send(): posts the stored payload to the stored base URL with cpp-httplib.
// It knows neither what the payload is nor where the URL points.
#include "uploader.h"

#include <httplib.h>

namespace tb {

bool Uploader::send() const {
  httplib::Client client(base_);
  client.set_connection_timeout(5);
  const auto reply = client.Post(path_, body_, "application/json");  // expect-none
  return reply && reply->status / 100 == 2;
}

}  // namespace tb
