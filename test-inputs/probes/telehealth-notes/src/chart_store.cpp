// The chart database (SQLite, one file per practice) and the local spool the
// recorder uses while a visit is in progress.
#include <sqlite3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "chart_store.h"
#include "crypto.h"

namespace carenote {

namespace limits {
// Audio chunks that failed to upload are retried for up to three days.
constexpr std::chrono::hours kVisitAudioRetention{72};  // expect: privacy-retention user.content.visit_audio -
// Notes are archived to cold storage after six years and purged at seven.
constexpr auto kClinicalNoteRetention = std::chrono::hours(24 * 365 * 6);  // expect-none: six years is shorter than the policy's 7y
}  // namespace limits

constexpr const char* kSpoolDir = "/var/spool/carenote";

ChartStore::ChartStore(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    throw std::runtime_error("chart store: cannot open database");
  }
}

ChartStore::~ChartStore() { sqlite3_close_v2(db_); }

sqlite3_stmt* ChartStore::prepare(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
  return stmt;
}

int64_t ChartStore::finish_insert(sqlite3_stmt* stmt) {
  const int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return rc == SQLITE_DONE ? sqlite3_last_insert_rowid(db_) : 0;
}

int64_t ChartStore::create_clinician(const Clinician& clinician, const std::string& password) {
  sqlite3_stmt* stmt = prepare("INSERT INTO clinicians (full_name, email, practice_name, password_sha256) VALUES (?1, ?2, ?3, ?4)");
  sqlite3_bind_text(stmt, 1, clinician.full_name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, clinician.email.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 3, clinician.practice_name.c_str(), -1, SQLITE_TRANSIENT);
  const std::string password_sha256 = crypto::sha256_hex(clinician.email + ":" + password);
  sqlite3_bind_text(stmt, 4, password_sha256.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: the password goes through crypto::sha256_hex (a hashed transform), as storage: hashed asks
  return finish_insert(stmt);
}

int64_t ChartStore::register_patient(const Patient& patient) {
  sqlite3_stmt* stmt = prepare("INSERT INTO patients (full_name, date_of_birth, phone_number, email, ssn) VALUES (?1, ?2, ?3, ?4, ?5)");
  sqlite3_bind_text(stmt, 1, patient.full_name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, patient.date_of_birth.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: date of birth is declared and has no storage rule
  sqlite3_bind_text(stmt, 3, patient.phone_number.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 4, patient.email.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 5, patient.ssn.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-not-collected user.government_id.national_identification_number storage
  const int64_t id = finish_insert(stmt);
  if (id == 0) {
    std::fprintf(stderr, "register_patient: duplicate record for %s (born %s)\n", patient.full_name.c_str(), patient.date_of_birth.c_str());  // expect: privacy-log-exposure user.name log; privacy-log-exposure user.demographic.date_of_birth log
  }
  return id;
}

void ChartStore::save_note(int64_t visit_id, const std::string& soap_note) {
  const std::vector<unsigned char> sealed = crypto::seal(soap_note);
  sqlite3_stmt* stmt = prepare("INSERT INTO notes (visit_id, sealed_note, created_at) VALUES (?1, ?2, unixepoch())");
  sqlite3_bind_int64(stmt, 1, visit_id);
  sqlite3_bind_blob(stmt, 2, sealed.data(), static_cast<int>(sealed.size()), SQLITE_TRANSIENT);  // expect-none: the note is sealed (AES-256-GCM) first, as storage: encrypted asks
  finish_insert(stmt);
  spdlog::info("note saved for visit {}", visit_id);  // expect-none: a record number only
}

void ChartStore::record_view(int64_t clinician_id, int64_t patient_id) {
  const std::string sql = "INSERT INTO audit_log (clinician_id, patient_id, action, at) VALUES (" + std::to_string(clinician_id) + ", " + std::to_string(patient_id) + ", 'chart_viewed', unixepoch())";
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {  // expect-none: record numbers are declared and have no storage rule
    spdlog::error("audit log write failed: {}", err != nullptr ? err : "?");
    sqlite3_free(err);
  }
}

// The editor autosaves every few seconds so a crashed browser tab loses nothing.
void autosave_draft(int64_t visit_id, const std::string& draft_text) {
  std::ofstream out(std::string(kSpoolDir) + "/drafts/" + std::to_string(visit_id) + ".txt", std::ios::trunc);
  out << draft_text;  // expect: privacy-storage-protection user.health_and_medical.clinical_notes storage
}

// Chunks are spooled when the transcription upload fails and retried later.
void spool_audio_chunk(int64_t visit_id, int seq, const std::vector<char>& audio_chunk) {
  const std::string path = std::string(kSpoolDir) + "/audio/" + std::to_string(visit_id) + "-" + std::to_string(seq) + ".pcm";
  std::ofstream out(path, std::ios::binary);
  out.write(audio_chunk.data(), static_cast<std::streamsize>(audio_chunk.size()));  // expect: privacy-storage-protection user.content.visit_audio storage
  spdlog::debug("spooled {} bytes for visit {}", audio_chunk.size(), visit_id);  // expect-none: a byte count and a record number
}

// Run hourly by the scheduler: drops spooled audio older than the retry window.
int purge_audio_spool() {
  namespace fs = std::filesystem;
  int removed = 0;
  const auto cutoff = fs::file_time_type::clock::now() - limits::kVisitAudioRetention;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(std::string(kSpoolDir) + "/audio", ec)) {
    if (entry.is_regular_file() && entry.last_write_time() < cutoff && fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

// Notes older than this move to the cold archive.
int64_t note_archive_cutoff_unix() {
  const auto now = std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>((now - limits::kClinicalNoteRetention).time_since_epoch()).count();
}

}  // namespace carenote
