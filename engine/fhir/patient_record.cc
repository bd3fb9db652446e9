// File: engine/fhir/patient_record.cc

#include "engine/fhir/patient_record.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "engine/format/result_writer.h"

namespace tessera {
namespace {

// Keeps a result's rows as values.
class SectionWriter : public ResultWriter {
 public:
  explicit SectionWriter(RecordSection* out) : out_(out) {}
  void Begin(const Schema& schema) override { out_->schema = std::make_shared<const Schema>(schema); }
  void Write(const RowBatch& batch) override {
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<Value> row;
      for (int c = 0; c < batch.num_columns(); ++c) row.push_back(batch.column(c).GetValue(r));
      out_->rows.push_back(std::move(row));
    }
  }
  void End(int64_t) override {}

 private:
  RecordSection* out_;
};

absl::Status ReadSection(Session& session, int64_t patient_id, QueryContext& ctx, RecordSection* section) {
  std::string sql = absl::StrCat("SELECT * FROM ", section->view, " WHERE patient_id = ", patient_id);
  absl::StatusOr<std::vector<ast::Statement>> statements = session.Parse(sql);
  if (!statements.ok()) return statements.status();
  SectionWriter writer(section);
  absl::StatusOr<StatementResult> result = session.Execute((*statements)[0], sql, ctx, writer);
  if (!result.ok()) {
    return absl::Status(result.status().code(), absl::StrCat(section->view, ": ", result.status().message()));
  }
  return absl::OkStatus();
}

}  // namespace

Value RecordSection::Get(size_t row, absl::string_view column) const {
  std::optional<int> index = schema->IndexOf(column);
  if (!index.has_value()) return Value::Null(DataType::Text());
  return rows[row][*index];
}

RowBatch RecordSection::AsBatch() const {
  RowBatch batch(schema);
  for (const auto& row : rows) {
    for (int c = 0; c < batch.num_columns(); ++c) batch.column(c).AppendValue(row[c]);
  }
  batch.SetNumRows(static_cast<int64_t>(rows.size()));
  return batch;
}

const RecordSection* PatientRecord::Find(absl::string_view view) const {
  for (const RecordSection& s : sections) {
    if (s.view == view) return &s;
  }
  return nullptr;
}

const std::vector<std::string>& PatientRecordViews() {
  static const std::vector<std::string> views = {"patient",   "observation", "condition",
                                                 "medication", "procedure",   "encounter"};
  return views;
}

absl::StatusOr<PatientRecord> ReadPatientRecord(Session& session, int64_t patient_id, QueryContext& ctx) {
  PatientRecord record;
  record.patient_id = patient_id;
  for (const std::string& view : PatientRecordViews()) record.sections.push_back({view, nullptr, {}});
  std::vector<absl::Status> statuses(record.sections.size());
  {
    std::vector<std::thread> readers;
    for (size_t i = 0; i < record.sections.size(); ++i) {
      readers.emplace_back([&, i] {
        statuses[i] = ReadSection(session, patient_id, ctx, &record.sections[i]);
        if (!statuses[i].ok()) ctx.Cancel();  // The others need not finish.
      });
    }
    for (std::thread& t : readers) t.join();
  }
  for (const absl::Status& s : statuses) {
    if (!s.ok() && !absl::IsCancelled(s)) return s;
  }
  for (const absl::Status& s : statuses) {
    if (!s.ok()) return s;
  }
  if (record.sections[0].rows.empty()) {
    return absl::NotFoundError(absl::StrCat("no source knows patient ", patient_id));
  }
  return record;
}

}  // namespace tessera
