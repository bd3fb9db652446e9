#include "tests/conformance/slt_runner.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "connectors/odbc/odbc_connection.h"
#include "engine/catalog/source_registry.h"
#include "engine/common/status_macros.h"
#include "engine/exec/query_context.h"
#include "engine/format/result_writer.h"
#include "engine/session/session.h"
#include "proto/config.pb.h"
#include "tests/conformance/query_watchdog.h"
#include "tests/conformance/slt_parser.h"
#include "tests/conformance/slt_result.h"

namespace tessera::slt {
namespace {

// The source name the scripts' tables live in; queries name them bare.
constexpr char kSourceName[] = "slt";

// Renders every cell by its column's type letter as the rows arrive.
class CellCollector : public ResultWriter {
 public:
  explicit CellCollector(const std::string& types) : types_(types) {}

  void Begin(const Schema& schema) override { columns_ = static_cast<int>(schema.fields().size()); }

  void Write(const RowBatch& batch) override {
    if (columns_ != static_cast<int>(types_.size())) return;
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> row;
      row.reserve(types_.size());
      for (int c = 0; c < batch.num_columns(); ++c) row.push_back(RenderCell(batch.column(c), r, types_[c]));
      rows_.push_back(std::move(row));
    }
  }

  void End(int64_t) override {}

  int columns() const { return columns_; }
  std::vector<std::vector<std::string>>& rows() { return rows_; }

 private:
  const std::string& types_;
  int columns_ = -1;
  std::vector<std::vector<std::string>> rows_;
};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read script ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Whether a statement leaves every table's shape as it was, so that the
// engine's cached table descriptions stay right.
bool KeepsSchema(absl::string_view sql) {
  absl::string_view head = absl::StripLeadingAsciiWhitespace(sql);
  for (absl::string_view dml : {"INSERT", "UPDATE", "DELETE", "REPLACE"}) {
    if (absl::StartsWithIgnoreCase(head, dml)) return true;
  }
  return false;
}

// One script's database: the SQLite file, the connection statements run on,
// and the Tessera session queries run through.
class ScriptDatabase {
 public:
  static absl::StatusOr<std::unique_ptr<ScriptDatabase>> Create(const std::string& path,
                                                                const RunnerOptions& options) {
    auto db = std::unique_ptr<ScriptDatabase>(new ScriptDatabase(path));
    db->RemoveFiles();
    const std::string connection = absl::StrCat("Driver=SQLite3;Database=", path);
    ASSIGN_OR_RETURN(db->writer_, odbc::Connection::Open(kSourceName, connection, DialectKind::kSqlite,
                                                         odbc::AccessMode::kReadWrite));
    // The file is thrown away after the script: durability buys nothing.
    RETURN_IF_ERROR(db->writer_->Execute("PRAGMA synchronous = OFF"));
    config::TesseraConfig cfg;
    config::Source* source = cfg.add_source();
    source->set_name(kSourceName);
    source->mutable_odbc()->set_dialect(config::SQLITE);
    source->mutable_odbc()->set_connection_string(connection);
    ASSIGN_OR_RETURN(db->sources_, SourceRegistry::Create(cfg));
    SessionOptions session_options;
    session_options.default_source = kSourceName;
    session_options.optimizer.disabled = options.disabled_passes;
    db->session_ = std::make_unique<Session>(db->sources_.get(), session_options);
    return db;
  }

  ~ScriptDatabase() {
    session_.reset();
    sources_.reset();
    writer_.reset();
    RemoveFiles();
  }

  odbc::Connection& writer() { return *writer_; }
  Session& session() { return *session_; }

 private:
  explicit ScriptDatabase(std::string path) : path_(std::move(path)) {}

  void RemoveFiles() {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }

  std::string path_;
  std::unique_ptr<odbc::Connection> writer_;
  std::unique_ptr<SourceRegistry> sources_;
  std::unique_ptr<Session> session_;
};

// Runs one script's records in order against `db`.
class ScriptRun {
 public:
  ScriptRun(const RunnerOptions& options, ScriptDatabase& db, QueryWatchdog& watchdog, FileResult& result)
      : options_(options), db_(db), watchdog_(watchdog), result_(result) {}

  void Run(const std::vector<Record>& records) {
    for (const Record& record : records) {
      if (!ShouldRun(record, options_.engine_name)) {
        Skip(record);
        continue;
      }
      switch (record.kind) {
        case RecordKind::kHalt:
          return;
        case RecordKind::kHashThreshold:
          hash_threshold_ = record.hash_threshold;
          break;
        case RecordKind::kStatement:
          RunStatement(record);
          break;
        case RecordKind::kQuery:
          RunQuery(record);
          break;
      }
    }
  }

 private:
  void Skip(const Record& record) {
    if (record.kind == RecordKind::kStatement) ++result_.statements_skipped;
    if (record.kind != RecordKind::kQuery) return;
    ++result_.skipped;
    // A skipped twin's recorded answer still checks a later run of its label.
    if (!record.label.empty()) labels_.emplace(record.label.substr(0, 20), ExpectedHash(record.expected));
  }

  void RunStatement(const Record& record) {
    absl::Time start = absl::Now();
    absl::Status status = db_.writer().Execute(record.sql);
    result_.statement_time += absl::Now() - start;
    if (status.ok() && !KeepsSchema(record.sql)) db_.session().catalog().Invalidate();
    if (status.ok() != record.expect_error) {
      ++result_.statements_ok;
      return;
    }
    ++result_.statements_failed;
    Problem p = NewProblem(record, Outcome::kFailed);
    p.is_statement = true;
    p.message = status.ok() ? "statement succeeded but an error was expected"
                            : absl::StrCat("statement failed in SQLite: ", status.message());
    result_.problems.push_back(std::move(p));
  }

  void RunQuery(const Record& record) {
    absl::Time start = absl::Now();
    CellCollector collector(record.types);
    absl::Status status = Execute(record.sql, collector);
    const absl::Duration took = absl::Now() - start;
    result_.query_time += took;
    result_.query_times.emplace_back(record.line, took);
    if (!status.ok()) {
      ++result_.errors;
      Problem p = NewProblem(record, Outcome::kError);
      p.message = std::string(status.message());
      if (p.message.empty()) p.message = status.ToString();
      result_.problems.push_back(std::move(p));
      return;
    }
    if (collector.columns() != static_cast<int>(record.types.size())) {
      Fail(record, {}, absl::StrCat("expected ", record.types.size(), " columns, got ", collector.columns()));
      return;
    }
    std::vector<std::string> values = SortAndFlatten(std::move(collector.rows()), record.sort);
    Comparison c = CompareValues(values, record.expected, hash_threshold_);
    if (!c.matches) {
      Fail(record, std::move(c.actual), c.detail);
      return;
    }
    if (!record.label.empty()) {
      std::string hash = HashValues(values);
      auto [it, inserted] = labels_.emplace(record.label.substr(0, 20), hash);
      if (!inserted && it->second != hash) {
        Fail(record, std::move(c.actual), absl::StrCat("differs from an earlier query labeled ", record.label));
        return;
      }
    }
    ++result_.passed;
  }

  // Runs `sql` through Tessera under the watchdog.
  absl::Status Execute(const std::string& sql, ResultWriter& writer) {
    Session& session = db_.session();
    ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, session.Parse(sql));
    if (statements.size() != 1) {
      return absl::InvalidArgumentError(absl::StrCat("one statement expected, got ", statements.size()));
    }
    QueryContext ctx;
    watchdog_.Watch(&ctx, options_.query_timeout);
    absl::Status status = session.Execute(statements[0], sql, ctx, writer).status();
    if (watchdog_.Release()) {
      return absl::DeadlineExceededError(
          absl::StrCat("query timed out after ", absl::FormatDuration(options_.query_timeout)));
    }
    return status;
  }

  void Fail(const Record& record, std::vector<std::string> actual, std::string detail) {
    ++result_.failed;
    Problem p = NewProblem(record, Outcome::kFailed);
    p.actual = std::move(actual);
    p.message = std::move(detail);
    result_.problems.push_back(std::move(p));
  }

  Problem NewProblem(const Record& record, Outcome outcome) const {
    Problem p;
    p.file = result_.file;
    p.line = record.line;
    p.outcome = outcome;
    p.sql = record.sql;
    p.expected = record.expected;
    return p;
  }

  const RunnerOptions& options_;
  ScriptDatabase& db_;
  QueryWatchdog& watchdog_;
  FileResult& result_;
  int hash_threshold_ = 8;  // The harness's default.
  std::map<std::string, std::string> labels_;
};

}  // namespace

SltRunner::SltRunner(RunnerOptions options) : options_(std::move(options)) {
  if (options_.work_dir.empty()) {
    const char* tmp = std::getenv("TEST_TMPDIR");
    options_.work_dir = tmp != nullptr ? tmp : "/tmp";
  }
}

FileResult SltRunner::RunFile(const std::string& path) {
  absl::Time start = absl::Now();
  FileResult result;
  result.file = std::filesystem::path(path).filename().string();
  absl::StatusOr<std::string> text = ReadFile(path);
  absl::StatusOr<std::vector<Record>> records =
      text.ok() ? ParseScript(*text, result.file) : absl::StatusOr<std::vector<Record>>(text.status());
  if (!records.ok()) {
    result.status = records.status();
    return result;
  }
  const std::string db_path = absl::StrCat(options_.work_dir, "/slt-", getpid(), "-", ++databases_made_, ".db");
  absl::StatusOr<std::unique_ptr<ScriptDatabase>> db = ScriptDatabase::Create(db_path, options_);
  if (!db.ok()) {
    result.status = db.status();
    return result;
  }
  QueryWatchdog watchdog;
  ScriptRun(options_, **db, watchdog, result).Run(*records);
  result.elapsed = absl::Now() - start;
  return result;
}

std::vector<std::string> ListScripts(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return {path};
  std::vector<std::string> scripts;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".test") scripts.push_back(entry.path().string());
  }
  std::sort(scripts.begin(), scripts.end());
  return scripts;
}

std::string FormatFileLine(const FileResult& r) {
  std::string line = absl::StrCat(r.file, ": ", r.passed, " passed, ", r.failed, " failed, ", r.errors, " errors, ",
                                  r.skipped, " skipped (statements: ", r.statements_ok, " ok, ",
                                  r.statements_failed, " failed, ", r.statements_skipped, " skipped; ",
                                  absl::FormatDuration(absl::Trunc(r.elapsed, absl::Milliseconds(1))), ")");
  if (!r.status.ok()) absl::StrAppend(&line, " STOPPED: ", r.status.message());
  return line;
}

std::string FormatProblem(const Problem& p) {
  const char* what = p.is_statement ? "statement failed" : p.outcome == Outcome::kError ? "error" : "wrong answer";
  std::string out = absl::StrCat(p.file, ":", p.line, ": ", what, ": ", p.message, "\n  SQL:\n");
  auto indent = [&out](absl::string_view text) {
    for (absl::string_view line : absl::StrSplit(text, '\n')) absl::StrAppend(&out, "    ", line, "\n");
  };
  indent(p.sql);
  if (p.is_statement) return out;
  absl::StrAppend(&out, "  expected:\n");
  indent(p.expected.empty() ? "(no rows)" : absl::StrJoin(p.expected, "\n"));
  if (p.outcome == Outcome::kFailed) {
    absl::StrAppend(&out, "  actual:\n");
    indent(p.actual.empty() ? "(no rows)" : absl::StrJoin(p.actual, "\n"));
  }
  return out;
}

}  // namespace tessera::slt
