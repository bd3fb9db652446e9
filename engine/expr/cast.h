// File: engine/expr/cast.h
//
// CAST between the engine's types with PostgreSQL's behaviour, for the kCast
// node and for anyone converting constants (the binder folds literals with
// CastValue so that a folded constant equals the evaluated one).
//
// The conversions, where PostgreSQL has them:
//   text -> any     parses as the type's input function does (parse_text.h);
//   any -> text     prints as ColumnVector::FormatCell ("true", "12.50");
//   double -> bigint rounds half to even (rint), decimal -> bigint and
//                   decimal scale changes round half away from zero, both
//                   fail with "bigint out of range" / "numeric field overflow";
//   double -> decimal goes through 15 significant digits, as PostgreSQL's
//                   float8 -> numeric does (2.675 -> 2.68 at scale 2);
//   date <-> timestamp at midnight / dropping the time of day;
//   bigint <-> boolean (PostgreSQL has this for integer, the engine's only
//                   integer type is bigint).
// Other pairs fail with InvalidArgument("cannot cast type date to bigint").

#ifndef TESSERA_ENGINE_EXPR_CAST_H_
#define TESSERA_ENGINE_EXPR_CAST_H_

#include "absl/status/statusor.h"
#include "engine/types/column_vector.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"

namespace tessera {

// `value` as `type`; NULL stays NULL (of `type`).
absl::StatusOr<Value> CastValue(const Value& value, const DataType& type);

// Every cell of `column` as `type`.
absl::StatusOr<ColumnVector> CastColumn(const ColumnVector& column, const DataType& type);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXPR_CAST_H_
