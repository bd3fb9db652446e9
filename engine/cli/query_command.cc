// `tessera query`: one query, its result on standard output.

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/cli/interrupt.h"
#include "engine/cli/open_sources.h"
#include "engine/cli/query_error.h"
#include "engine/format/result_writer.h"
#include "engine/session/session.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& QueryFlags() {
  static const std::vector<FlagSpec> flags = {
      {"source", "NAME", "send the query unchanged to this one source, in its own SQL dialect (default: plan it over every source)", ""},
      {"e", "SQL", "the query (or give it as the last argument)", ""},
      {"format", "FORMAT", "output format: table, csv or jsonl", "table"},
      {"config", "FILE", "configuration file (default: the embedded default in the home folder)", ""},
      {"home", "DIR", "home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)", ""},
      {"timing", "", "print the elapsed time and row count to standard error", ""},
      {"timeout", "SECONDS", "cancel the query (at its sources too) after this long; 0 for no limit", "0"},
      {"memory-limit", "MB", "fail the query rather than hold more than this in joins, sorts and queues", "2048"},
  };
  return flags;
}

constexpr char kQueryUsage[] =
    "Usage: tessera query [FLAGS] \"SQL\"\n\n"
    "Runs a query (PostgreSQL dialect) over every configured source and prints its\n"
    "result. Tables are named source.table; EXPLAIN shows each source's sub-query.\n"
    "With --source, the SQL goes to that one source as written, in the source's\n"
    "own dialect, over a read-only session.\n\n"
    "Examples:\n"
    "  tessera query \"SELECT count(*) FROM lab.lab_result\"\n"
    "  tessera query --format csv -e \"EXPLAIN SELECT * FROM ehr.patient LIMIT 5\"\n"
    "  tessera query --source ehr \"SELECT 40 + 2\"\n\n";

int Fail(const absl::Status& status) {
  std::cerr << "tessera query: " << status.message() << "\n";
  return kExitError;
}

// Plans the query over every source and runs it.
int RunFederated(const std::string& sql, SourceRegistry& sources, OutputFormat format, bool timing,
                 absl::Duration timeout, int64_t memory_limit_mb) {
  SessionOptions options;
  options.memory_limit_bytes = memory_limit_mb << 20;
  Session session(&sources, options);
  absl::StatusOr<std::vector<ast::Statement>> statements = session.Parse(sql);
  if (!statements.ok()) {
    std::cerr << FormatQueryError(statements.status(), sql);
    return kExitError;
  }
  QueryContext ctx(timeout == absl::ZeroDuration() ? absl::InfiniteFuture() : absl::Now() + timeout);
  CancelOnInterrupt interrupt(ctx);
  for (const ast::Statement& statement : *statements) {
    std::unique_ptr<ResultWriter> writer = MakeResultWriter(format, std::cout);
    absl::StatusOr<StatementResult> result = session.Execute(statement, sql, ctx, *writer);
    if (!result.ok()) {
      std::cout.flush();
      std::cerr << FormatQueryError(result.status(), sql);
      return kExitError;
    }
    if (timing) {
      std::cerr << absl::StrFormat("%d rows in %.1f ms\n", result->rows, absl::ToDoubleMilliseconds(result->elapsed));
    }
  }
  return kExitOk;
}

}  // namespace

int RunQuery(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, QueryFlags());
  if (!args.ok()) {
    std::cerr << "tessera query: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->help) {
    std::cout << kQueryUsage << FlagsHelp(QueryFlags());
    return kExitOk;
  }
  std::string sql = args->Get("e");
  if (sql.empty() && args->positionals.size() == 1) sql = args->positionals[0];
  if (sql.empty() || args->positionals.size() > (args->Has("e") ? 0 : 1)) {
    std::cerr << "tessera query: give exactly one query, as -e \"SQL\" or as the last argument\n";
    return kExitUsage;
  }
  absl::StatusOr<OutputFormat> format = ParseOutputFormat(args->Get("format"));
  if (!format.ok()) {
    std::cerr << "tessera query: " << format.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<SourceRegistry>> sources = OpenSources(args->Get("config"), args->Get("home"));
  if (!sources.ok()) return Fail(sources.status());
  absl::StatusOr<double> timeout = args->GetDouble("timeout");
  if (!timeout.ok() || *timeout < 0) {
    std::cerr << "tessera query: --timeout takes a number of seconds\n";
    return kExitUsage;
  }
  absl::StatusOr<int64_t> memory_limit = args->GetInt("memory-limit");
  if (!memory_limit.ok() || *memory_limit < 1) {
    std::cerr << "tessera query: --memory-limit takes a whole number of megabytes\n";
    return kExitUsage;
  }
  if (!args->Has("source")) {
    return RunFederated(sql, **sources, *format, args->Has("timing"), absl::Seconds(*timeout), *memory_limit);
  }
  absl::StatusOr<Connector*> source = (*sources)->Find(args->Get("source"));
  if (!source.ok()) return Fail(source.status());

  absl::Time start = absl::Now();
  QueryContext ctx;
  CancelOnInterrupt interrupt(ctx);
  absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = (*source)->Scan(ScanRequest{.sql = sql}, ctx);
  if (!stream.ok()) return Fail(stream.status());
  std::unique_ptr<ResultWriter> writer = MakeResultWriter(*format, std::cout);
  RowBatch batch((*stream)->schema());
  writer->Begin(*(*stream)->schema());
  int64_t rows = 0;
  while (true) {
    absl::StatusOr<bool> more = (*stream)->Next(batch);
    if (!more.ok()) {
      std::cout.flush();
      return Fail(more.status());
    }
    if (!*more) break;
    writer->Write(batch);
    rows += batch.num_rows();
  }
  writer->End(rows);
  if (args->Has("timing")) {
    std::cerr << absl::StrFormat("%d rows in %.1f ms\n", rows,
                                 absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  return kExitOk;
}

}  // namespace tessera::cli
