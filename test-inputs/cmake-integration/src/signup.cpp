// Signing up: the new account's email goes to the service's log, which the
// policy keeps free of personal data.
#include <iostream>
#include <string>

void on_signup(const std::string& email) {
  std::cerr << "new signup: " << email << "\n";  // expect: privacy-log-exposure user.contact.email log
}
