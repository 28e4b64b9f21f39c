// Delivery with retries, split over two files that call each other:
// deliver() (deliver.cpp) posts and, on failure, calls retry_later()
// (retry.cpp), which backs off and calls deliver() again, up to a bound.
// Neither knows what the payload is nor who the URL belongs to.
#pragma once

#include <string>
#include <vector>

namespace tb::delivery {

bool deliver(const std::string& url, const std::string& payload, int attempt);
bool retry_later(const std::string& url, const std::string& payload, int attempt);

// A tree of records: each node's text is posted, then its children's
// (tree_walk.cpp and tree_children.cpp call each other).
struct Node {
  std::string text;
  std::vector<Node> children;
};
void upload_tree(const std::string& url, const Node& node, int depth);
void upload_children(const std::string& url, const Node& node, int depth);

}  // namespace tb::delivery
