#include "bench/fetch_bench_table.h"

#include <cmath>
#include <cstdlib>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_connection.h"
#include "connectors/odbc/odbc_connector.h"
#include "engine/common/status_macros.h"
#include "engine/exec/query_context.h"
#include "engine/types/decimal.h"

namespace tessera::bench {
namespace {

constexpr char kBenchSchema[] = "tessera_bench";
constexpr char kDefaultSqlitePath[] = "/tmp/tessera_fetch_bench.db";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// The table's definition and generator, per dialect. The rows are the same
// in every database: a patient, a measured value (NULL every 50th row), a fee,
// a 20-40 byte test description, a collection date and a report time.
struct TableDdl {
  std::string create;
  std::string fill;
  std::vector<std::string> after;  // Statistics and visibility maintenance.
};

TableDdl DdlFor(DialectKind dialect) {
  switch (dialect) {
    case DialectKind::kPostgres:
      return {
          "CREATE TABLE fetch_bench (id BIGINT PRIMARY KEY, patient_id INTEGER NOT NULL, "
          "result_value DOUBLE PRECISION, fee NUMERIC(10,2), test_name VARCHAR(40), "
          "collected_on DATE, reported_at TIMESTAMP)",
          "INSERT INTO fetch_bench SELECT g, (g * 7919) % 50000 + 1, "
          "CASE WHEN g % 50 = 0 THEN NULL ELSE (g % 9973) * 0.0173 END, "
          "((g * 37) % 100000) / 100.0, "
          "'lab ' || lpad(g::text, 7, '0') || ' ' || "
          "substr('serum glucose fasting plasma', 1, (8 + g % 21)::int), "
          "DATE '2020-01-01' + (g % 1500)::int, "
          "TIMESTAMP '2020-01-01 00:00:00' + g * INTERVAL '37 seconds' "
          "FROM generate_series(1::bigint, 1000000) g",
          // Sets hint bits and the visibility map now, so that the first
          // timed scan does not pay for writing them.
          {"VACUUM ANALYZE fetch_bench"}};
    case DialectKind::kMariaDb:
      return {
          "CREATE TABLE fetch_bench (id BIGINT PRIMARY KEY, patient_id INT NOT NULL, "
          "result_value DOUBLE, fee DECIMAL(10,2), test_name VARCHAR(40), "
          "collected_on DATE, reported_at DATETIME)",
          "INSERT INTO fetch_bench SELECT seq, (seq * 7919) % 50000 + 1, "
          "IF(seq % 50 = 0, NULL, (seq % 9973) * 0.0173), "
          "((seq * 37) % 100000) / 100.0, "
          "CONCAT('lab ', LPAD(seq, 7, '0'), ' ', "
          "SUBSTR('serum glucose fasting plasma', 1, 8 + seq % 21)), "
          "DATE_ADD('2020-01-01', INTERVAL seq % 1500 DAY), "
          "TIMESTAMPADD(SECOND, seq * 37, '2020-01-01 00:00:00') "
          "FROM seq_1_to_1000000",
          {"ANALYZE TABLE fetch_bench"}};
    case DialectKind::kSqlite:
      // INTEGER PRIMARY KEY is SQLite's 64-bit key that is the rowid itself;
      // BIGINT PRIMARY KEY would add a separate index and make keyset pages
      // look rows up through it.
      return {
          "CREATE TABLE fetch_bench (id INTEGER PRIMARY KEY, patient_id INTEGER NOT NULL, "
          "result_value DOUBLE, fee DECIMAL(10,2), test_name VARCHAR(40), "
          "collected_on DATE, reported_at TIMESTAMP)",
          "WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < 1000000) "
          "INSERT INTO fetch_bench SELECT g, (g * 7919) % 50000 + 1, "
          "CASE WHEN g % 50 = 0 THEN NULL ELSE (g % 9973) * 0.0173 END, "
          "((g * 37) % 100000) / 100.0, "
          "'lab ' || printf('%07d', g) || ' ' || "
          "substr('serum glucose fasting plasma', 1, 8 + g % 21), "
          "date('2020-01-01', '+' || (g % 1500) || ' days'), "
          "datetime('2020-01-01 00:00:00', '+' || (g * 37) || ' seconds') FROM c",
          {"ANALYZE"}};
  }
  return {};
}

// Reads an aggregate whatever type the driver reports it as (SUM is DECIMAL
// in MariaDB, NUMERIC in PostgreSQL, untyped in SQLite).
absl::StatusOr<int64_t> AsInt64(const Value& v) {
  if (v.is_null()) return int64_t{0};
  switch (v.type().id) {
    case TypeId::kDouble:
      return static_cast<int64_t>(std::llround(v.double_value()));
    case TypeId::kText: {
      int64_t out = 0;
      if (!absl::SimpleAtoi(v.text_value(), &out)) {
        return absl::InternalError(absl::StrCat("not an integer: \"", v.text_value(), "\""));
      }
      return out;
    }
    case TypeId::kDecimal:
      return v.int64_value() / PowerOfTen(v.type().scale);
    default:
      return v.int64_value();
  }
}

// The table's facts, or an error when it is missing or has other columns.
absl::StatusOr<TableFacts> ReadFacts(const BenchSource& source) {
  odbc::OdbcConnector connector({.name = source.name,
                                 .connection_string = source.connection_string,
                                 .dialect = source.dialect,
                                 .schema = source.schema});
  QueryContext ctx;
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream,
                   connector.Scan({.sql = "SELECT COUNT(*), SUM(id), COUNT(result_value), "
                                          "SUM(LENGTH(test_name)), COUNT(patient_id), COUNT(fee), "
                                          "COUNT(collected_on), COUNT(reported_at), COUNT(test_name) "
                                          "FROM fetch_bench"},
                                  ctx));
  RowBatch batch(stream->schema());
  ASSIGN_OR_RETURN(bool got, stream->Next(batch));
  if (!got || batch.num_rows() != 1) return absl::InternalError("the facts query returned no row");
  int64_t v[9];
  for (int c = 0; c < 9; ++c) {
    ASSIGN_OR_RETURN(v[c], AsInt64(batch.column(c).GetValue(0)));
  }
  while (true) {  // Drains the stream so that its connection is reusable.
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
  }
  TableFacts facts;
  facts.rows = v[0];
  facts.id_sum = v[1];
  // id plus the non-NULL counts of every other fixed-width column.
  int64_t fixed = v[0] + v[2] + v[4] + v[5] + v[6] + v[7];
  facts.non_null_values = fixed + v[8];
  facts.value_bytes = 8 * fixed + v[3];
  return facts;
}

absl::Status CreateTable(const BenchSource& source) {
  using odbc::AccessMode;
  using odbc::Connection;
  if (!source.schema.empty()) {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> admin,
                     Connection::Open(source.name, source.connection_string, source.dialect,
                                      AccessMode::kReadWrite));
    const char* create = source.dialect == DialectKind::kPostgres ? "CREATE SCHEMA IF NOT EXISTS "
                                                                  : "CREATE DATABASE IF NOT EXISTS ";
    RETURN_IF_ERROR(admin->Execute(
        absl::StrCat(create, DialectFor(source.dialect).QuoteIdentifier(source.schema))));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn,
                   Connection::Open(source.name, source.connection_string, source.dialect,
                                    AccessMode::kReadWrite, source.schema));
  TableDdl ddl = DdlFor(source.dialect);
  RETURN_IF_ERROR(conn->Execute("DROP TABLE IF EXISTS fetch_bench"));
  RETURN_IF_ERROR(conn->Execute(ddl.create));
  RETURN_IF_ERROR(conn->Execute(ddl.fill));
  for (const std::string& sql : ddl.after) RETURN_IF_ERROR(conn->Execute(sql));
  return absl::OkStatus();
}

}  // namespace

std::vector<BenchSource> AvailableSources(std::vector<std::string>* skipped) {
  std::vector<BenchSource> out;
  std::string path = Env("TESSERA_BENCH_SQLITE");
  if (path.empty()) path = kDefaultSqlitePath;
  out.push_back({"sqlite", DialectKind::kSqlite, absl::StrCat("Driver=SQLite3;Database=", path), "",
                 path});
  struct Server {
    const char* name;
    const char* var;
    DialectKind dialect;
  };
  for (const Server& s : {Server{"postgresql", "TESSERA_PG_CONN", DialectKind::kPostgres},
                          Server{"mariadb", "TESSERA_MARIADB_CONN", DialectKind::kMariaDb}}) {
    std::string conn = Env(s.var);
    if (conn.empty()) {
      skipped->push_back(absl::StrCat(s.name, ": skipped, ", s.var,
                                      " is not set (eval \"$(bash scripts/lib/servers.sh env)\")"));
      continue;
    }
    out.push_back({s.name, s.dialect, conn, kBenchSchema, ""});
  }
  return out;
}

std::string FetchSql(const BenchSource& source) {
  return absl::StrCat(
      "SELECT id, patient_id, result_value, fee, test_name, collected_on, reported_at FROM ",
      DialectFor(source.dialect).QualifiedName(source.schema, "fetch_bench"));
}

absl::StatusOr<TableFacts> EnsureFetchBenchTable(const BenchSource& source) {
  absl::StatusOr<TableFacts> facts = ReadFacts(source);
  if (facts.ok() && facts->rows == kFetchBenchRows) return facts;
  RETURN_IF_ERROR(CreateTable(source));
  ASSIGN_OR_RETURN(TableFacts created, ReadFacts(source));
  if (created.rows != kFetchBenchRows) {
    return absl::InternalError(absl::StrCat("fetch_bench holds ", created.rows, " rows after creation, not ",
                                            kFetchBenchRows));
  }
  return created;
}

}  // namespace tessera::bench
