// The tree walk's first half: posts one node, then recurses through
// upload_children() in retry.cpp.
#include "delivery.h"

namespace tb::delivery {

void upload_tree(const std::string& url, const Node& node, int depth) {
  deliver(url, node.text, 0);  // expect-none
  upload_children(url, node, depth);  // expect-none
}

}  // namespace tb::delivery
