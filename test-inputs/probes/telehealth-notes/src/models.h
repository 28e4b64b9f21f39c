#pragma once
// Chart records as the CareNote services see them.
#include <cstdint>
#include <string>
#include <vector>

namespace carenote {

struct Patient {
  int64_t patient_id = 0;
  std::string full_name;
  std::string first_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string phone_number;   // E.164
  std::string email;
  std::string ssn;            // intake form, "for insurance verification"
};

struct Clinician {
  int64_t clinician_id = 0;
  std::string full_name;
  std::string email;
  std::string practice_name;
};

struct Visit {
  int64_t visit_id = 0;
  int64_t patient_id = 0;
  int64_t clinician_id = 0;
  std::string visit_transcript;
  std::string specialty;  // "family medicine", "dermatology", ...
  int64_t started_at = 0;
};

struct Appointment {
  int64_t appointment_id = 0;
  int64_t patient_id = 0;
  std::string practice;         // the practice's display label
  std::string starts_at_local;  // "Tue 14 Apr, 10:30"
};

}  // namespace carenote
