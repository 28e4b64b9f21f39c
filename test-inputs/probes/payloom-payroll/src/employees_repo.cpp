// Employee records in MySQL: hiring, pay-detail changes with their audit
// trail, the EEO-1 survey, and portal passwords.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <fmt/format.h>
#include <mysql_connection.h>
#include <mysql_driver.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "log.h"
#include "models.h"
#include "session.h"
#include "settings.h"

namespace payloom {

namespace retention {
constexpr auto kSsnRetention = std::chrono::hours(24 * 365 * 10);  // expect: privacy-retention user.government_id.national_identification_number -
constexpr auto kSalaryRetention = std::chrono::hours(24 * 365 * 6);  // expect-none: six years is within the salary's 7y
}  // namespace retention

namespace {

std::string hex(const unsigned char* data, size_t len) {
  std::string out;
  for (size_t i = 0; i < len; ++i) out += fmt::format("{:02x}", data[i]);
  return out;
}

// AES-256-GCM under the field key (PAYLOOM_FIELD_KEY, 32 raw bytes base64'd by ops).
std::string encrypt_field(const std::string& plaintext) {
  static const std::string key = [] {
    const char* b64 = std::getenv("PAYLOOM_FIELD_KEY");
    unsigned char raw[48] = {};
    if (b64 != nullptr) EVP_DecodeBlock(raw, reinterpret_cast<const unsigned char*>(b64), static_cast<int>(std::char_traits<char>::length(b64)));
    return std::string(reinterpret_cast<const char*>(raw), 32);
  }();
  unsigned char iv[12];
  unsigned char tag[16];
  RAND_bytes(iv, sizeof iv);
  std::string sealed(plaintext.size() + 16, '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  int len = 0;
  int total = 0;
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(key.data()), iv);
  EVP_EncryptUpdate(ctx, out, &len, reinterpret_cast<const unsigned char*>(plaintext.data()), static_cast<int>(plaintext.size()));
  total = len;
  EVP_EncryptFinal_ex(ctx, out + total, &len);
  total += len;
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, sizeof tag, tag);
  EVP_CIPHER_CTX_free(ctx);
  return hex(iv, sizeof iv) + ":" + hex(out, static_cast<size_t>(total)) + ":" + hex(tag, sizeof tag);
}

std::string password_digest(const std::string& salt, const std::string& password) {
  const std::string input = salt + password;
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), md);
  return hex(md, sizeof md);
}

}  // namespace

class EmployeeRepository {
 public:
  EmployeeRepository() {
    const Settings& s = Settings::get();
    sql::mysql::MySQL_Driver* driver = sql::mysql::get_mysql_driver_instance();
    con_.reset(driver->connect(s.db_url(), s.db_user(), s.db_password()));  // expect-none: Payloom's own database password, handed to the driver (no sink)
    con_->setSchema("payroll");
  }

  void hire(const Employee& e) {
    std::unique_ptr<sql::PreparedStatement> ps(con_->prepareStatement("INSERT INTO employees (id, first_name, last_name, work_email, date_of_birth, ssn_enc, marital_status, job_title, annual_salary, postal_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    ps->setInt64(1, e.employee_id);
    ps->setString(2, e.first_name);
    ps->setString(3, e.last_name);
    ps->setString(4, e.work_email);
    ps->setString(5, e.date_of_birth);  // expect-none: date of birth is declared and has no storage rule
    ps->setString(6, encrypt_field(e.ssn));  // expect-none: the SSN encrypted (EVP AES-256-GCM), as storage: encrypted asks
    ps->setString(7, e.marital_status);  // expect: privacy-undeclared-category user.demographic.marital_status storage
    ps->setString(8, e.job_title);
    ps->setDouble(9, e.annual_salary);  // expect-none: the salary is declared and has no storage rule
    ps->setString(10, e.home.postal_code);
    ps->executeUpdate();
  }

  void record_eeo_survey(int64_t employee_id, const std::string& ethnicity) {
    std::unique_ptr<sql::PreparedStatement> ps(con_->prepareStatement("INSERT INTO eeo_survey (employee_id, ethnicity) VALUES (?, ?)"));
    ps->setInt64(1, employee_id);
    ps->setString(2, ethnicity);  // expect: privacy-not-collected user.demographic.race_ethnicity storage
    ps->executeUpdate();
  }

  void update_bank_details(const portal::Session& session, const BankDetails& bank) {
    std::unique_ptr<sql::PreparedStatement> ps(con_->prepareStatement("UPDATE employees SET routing_number = ?, account_number_enc = ? WHERE id = ?"));
    ps->setString(1, bank.routing_number);  // expect: privacy-storage-protection user.financial.bank_account storage
    ps->setString(2, encrypt_field(bank.account_number));  // expect-none: the account number encrypted, as storage: encrypted asks
    ps->setInt64(3, session.employee_id());
    ps->executeUpdate();

    const std::string& addr = session.remote_addr();
    std::unique_ptr<sql::PreparedStatement> audit(con_->prepareStatement("INSERT INTO audit_trail (employee_id, action, ip) VALUES (?, 'bank_details_changed', ?)"));
    audit->setInt64(1, session.employee_id());
    audit->setString(2, addr);  // expect-none: the IP address is declared for the audit trail and has no storage rule
    audit->executeUpdate();
    PL_INFO("bank details changed for employee %lld from %s", static_cast<long long>(session.employee_id()), addr.c_str());  // expect: privacy-log-exposure user.device.ip_address log
  }

  bool set_password(int64_t employee_id, const std::string& password) {
    unsigned char salt_bytes[16];
    RAND_bytes(salt_bytes, sizeof salt_bytes);
    const std::string salt = hex(salt_bytes, sizeof salt_bytes);
    try {
      std::unique_ptr<sql::PreparedStatement> ps(con_->prepareStatement("UPDATE portal_users SET pw_salt = ?, pw_sha256 = ? WHERE employee_id = ?"));
      ps->setString(1, salt);
      ps->setString(2, password_digest(salt, password));  // expect-none: salted SHA-256 digest, as storage: hashed (hash: digest) asks
      ps->setInt64(3, employee_id);
      return ps->executeUpdate() == 1;
    } catch (const sql::SQLException& ex) {
      PL_ERROR("set_password failed for employee %lld: %s (code %d)", static_cast<long long>(employee_id), ex.what(), ex.getErrorCode());  // expect-none: an employee number and the driver's error
      return false;
    }
  }

  std::optional<std::string> work_email(int64_t employee_id) {
    std::unique_ptr<sql::PreparedStatement> ps(con_->prepareStatement("SELECT work_email FROM employees WHERE id = ?"));
    ps->setInt64(1, employee_id);
    std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
    if (!rs->next()) return std::nullopt;
    return std::string(rs->getString("work_email"));
  }

 private:
  std::unique_ptr<sql::Connection> con_;
};

}  // namespace payloom
