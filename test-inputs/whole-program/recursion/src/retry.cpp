// The back-off half of the retry loop, and the tree walk's second half.
#include "delivery.h"

#include <chrono>
#include <thread>

namespace tb::delivery {

bool retry_later(const std::string& url, const std::string& payload, int attempt) {
  constexpr int kMaxAttempts = 4;
  if (attempt >= kMaxAttempts) return false;
  std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
  return deliver(url, payload, attempt);  // expect-none
}

void upload_children(const std::string& url, const Node& node, int depth) {
  if (depth > 8) return;
  for (const Node& child : node.children) upload_tree(url, child, depth + 1);  // expect-none
}

}  // namespace tb::delivery
