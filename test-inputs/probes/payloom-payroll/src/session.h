#pragma once
// The employee portal's request context.
#include <cstdint>
#include <string>
#include <utility>

namespace payloom::portal {

class Session {
 public:
  Session(int64_t employee_id, std::string remote, std::string agent)
      : employee_id_(employee_id), remote_(std::move(remote)), agent_(std::move(agent)) {}

  int64_t employee_id() const { return employee_id_; }
  // The caller's address as seen by the load balancer (X-Forwarded-For).
  const std::string& remote_addr() const { return remote_; }
  const std::string& user_agent() const { return agent_; }

 private:
  int64_t employee_id_;
  std::string remote_;
  std::string agent_;
};

}  // namespace payloom::portal
