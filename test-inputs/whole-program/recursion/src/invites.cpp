// The callers: they know what (the invitee's and the team's emails) and
// where (the URL they pass). The mutually recursive functions carry both to
// the curl call in deliver.cpp; the findings are at these calls.
#include "delivery.h"
#include "user.h"

#include <nlohmann/json.hpp>

namespace tb::invites {

void invite(const User& inviter, const std::string& invitee_email) {
  const std::string event = nlohmann::json{{"event", "invite_sent"}, {"distinct_id", inviter.id}, {"properties", {{"invitee", invitee_email}}}}.dump();
  delivery::deliver("https://us.i.posthog.com/capture/", event, 0);  // expect: privacy-vendor-category user.contact.email posthog

  const std::string traits = nlohmann::json{{"userId", inviter.id}, {"traits", {{"email", inviter.email}}}}.dump();
  delivery::deliver("https://api.segment.io/v1/identify", traits, 0);  // expect: privacy-undeclared-vendor - segment

  const std::string plain = nlohmann::json{{"event", "invite_sent"}, {"distinct_id", inviter.id}}.dump();
  delivery::deliver("https://us.i.posthog.com/capture/", plain, 0);  // expect-none
}

void export_team(const std::vector<User>& members) {
  delivery::Node root;
  root.text = nlohmann::json{{"event", "team_export"}}.dump();
  for (const User& m : members) {
    delivery::Node leaf;
    leaf.text = nlohmann::json{{"distinct_id", m.id}, {"properties", {{"name", m.name}}}}.dump();
    root.children.push_back(leaf);
  }
  delivery::upload_tree("https://us.i.posthog.com/capture/", root, 0);  // expect: privacy-vendor-category user.name posthog
}

}  // namespace tb::invites
