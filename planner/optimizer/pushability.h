// File: planner/optimizer/pushability.h
//
// Which expressions and operators a source computes with exactly the
// engine's meaning. SQLite, PostgreSQL and MariaDB differ in NULL ordering,
// integer division, string collation and case rules, so each dialect gets
// only what it is known to compute the same way. Some conditions can be sent
// as a superset: MariaDB's case-insensitive `=` returns every row the exact
// `=` would and a few more, so it is pushed and also rechecked locally.

#ifndef TESSERA_PLANNER_OPTIMIZER_PUSHABILITY_H_
#define TESSERA_PLANNER_OPTIMIZER_PUSHABILITY_H_

#include "connectors/dialect.h"
#include "engine/expr/expr.h"

namespace tessera {

enum class Pushability {
  kNo,        // Computed locally.
  kSuperset,  // As a top-level filter condition: pushed, and rechecked locally.
  kExact,     // Pushed; the source's answer is the engine's.
};

// For a filter condition (a top-level conjunct).
Pushability ConditionPushability(const Expr& condition, DialectKind dialect);

// For any other expression (projections, keys, join conditions): exact or not.
bool CanPushExact(const Expr& expr, DialectKind dialect);

bool CanPushAggregate(const AggregateExpr& aggregate, DialectKind dialect);

// Whether sorting, grouping or DISTINCT on a value of `type` orders and
// compares it as the engine does (bytewise for text).
bool CanPushOrdering(const DataType& type, DialectKind dialect);

}  // namespace tessera

#endif  // TESSERA_PLANNER_OPTIMIZER_PUSHABILITY_H_
