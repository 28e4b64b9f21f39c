#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "models.h"

namespace carenote {

class ChartStore {
 public:
  explicit ChartStore(const std::string& path);
  ~ChartStore();
  ChartStore(const ChartStore&) = delete;
  ChartStore& operator=(const ChartStore&) = delete;

  int64_t create_clinician(const Clinician& clinician, const std::string& password);
  int64_t register_patient(const Patient& patient);
  void save_note(int64_t visit_id, const std::string& soap_note);
  void record_view(int64_t clinician_id, int64_t patient_id);

 private:
  sqlite3_stmt* prepare(const char* sql);
  int64_t finish_insert(sqlite3_stmt* stmt);

  sqlite3* db_ = nullptr;
};

void autosave_draft(int64_t visit_id, const std::string& draft_text);
void spool_audio_chunk(int64_t visit_id, int seq, const std::vector<char>& audio_chunk);
int purge_audio_spool();
int64_t note_archive_cutoff_unix();

}  // namespace carenote
