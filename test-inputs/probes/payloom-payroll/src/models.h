#pragma once
// Payroll domain types.
#include <cstdint>
#include <string>
#include <vector>

namespace payloom {

struct HomeAddress {
  std::string street;
  std::string city;
  std::string state;
  std::string postal_code;
};

struct BankDetails {
  std::string routing_number;
  std::string account_number;
  std::string account_type = "checking";
};

struct Employee {
  int64_t employee_id = 0;
  std::string first_name;
  std::string last_name;
  std::string work_email;
  std::string personal_email;
  std::string phone_number;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string ssn;
  std::string marital_status;  // W-4 step 1(c)
  std::string ethnicity;       // EEO-1 survey, US entities with 100+ staff
  std::string job_title;
  double annual_salary = 0.0;
  HomeAddress home;
  BankDetails bank;
};

struct PayStub {
  int64_t employee_id = 0;
  std::string period;  // "2026-05"
  double gross_pay = 0.0;
  double net_pay = 0.0;
};

struct PayrollRun {
  std::string run_id;
  std::string period;
  std::vector<PayStub> stubs;
};

}  // namespace payloom
