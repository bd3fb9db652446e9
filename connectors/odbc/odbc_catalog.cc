#include "connectors/odbc/odbc_catalog.h"

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_error.h"
#include "connectors/odbc/odbc_statement.h"
#include "connectors/odbc/type_mapping.h"
#include "engine/common/status_macros.h"

namespace tessera::odbc {
namespace {

// Catalog results are small, so cells are read one at a time.
std::string GetText(SQLHSTMT stmt, SQLUSMALLINT col) {
  char buf[512];
  SQLLEN ind = 0;
  SQLRETURN rc = SQLGetData(stmt, col, SQL_C_CHAR, buf, sizeof(buf), &ind);
  if (!SQL_SUCCEEDED(rc) || ind == SQL_NULL_DATA) return "";
  return std::string(buf, std::min<SQLLEN>(ind, sizeof(buf) - 1));
}

int64_t GetInt(SQLHSTMT stmt, SQLUSMALLINT col) {
  SQLBIGINT v = 0;
  SQLLEN ind = 0;
  SQLRETURN rc = SQLGetData(stmt, col, SQL_C_SBIGINT, &v, sizeof(v), &ind);
  if (!SQL_SUCCEEDED(rc) || ind == SQL_NULL_DATA) return 0;
  return v;
}

// MariaDB calls a database a catalog; PostgreSQL calls it a schema.
struct CatalogArgs {
  SQLCHAR* catalog = nullptr;
  SQLSMALLINT catalog_len = 0;
  SQLCHAR* schema = nullptr;
  SQLSMALLINT schema_len = 0;
};

CatalogArgs ArgsFor(const Connection& conn, std::string& schema) {
  CatalogArgs args;
  if (schema.empty()) return args;
  auto* p = reinterpret_cast<SQLCHAR*>(schema.data());
  auto n = static_cast<SQLSMALLINT>(schema.size());
  switch (conn.dialect().kind()) {
    case DialectKind::kMariaDb:
      args.catalog = p;
      args.catalog_len = n;
      break;
    case DialectKind::kPostgres:
      args.schema = p;
      args.schema_len = n;
      break;
    case DialectKind::kSqlite:
      break;
  }
  return args;
}

// The first row's first column of `sql` as text, or nullopt when the query
// fails or returns no row or NULL.
std::optional<std::string> QueryOneCell(Connection& conn, const std::string& sql) {
  absl::StatusOr<Statement> stmt = Statement::Allocate(conn);
  if (!stmt.ok()) return std::nullopt;
  std::string text = sql;
  SQLRETURN rc = SQLExecDirect(stmt->handle(), reinterpret_cast<SQLCHAR*>(text.data()), SQL_NTS);
  if (!SQL_SUCCEEDED(rc) || !SQL_SUCCEEDED(SQLFetch(stmt->handle()))) return std::nullopt;
  char buf[128];
  SQLLEN ind = 0;
  rc = SQLGetData(stmt->handle(), 1, SQL_C_CHAR, buf, sizeof(buf), &ind);
  if (!SQL_SUCCEEDED(rc) || ind == SQL_NULL_DATA || ind < 0) return std::nullopt;
  return std::string(buf, std::min<SQLLEN>(ind, sizeof(buf) - 1));
}

// A leading non-negative integer of `text` ("1000 1" -> 1000; "994.0" -> 994).
std::optional<int64_t> LeadingCount(const std::optional<std::string>& text) {
  if (!text.has_value()) return std::nullopt;
  size_t end = 0;
  while (end < text->size() && absl::ascii_isdigit((*text)[end])) ++end;
  int64_t v = 0;
  if (end == 0 || !absl::SimpleAtoi(absl::string_view(*text).substr(0, end), &v)) return std::nullopt;
  return v;
}

// Rows the SQLite table holds at most, counted: the fallback when neither
// statistics nor rowids answer.
constexpr int64_t kSqliteCountCap = 1000000;

}  // namespace

std::optional<int64_t> EstimateTableRows(Connection& conn, absl::string_view table) {
  const Dialect& d = conn.dialect();
  const std::string name = d.RenderLiteral(Value::Text(std::string(table)));
  switch (d.kind()) {
    case DialectKind::kPostgres: {
      // Live tuples as the statistics collector counts them (current after
      // bulk loads), else the planner's reltuples (-1: never analyzed).
      const std::string regclass = d.RenderLiteral(Value::Text(d.QuoteIdentifier(table)));
      return LeadingCount(QueryOneCell(
          conn, absl::StrCat("SELECT CASE WHEN s.n_live_tup > 0 THEN s.n_live_tup "
                             "WHEN c.reltuples >= 0 THEN c.reltuples::bigint END "
                             "FROM pg_class c LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid "
                             "WHERE c.oid = to_regclass(",
                             regclass, ")")));
    }
    case DialectKind::kMariaDb:
      return LeadingCount(QueryOneCell(
          conn, absl::StrCat("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                             "AND TABLE_NAME = ",
                             name)));
    case DialectKind::kSqlite: {
      // ANALYZE's statistics when present (the first number of a stat row is
      // the table's rows), else the largest rowid (no deletes in a loaded
      // file), else a count that stops at kSqliteCountCap.
      if (QueryOneCell(conn, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")) {
        if (auto n = LeadingCount(QueryOneCell(
                conn, absl::StrCat("SELECT stat FROM sqlite_stat1 WHERE tbl = ", name, " LIMIT 1")))) {
          return n;
        }
      }
      const std::string quoted = d.QuoteIdentifier(table);
      if (auto n = LeadingCount(QueryOneCell(conn, absl::StrCat("SELECT max(rowid) FROM ", quoted)))) return n;
      return LeadingCount(QueryOneCell(
          conn, absl::StrCat("SELECT count(*) FROM (SELECT 1 FROM ", quoted, " LIMIT ", kSqliteCountCap, ")")));
    }
  }
  return std::nullopt;
}

absl::StatusOr<std::vector<std::string>> ListCatalogTables(Connection& conn, absl::string_view schema) {
  ASSIGN_OR_RETURN(Statement stmt, Statement::Allocate(conn));
  std::string schema_copy(schema);
  CatalogArgs args = ArgsFor(conn, schema_copy);
  SQLCHAR types[] = "TABLE,VIEW";
  SQLRETURN rc = SQLTables(stmt.handle(), args.catalog, args.catalog_len, args.schema,
                           args.schema_len, nullptr, 0, types, SQL_NTS);
  RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_STMT, stmt.handle(), conn.source_name(), "SQLTables"));
  std::vector<std::string> tables;
  while (SQL_SUCCEEDED(rc = SQLFetch(stmt.handle()))) {
    std::string name = GetText(stmt.handle(), 3);
    if (conn.dialect().kind() == DialectKind::kSqlite && absl::StartsWith(name, "sqlite_")) continue;
    tables.push_back(std::move(name));
  }
  RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_STMT, stmt.handle(), conn.source_name(), "SQLTables fetch"));
  std::sort(tables.begin(), tables.end());
  return tables;
}

absl::StatusOr<TableInfo> DescribeCatalogTable(Connection& conn, absl::string_view schema,
                                               absl::string_view table) {
  TableInfo info;
  info.name = std::string(table);
  std::string schema_copy(schema);
  std::string table_copy(table);
  {
    ASSIGN_OR_RETURN(Statement stmt, Statement::Allocate(conn));
    CatalogArgs args = ArgsFor(conn, schema_copy);
    SQLRETURN rc = SQLColumns(stmt.handle(), args.catalog, args.catalog_len, args.schema,
                              args.schema_len, reinterpret_cast<SQLCHAR*>(table_copy.data()),
                              static_cast<SQLSMALLINT>(table_copy.size()), nullptr, 0);
    RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_STMT, stmt.handle(), conn.source_name(), "SQLColumns"));
    while (SQL_SUCCEEDED(rc = SQLFetch(stmt.handle()))) {
      // SQLColumns: 4 COLUMN_NAME, 5 DATA_TYPE, 6 TYPE_NAME, 7 COLUMN_SIZE,
      // 9 DECIMAL_DIGITS, 11 NULLABLE (ODBC 3 numbering).
      ColumnInfo col;
      col.name = GetText(stmt.handle(), 4);
      auto sql_type = static_cast<SQLSMALLINT>(GetInt(stmt.handle(), 5));
      col.native_type = absl::AsciiStrToLower(GetText(stmt.handle(), 6));
      auto size = static_cast<SQLULEN>(GetInt(stmt.handle(), 7));
      auto digits = static_cast<SQLSMALLINT>(GetInt(stmt.handle(), 9));
      col.nullable = GetInt(stmt.handle(), 11) != SQL_NO_NULLS;
      col.type = BindingFor(sql_type, size, digits, kMaxBoundTextBytes, col.native_type).type;
      info.columns.push_back(std::move(col));
    }
    RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_STMT, stmt.handle(), conn.source_name(), "SQLColumns fetch"));
  }
  if (info.columns.empty()) {
    return absl::NotFoundError(absl::StrCat("source \"", conn.source_name(), "\" has no table \"",
                                            table, "\""));
  }
  {
    ASSIGN_OR_RETURN(Statement stmt, Statement::Allocate(conn));
    CatalogArgs args = ArgsFor(conn, schema_copy);
    SQLRETURN rc = SQLPrimaryKeys(stmt.handle(), args.catalog, args.catalog_len, args.schema,
                                  args.schema_len, reinterpret_cast<SQLCHAR*>(table_copy.data()),
                                  static_cast<SQLSMALLINT>(table_copy.size()));
    // Primary keys are a hint for paging; a driver that cannot list them
    // leaves the key empty rather than failing the description.
    if (SQL_SUCCEEDED(rc)) {
      std::vector<std::pair<int64_t, std::string>> keys;
      while (SQL_SUCCEEDED(SQLFetch(stmt.handle()))) {
        keys.emplace_back(GetInt(stmt.handle(), 5), GetText(stmt.handle(), 4));
      }
      std::sort(keys.begin(), keys.end());
      for (auto& [seq, name] : keys) info.primary_key.push_back(std::move(name));
    }
  }
  info.estimated_rows = EstimateTableRows(conn, table);
  return info;
}

}  // namespace tessera::odbc
