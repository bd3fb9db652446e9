#include "connectors/dialect.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/double_format.h"

namespace tessera {
namespace {

// Doubles are rendered in the shortest form that reads back bit-identically,
// with a point so that the source reads a double, not an integer. SQL has no
// spelling for NaN or infinity that all three dialects share.
std::string RenderDouble(double v) {
  if (std::isnan(v) || std::isinf(v)) return "NULL";
  std::string s = FormatDouble(v);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// Everything the three dialects share; each subclass overrides what differs.
class StandardDialect : public Dialect {
 public:
  std::string QuoteIdentifier(absl::string_view name) const override {
    return absl::StrCat("\"", absl::StrReplaceAll(name, {{"\"", "\"\""}}), "\"");
  }

  std::string RenderLiteral(const Value& value) const override {
    if (value.is_null()) return "NULL";
    switch (value.type().id) {
      case TypeId::kBool:
        return value.bool_value() ? "TRUE" : "FALSE";
      case TypeId::kInt64:
        return absl::StrCat(value.int64_value());
      case TypeId::kDouble:
        return RenderDouble(value.double_value());
      case TypeId::kDecimal:
        return FormatDecimal(value.int64_value(), value.type().scale);
      case TypeId::kText:
        return QuoteText(value.text_value());
      case TypeId::kDate:
        return DateLiteral(FormatDate(value.int64_value()));
      case TypeId::kTimestamp:
        return TimestampLiteral(FormatTimestamp(value.int64_value()));
    }
    return "NULL";
  }

  std::string ColumnTypeName(const DataType& type) const override {
    switch (type.id) {
      case TypeId::kBool:
        return "BOOLEAN";
      case TypeId::kInt64:
        return "BIGINT";
      case TypeId::kDouble:
        return "DOUBLE PRECISION";
      case TypeId::kDecimal:
        return absl::StrCat("DECIMAL(18,", type.scale, ")");
      case TypeId::kText:
        return "TEXT";
      case TypeId::kDate:
        return "DATE";
      case TypeId::kTimestamp:
        return "TIMESTAMP";
    }
    return "TEXT";
  }

 protected:
  virtual std::string QuoteText(absl::string_view text) const {
    return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "''"}}), "'");
  }
  virtual std::string DateLiteral(absl::string_view text) const {
    return absl::StrCat("DATE '", text, "'");
  }
  virtual std::string TimestampLiteral(absl::string_view text) const {
    return absl::StrCat("TIMESTAMP '", text, "'");
  }
};

class SqliteDialect : public StandardDialect {
 public:
  DialectKind kind() const override { return DialectKind::kSqlite; }
  absl::string_view name() const override { return "SQLite"; }

  // SQLite keeps dates and timestamps as ISO text and booleans as 0/1; the
  // declared column types let the ODBC driver report the engine's types.
  std::string RenderLiteral(const Value& value) const override {
    if (!value.is_null() && value.type().id == TypeId::kBool) {
      return value.bool_value() ? "1" : "0";
    }
    return StandardDialect::RenderLiteral(value);
  }

 protected:
  std::string DateLiteral(absl::string_view text) const override {
    return absl::StrCat("'", text, "'");
  }
  std::string TimestampLiteral(absl::string_view text) const override {
    return absl::StrCat("'", text, "'");
  }
};

// With standard_conforming_strings (the default since 9.1) a backslash is an
// ordinary character in PostgreSQL, so doubling quotes is the whole escaping.
class PostgresDialect : public StandardDialect {
 public:
  DialectKind kind() const override { return DialectKind::kPostgres; }
  absl::string_view name() const override { return "PostgreSQL"; }

};

class MariaDbDialect : public StandardDialect {
 public:
  DialectKind kind() const override { return DialectKind::kMariaDb; }
  absl::string_view name() const override { return "MariaDB"; }

  std::string QuoteIdentifier(absl::string_view name) const override {
    return absl::StrCat("`", absl::StrReplaceAll(name, {{"`", "``"}}), "`");
  }

  std::string ColumnTypeName(const DataType& type) const override {
    switch (type.id) {
      case TypeId::kText:
        // TEXT cannot carry an index without a prefix length; VARCHAR can.
        return "VARCHAR(255)";
      case TypeId::kTimestamp:
        // MariaDB's TIMESTAMP is time-zone converted and 1970-2038 only.
        return "DATETIME(6)";
      case TypeId::kDouble:
        return "DOUBLE";
      default:
        return StandardDialect::ColumnTypeName(type);
    }
  }

 protected:
  // MariaDB reads backslash escapes in string literals unless the session
  // sets NO_BACKSLASH_ESCAPES, so backslashes are doubled as well.
  std::string QuoteText(absl::string_view text) const override {
    return absl::StrCat("'", absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"'", "''"}}), "'");
  }
};

}  // namespace

std::string Dialect::LimitClause(std::optional<int64_t> limit, int64_t offset) const {
  std::string out;
  if (limit.has_value()) {
    absl::StrAppend(&out, " LIMIT ", *limit);
  } else if (offset > 0) {
    // SQLite and MariaDB accept OFFSET only after a LIMIT; the largest
    // signed 64-bit value means "no limit" in both.
    absl::StrAppend(&out, " LIMIT ", kind() == DialectKind::kPostgres ? "ALL" : "9223372036854775807");
  }
  if (offset > 0) absl::StrAppend(&out, " OFFSET ", offset);
  return out;
}

std::string Dialect::QualifiedName(absl::string_view schema, absl::string_view table) const {
  if (schema.empty()) return QuoteIdentifier(table);
  return absl::StrCat(QuoteIdentifier(schema), ".", QuoteIdentifier(table));
}

const Dialect& DialectFor(DialectKind kind) {
  static const SqliteDialect sqlite;
  static const PostgresDialect postgres;
  static const MariaDbDialect mariadb;
  switch (kind) {
    case DialectKind::kSqlite:
      return sqlite;
    case DialectKind::kPostgres:
      return postgres;
    case DialectKind::kMariaDb:
      return mariadb;
  }
  return sqlite;
}

absl::StatusOr<DialectKind> ParseDialectKind(absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(name);
  if (lower == "sqlite") return DialectKind::kSqlite;
  if (lower == "postgresql" || lower == "postgres") return DialectKind::kPostgres;
  if (lower == "mariadb" || lower == "mysql") return DialectKind::kMariaDb;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown SQL dialect \"", name, "\" (expected sqlite, postgresql or mariadb)"));
}

}  // namespace tessera
