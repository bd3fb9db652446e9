#include "engine/riverside/sql_table_writer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"

namespace tessera::riverside {

SqlTableWriter::SqlTableWriter(odbc::Connection& connection, std::string schema, std::string target)
    : connection_(connection),
      dialect_(connection.dialect()),
      schema_(std::move(schema)),
      target_(std::move(target)) {}

absl::Status SqlTableWriter::Run(absl::string_view what, const std::string& table,
                                 absl::string_view sql) {
  absl::Status status = connection_.Execute(sql);
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat("cannot ", what, " table \"", table,
                                                  "\" of source ", connection_.source_name(),
                                                  " in ", target_, ": ", status.message()));
}

absl::Status SqlTableWriter::CreateTable(const TableSpec& spec) {
  std::string name = dialect_.QualifiedName(schema_, spec.name);
  RETURN_IF_ERROR(Run("drop", spec.name, absl::StrCat("DROP TABLE IF EXISTS ", name)));
  std::vector<std::string> key = spec.primary_key;
  if (key.empty()) key.push_back(spec.columns[0].name);
  std::string sql = absl::StrCat("CREATE TABLE ", name, " (");
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    const ColumnSpec& column = spec.columns[i];
    bool in_key = std::find(key.begin(), key.end(), column.name) != key.end();
    absl::StrAppend(&sql, i == 0 ? "" : ", ", dialect_.QuoteIdentifier(column.name), " ",
                    dialect_.ColumnTypeName(column.type), in_key ? " NOT NULL" : "");
  }
  std::vector<std::string> quoted;
  for (const std::string& column : key) quoted.push_back(dialect_.QuoteIdentifier(column));
  absl::StrAppend(&sql, ", PRIMARY KEY (", absl::StrJoin(quoted, ", "), "))");
  return Run("create", spec.name, sql);
}

absl::Status SqlTableWriter::InsertRows(const TableLoad& load) {
  const TableSpec& spec = load.spec;
  std::string prefix =
      absl::StrCat("INSERT INTO ", dialect_.QualifiedName(schema_, spec.name), " (");
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    absl::StrAppend(&prefix, i == 0 ? "" : ", ", dialect_.QuoteIdentifier(spec.columns[i].name));
  }
  absl::StrAppend(&prefix, ") VALUES ");

  RETURN_IF_ERROR(connection_.Begin());
  std::vector<Value> values(spec.columns.size(), Value::Null(DataType::Text()));
  std::string sql;
  int64_t row = 0;
  while (row < load.rows) {
    sql = prefix;
    int64_t end = std::min(load.rows, row + kRowsPerInsert);
    for (int64_t r = row; r < end; ++r) {
      load.fill(r, values);
      sql += r == row ? "(" : ",(";
      for (size_t c = 0; c < values.size(); ++c) {
        if (c > 0) sql += ',';
        sql += dialect_.RenderLiteral(values[c]);
      }
      sql += ')';
    }
    absl::Status status = Run("insert into", spec.name, sql);
    if (!status.ok()) {
      // Leave the connection usable; the insert error is what matters.
      connection_.Commit().IgnoreError();
      return absl::Status(status.code(),
                          absl::StrCat(status.message(), " (rows ", row, "-", end - 1, ")"));
    }
    row = end;
  }
  return connection_.Commit();
}

absl::Status SqlTableWriter::CreateIndexes(const TableSpec& spec) {
  for (const std::vector<std::string>& index : spec.indexes) {
    std::vector<std::string> quoted;
    for (const std::string& column : index) quoted.push_back(dialect_.QuoteIdentifier(column));
    // Index names are unique per schema in PostgreSQL and per database in
    // SQLite, so they carry the table name. An index always lives in its
    // table's schema, so its own name is never qualified.
    std::string index_name = absl::StrCat(spec.name, "_", absl::StrJoin(index, "_"), "_idx");
    std::string sql = absl::StrCat("CREATE INDEX ", dialect_.QuoteIdentifier(index_name), " ON ",
                                   dialect_.QualifiedName(schema_, spec.name), " (",
                                   absl::StrJoin(quoted, ", "), ")");
    RETURN_IF_ERROR(Run("index", spec.name, sql));
  }
  return absl::OkStatus();
}

absl::Status SqlTableWriter::Analyze(const TableSpec& spec) {
  std::string name = dialect_.QualifiedName(schema_, spec.name);
  switch (dialect_.kind()) {
    case DialectKind::kMariaDb:
      return Run("analyze", spec.name, absl::StrCat("ANALYZE TABLE ", name));
    default:
      return Run("analyze", spec.name, absl::StrCat("ANALYZE ", name));
  }
}

absl::Status SqlTableWriter::Write(const TableLoad& load) {
  if (load.spec.columns.empty()) {
    return absl::InternalError(absl::StrCat("table \"", load.spec.name, "\" has no columns"));
  }
  RETURN_IF_ERROR(CreateTable(load.spec));
  RETURN_IF_ERROR(InsertRows(load));
  RETURN_IF_ERROR(CreateIndexes(load.spec));
  return Analyze(load.spec);
}

}  // namespace tessera::riverside
