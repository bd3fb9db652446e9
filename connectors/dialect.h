// File: connectors/dialect.h
//
// How one kind of SQL source spells things: identifiers, literals, types and
// row limits. Every piece of SQL Tessera sends to a source is generated through
// a Dialect, so a name or a value can never change the statement's shape.

#ifndef TESSERA_CONNECTORS_DIALECT_H_
#define TESSERA_CONNECTORS_DIALECT_H_

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"

namespace tessera {

enum class DialectKind { kSqlite, kPostgres, kMariaDb };

class Dialect {
 public:
  virtual ~Dialect() = default;

  virtual DialectKind kind() const = 0;

  // A human-readable name: "SQLite", "PostgreSQL", "MariaDB".
  virtual absl::string_view name() const = 0;

  // Quotes `name` so that it is read as exactly that identifier, whatever it
  // contains: "a""b" for PostgreSQL and SQLite, `a``b` for MariaDB.
  virtual std::string QuoteIdentifier(absl::string_view name) const = 0;

  // Renders `value` as a literal of its type that the source reads back as the
  // same value. Text is quoted and escaped for the dialect; NULL is "NULL".
  virtual std::string RenderLiteral(const Value& value) const = 0;

  // The column type used when creating a table holding `type`.
  virtual std::string ColumnTypeName(const DataType& type) const = 0;

  // The clause that follows ORDER BY to keep `limit` rows after skipping
  // `offset`: " LIMIT 10 OFFSET 5". Empty when neither is set.
  virtual std::string LimitClause(std::optional<int64_t> limit, int64_t offset) const;

  // "schema"."table" (or "table" when `schema` is empty), quoted.
  std::string QualifiedName(absl::string_view schema, absl::string_view table) const;
};

// The one Dialect instance of each kind.
const Dialect& DialectFor(DialectKind kind);

// Reads "sqlite", "postgresql" (or "postgres"), "mariadb" (or "mysql").
absl::StatusOr<DialectKind> ParseDialectKind(absl::string_view name);

}  // namespace tessera

#endif  // TESSERA_CONNECTORS_DIALECT_H_
