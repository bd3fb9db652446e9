#include "tests/differential/differential_env.h"

#include <cstdlib>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "connectors/odbc/odbc_connector.h"
#include "engine/common/status_macros.h"
#include "engine/riverside/unified_views.h"
#include "proto/config.pb.h"
#include "tests/testing/truth_link_index.h"

namespace tessera::testing {
namespace {

// A statement that runs longer than this has hung; the suite's queries take
// milliseconds.
constexpr absl::Duration kQueryDeadline = absl::Minutes(2);

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// Collects a session's result.
class Collector : public ResultWriter {
 public:
  explicit Collector(ResultRows* out) : out_(out) {}
  void Begin(const Schema& schema) override { out_->Begin(schema); }
  void Write(const RowBatch& batch) override { out_->Append(batch); }
  void End(int64_t) override {}

 private:
  ResultRows* out_;
};

// Rows per keyset page for MariaDB and SQLite, far below the default so
// that Riverside's larger tables span several pages, as big tables do.
constexpr int64_t kPageRows = 2500;

void AddSource(config::TesseraConfig& cfg, const std::string& name, config::SqlDialect dialect,
               const std::string& connection, const std::string& schema) {
  config::Source* s = cfg.add_source();
  s->set_name(name);
  s->mutable_odbc()->set_dialect(dialect);
  s->mutable_odbc()->set_connection_string(connection);
  s->mutable_odbc()->set_schema(schema);
  s->mutable_odbc()->set_page_rows(kPageRows);
}

void AddSources(config::TesseraConfig& cfg, const DifferentialConfig& config) {
  AddSource(cfg, "ehr", config::POSTGRESQL, config.postgres, "ehr");
  AddSource(cfg, "lab", config::MARIADB, config.mariadb, "lab");
  AddSource(cfg, "pharmacy", config::SQLITE, absl::StrCat("Driver=SQLite3;Database=", config.sqlite_dir, "/pharmacy.db"),
            "");
}

// The sources, an identity source holding the true links, and the unified
// views over them as `tessera gen` configures them, without the device hub.
absl::StatusOr<config::TesseraConfig> UnifiedConfig(const DifferentialConfig& config) {
  std::string home_data = config.sqlite_dir;
  std::string link_index = absl::StrCat(config.scratch_dir, "/differential_link.db");
  RETURN_IF_ERROR(WriteTruthLinkIndex(home_data, link_index));
  config::TesseraConfig cfg;
  AddSources(cfg, config);
  AddSource(cfg, "identity", config::SQLITE, absl::StrCat("Driver=SQLite3;Database=", link_index), "");
  riverside::AddUnifiedViews({.code_map_file = absl::StrCat(home_data, "/terminology/code_map.csv"),
                              .devices = false,
                              .identity_source = "identity"},
                             &cfg);
  return cfg;
}

}  // namespace

absl::StatusOr<DifferentialConfig> DifferentialConfig::FromEnvironment() {
  std::string scratch = Env("TEST_TMPDIR");
  DifferentialConfig c{Env("TESSERA_PG_CONN"), Env("TESSERA_MARIADB_CONN"), Env("TESSERA_DIFF_SQLITE_DIR"),
                       scratch.empty() ? std::filesystem::temp_directory_path().string() : scratch};
  std::vector<std::string> missing;
  if (c.postgres.empty()) missing.push_back("TESSERA_PG_CONN");
  if (c.mariadb.empty()) missing.push_back("TESSERA_MARIADB_CONN");
  if (c.sqlite_dir.empty()) missing.push_back("TESSERA_DIFF_SQLITE_DIR");
  if (!missing.empty()) {
    return absl::UnavailableError(absl::StrCat("the differential suite needs ", absl::StrJoin(missing, ", "),
                                               " (scripts/check passes them with --test_env)"));
  }
  std::string pharmacy = absl::StrCat(c.sqlite_dir, "/pharmacy.db");
  if (!std::filesystem::exists(pharmacy)) {
    return absl::FailedPreconditionError(
        absl::StrCat("TESSERA_DIFF_SQLITE_DIR holds no pharmacy.db (run tessera gen --home DIR first): ", pharmacy));
  }
  return c;
}

absl::Status DifferentialEnv::CreateForSuite(DifferentialEnv** env) {
  ASSIGN_OR_RETURN(DifferentialConfig config, DifferentialConfig::FromEnvironment());
  ASSIGN_OR_RETURN(std::unique_ptr<DifferentialEnv> created, Create(config));
  *env = created.release();
  return (*env)->CheckSameData();
}

absl::StatusOr<std::unique_ptr<DifferentialEnv>> DifferentialEnv::Create(const DifferentialConfig& config) {
  config::TesseraConfig cfg;
  AddSources(cfg, config);
  std::unique_ptr<DifferentialEnv> env(new DifferentialEnv());
  ASSIGN_OR_RETURN(env->sources_, SourceRegistry::Create(cfg));
  env->session_ = std::make_unique<Session>(env->sources_.get());
  absl::StatusOr<config::TesseraConfig> unified = UnifiedConfig(config);
  absl::StatusOr<std::unique_ptr<SourceRegistry>> unified_sources =
      unified.ok() ? SourceRegistry::Create(*unified) : unified.status();
  if (unified_sources.ok()) {
    env->unified_sources_ = *std::move(unified_sources);
    env->unified_ = std::make_unique<Session>(env->unified_sources_.get());
  } else {
    env->unified_status_ = absl::Status(unified_sources.status().code(),
                                        absl::StrCat("the unified session cannot be set up: ",
                                                     unified_sources.status().message()));
  }
  odbc::OdbcSourceOptions central;
  central.name = "central";
  central.connection_string = config.postgres;
  central.dialect = DialectKind::kPostgres;
  env->central_ = std::make_unique<odbc::OdbcConnector>(std::move(central));
  return env;
}

absl::StatusOr<ResultRows> DifferentialEnv::RunSession(const std::string& sql, SessionKind kind) {
  if (kind == SessionKind::kUnified && unified_ == nullptr) return unified_status_;
  Session* session = kind == SessionKind::kUnified ? unified_.get() : session_.get();
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, session->Parse(sql));
  if (statements.size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat("one statement expected, not ", statements.size()));
  }
  ResultRows rows;
  Collector collector(&rows);
  QueryContext ctx(absl::Now() + kQueryDeadline);
  RETURN_IF_ERROR(session->Execute(statements[0], sql, ctx, collector).status());
  return rows;
}

absl::StatusOr<ResultRows> DifferentialEnv::RunFederated(const std::string& sql, SessionKind kind) {
  return RunSession(sql, kind);
}

absl::StatusOr<ResultRows> DifferentialEnv::RunCentral(const std::string& sql) {
  QueryContext ctx(absl::Now() + kQueryDeadline);
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream, central_->Scan(ScanRequest{.sql = sql}, ctx));
  ResultRows rows;
  rows.Begin(*stream->schema());
  while (true) {
    RowBatch batch(stream->schema());
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
    rows.Append(batch);
  }
  return rows;
}

absl::StatusOr<PlanProfile> DifferentialEnv::Profile(const std::string& sql, SessionKind kind) {
  ASSIGN_OR_RETURN(ResultRows plan, RunSession(absl::StrCat("EXPLAIN ANALYZE ", sql), kind));
  std::vector<std::string> lines;
  for (const auto& row : plan.rows) lines.push_back(row[0].text);
  return ParsePlanProfile(std::move(lines));
}

absl::StatusOr<std::string> DifferentialEnv::Explain(const std::string& sql, SessionKind kind) {
  ASSIGN_OR_RETURN(ResultRows plan, RunSession(absl::StrCat("EXPLAIN ", sql), kind));
  std::vector<std::string> lines;
  for (const auto& row : plan.rows) lines.push_back(row[0].text);
  return absl::StrJoin(lines, "\n");
}

absl::Status DifferentialEnv::CheckSameData() {
  std::vector<std::string> differences;
  for (const char* source : {"ehr", "lab", "pharmacy"}) {
    ASSIGN_OR_RETURN(Connector * connector, sources_->Find(source));
    ASSIGN_OR_RETURN(std::vector<std::string> tables, connector->ListTables());
    if (tables.empty()) differences.push_back(absl::StrCat(source, " has no tables"));
    for (const std::string& table : tables) {
      std::string sql = absl::StrCat("SELECT count(*) FROM ", source, ".", table);
      ASSIGN_OR_RETURN(ResultRows federated, RunFederated(sql));
      ASSIGN_OR_RETURN(ResultRows central, RunCentral(sql));
      if (!CompareResults(federated, central, false).empty()) {
        differences.push_back(absl::StrCat(source, ".", table, ": ", federated.rows[0][0].text, " rows in the source, ",
                                           central.rows.empty() ? "?" : central.rows[0][0].text, " centrally"));
      }
    }
  }
  if (differences.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "the federated sources and the central database hold different data (",
      absl::StrJoin(differences, "; "),
      "): load both from one `tessera gen --home DIR --postgres ... --mariadb ...` and point "
      "TESSERA_DIFF_SQLITE_DIR at DIR/data"));
}

absl::Status DifferentialEnv::CheckUnifiedData() {
  RETURN_IF_ERROR(unified_status_);
  constexpr char kRegenerate[] =
      ": load it with `tessera gen --home DIR --postgres ... --mariadb ...` (which also loads the truth "
      "centrally) and point TESSERA_DIFF_SQLITE_DIR at DIR/data";
  // The link index comes from DIR/data/truth; the central truth must be the
  // same run's.
  absl::StatusOr<ResultRows> central =
      RunCentral("SELECT count(*), sum(person_id) FROM truth.person_records");
  if (!central.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("the central database has no ground truth (schema truth: ",
                                                      central.status().message(), ")", kRegenerate));
  }
  ASSIGN_OR_RETURN(ResultRows links, RunFederated("SELECT count(*), sum(enterprise_id) FROM identity.link_record",
                                                  SessionKind::kUnified));
  if (!CompareResults(links, *central, false).empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the central truth.person_records (count, sum of person_id: ",
        absl::StripAsciiWhitespace(FormatRows(*central, 1)), ") is not the truth of TESSERA_DIFF_SQLITE_DIR (",
        absl::StripAsciiWhitespace(FormatRows(links, 1)), ")", kRegenerate));
  }
  return absl::OkStatus();
}

PlanProfile ParsePlanProfile(std::vector<std::string> lines) {
  PlanProfile p;
  for (const std::string& line : lines) {
    absl::string_view text = absl::StripLeadingAsciiWhitespace(line);
    bool is_operator = text.size() == line.size() || absl::ConsumePrefix(&text, "-> ");
    if (is_operator) {
      std::vector<absl::string_view> words = absl::StrSplit(text, absl::MaxSplits(' ', 2));
      absl::string_view name = absl::StripSuffix(words[0], ":");  // "HashAggregate: count(*)"
      if (name == "RemoteScan" && words.size() > 1) {
        p.scans.push_back({std::string(words[1]), 0});
      } else if (name != "Execution") {
        p.local_ops.push_back(std::string(name));
      }
      continue;
    }
    // "fetched 12 rows from ehr, first batch after 1.234 ms" under its scan.
    if (absl::ConsumePrefix(&text, "fetched ") && !p.scans.empty()) {
      absl::SimpleAtoi(text.substr(0, text.find(' ')), &p.scans.back().rows_fetched);
    }
  }
  p.lines = std::move(lines);
  return p;
}

}  // namespace tessera::testing
