// Functions whose names sound personal but return constants: the service's
// own mailbox and a placeholder. No personal data leaves these.
#include "repo.h"

namespace tb::repo {

std::string owner_email() { return "ops@tallybird.app"; }

std::string default_user_name() { return "guest"; }

}  // namespace tb::repo
