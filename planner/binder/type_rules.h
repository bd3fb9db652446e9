// File: planner/binder/type_rules.h
//
// How SQL types combine, following PostgreSQL where the engine's types
// allow: the type names a query may write, the common type of two operands,
// and the implicit coercion of untyped string literals ('2024-01-01'
// compared with a date is a date).

#ifndef TESSERA_PLANNER_BINDER_TYPE_RULES_H_
#define TESSERA_PLANNER_BINDER_TYPE_RULES_H_

#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/expr/expr.h"
#include "engine/types/data_type.h"

namespace tessera {

// "integer", "bigint", "numeric(10,2)", "double precision", "text",
// "varchar(20)", "date", "timestamp", "boolean" and their aliases.
absl::StatusOr<DataType> ParseTypeName(absl::string_view name);

bool IsNumeric(const DataType& t);

// The type both operands are converted to before comparing or combining
// them; nullopt when they do not mix (text and integer, date and boolean).
std::optional<DataType> CommonType(const DataType& a, const DataType& b);

// `expr` converted to `type`: itself when it already is, a constant folded
// by the evaluator's own cast (engine/expr/cast.h) when it is a literal,
// otherwise a kCast node.
absl::StatusOr<std::unique_ptr<Expr>> CoerceTo(std::unique_ptr<Expr> expr, const DataType& type);

}  // namespace tessera

#endif  // TESSERA_PLANNER_BINDER_TYPE_RULES_H_
