#include "tests/planner/federated_test_env.h"

#include <cstdlib>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "engine/riverside/riverside.h"
#include "engine/riverside/unified_views.h"
#include "tests/testing/truth_link_index.h"

namespace tessera::testing {
namespace {

// Collects rows as text.
class TextCollector : public ResultWriter {
 public:
  explicit TextCollector(TextResult* out) : out_(out) {}
  void Begin(const Schema& schema) override {
    for (const Field& f : schema.fields()) out_->columns.push_back(f.name);
  }
  void Write(const RowBatch& batch) override {
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < batch.num_columns(); ++c) row.push_back(batch.column(c).FormatCell(r));
      out_->rows.push_back(std::move(row));
    }
  }
  void End(int64_t) override {}

 private:
  TextResult* out_;
};

}  // namespace

// Views as a configuration defines them (tests/planner/view_test.cc).
static void AddTestViews(config::TesseraConfig* cfg) {
  auto add_view = [&](const char* name, const char* sql) {
    config::View* v = cfg->add_view();
    v->set_name(name);
    v->set_sql(sql);
  };
  add_view("female_patient", "SELECT patient_id, mrn, birth_date FROM ehr.patient WHERE sex = 'F'");
  add_view("any_lab_result",
           "SELECT 'ehr' AS source, patient_id::text AS subject, result_value AS value FROM ehr.lab_result "
           "UNION ALL SELECT 'lab', lab_patient_id::text, result_value FROM lab.lab_result");
  add_view("old_female_patient", "SELECT * FROM female_patient WHERE birth_date < DATE '1950-01-01'");
  {
    config::View* v = cfg->add_view();
    v->set_name("ehr_lab_fact");
    v->set_sql("SELECT 'ehr' AS source, lab_result_id AS record_id, patient_id, loinc_code, result_value, "
               "observed_at FROM ehr.lab_result");
    config::Deduplication* d = v->mutable_deduplicate();
    d->add_key("patient_id");
    d->add_key("loinc_code");
    d->set_time("observed_at");
    d->set_time_tolerance_seconds(60);
    d->set_value("result_value");
    d->set_source("source");
    d->set_record_id("record_id");
  }
  add_view("broken_view", "SELECT no_such_column FROM ehr.patient");
  // Holds the statement's time, so it is bound anew for each statement.
  add_view("patient_today", "SELECT patient_id, current_date AS today, now() AS asked_at FROM ehr.patient");
  add_view("old_patient_today", "SELECT * FROM patient_today WHERE patient_id < 10");
  add_view("loop_a", "SELECT * FROM loop_b");
  add_view("loop_b", "SELECT * FROM loop_a");
}

namespace {

[[noreturn]] void Die(const char* what, const absl::Status& status) {
  fprintf(stderr, "%s: %s\n", what, std::string(status.message()).c_str());
  abort();
}

}  // namespace

FederatedTestEnv* FederatedTestEnv::Make(const char* folder, int64_t people, bool linked) {
  auto* e = new FederatedTestEnv();
  const char* tmp = std::getenv("TEST_TMPDIR");
  e->data_dir_ = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/", folder);
  riverside::GenOptions options;
  options.people = people;
  options.data_dir = e->data_dir_;
  std::ostringstream progress;
  absl::Status status = riverside::GenerateRiverside(options, progress);
  if (!status.ok()) Die("generating Riverside failed", status);
  config::TesseraConfig cfg;
  for (const char* name : {"ehr", "lab", "pharmacy"}) {
    config::Source* s = cfg.add_source();
    s->set_name(name);
    s->mutable_odbc()->set_dialect(config::SQLITE);
    s->mutable_odbc()->set_connection_string(absl::StrCat("Driver=SQLite3;Database=", e->data_dir_, "/", name, ".db"));
  }
  riverside::UnifiedViewOptions views{.code_map_file = absl::StrCat(e->data_dir_, "/terminology/code_map.csv")};
  if (linked) {
    std::string link_index = absl::StrCat(e->data_dir_, "/link.db");
    std::string connection = absl::StrCat("Driver=SQLite3;Database=", link_index);
    status = WriteTruthLinkIndex(e->data_dir_, link_index);
    if (!status.ok()) Die("writing the link index failed", status);
    config::Source* s = cfg.add_source();
    s->set_name("identity");
    s->mutable_odbc()->set_dialect(config::SQLITE);
    s->mutable_odbc()->set_connection_string(connection);
    views.identity_source = "identity";
  } else {
    AddTestViews(&cfg);
  }
  riverside::AddUnifiedViews(views, &cfg);
  absl::StatusOr<std::unique_ptr<SourceRegistry>> sources = SourceRegistry::Create(cfg);
  if (!sources.ok()) Die("configuring the sources failed", sources.status());
  e->sources_ = std::move(*sources);
  e->session_ = std::make_unique<Session>(e->sources_.get());
  return e;
}

FederatedTestEnv& FederatedTestEnv::Get(int64_t people) {
  static FederatedTestEnv* env = Make("riverside", people, /*linked=*/false);
  return *env;
}

FederatedTestEnv& FederatedTestEnv::Linked() {
  static FederatedTestEnv* env = Make("riverside-linked", 600, /*linked=*/true);
  return *env;
}

absl::StatusOr<TextResult> FederatedTestEnv::Query(const std::string& sql) {
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, session_->Parse(sql));
  if (statements.size() != 1) return absl::InvalidArgumentError("one statement expected");
  TextResult result;
  TextCollector collector(&result);
  QueryContext ctx;
  RETURN_IF_ERROR(session_->Execute(statements[0], sql, ctx, collector).status());
  return result;
}

absl::StatusOr<std::string> FederatedTestEnv::Explain(const std::string& sql) {
  ASSIGN_OR_RETURN(TextResult r, Query(absl::StrCat("EXPLAIN ", sql)));
  std::vector<std::string> lines;
  for (const auto& row : r.rows) lines.push_back(row[0]);
  return absl::StrJoin(lines, "\n");
}

}  // namespace tessera::testing
