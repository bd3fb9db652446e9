// File: planner/logical/cardinality.h
//
// How many rows a plan node will produce, roughly: the sources' table
// estimates (TableInfo::estimated_rows) carried up through the plan with
// fixed selectivity guesses for filters and joins. The planner uses it to
// order joins and to pick the side of a join to build on or to send as keys;
// EXPLAIN shows it beside each remote scan. Only comparisons between
// estimates are meant: they are right in order of magnitude at best.

#ifndef TESSERA_PLANNER_LOGICAL_CARDINALITY_H_
#define TESSERA_PLANNER_LOGICAL_CARDINALITY_H_

#include <optional>

#include "engine/expr/expr.h"
#include "planner/logical/logical_plan.h"

namespace tessera {

// The estimated output rows of `node`, or nullopt when a table under it has
// no estimate.
std::optional<double> EstimateRows(const LogicalNode& node);

// The guessed fraction of rows `predicate` keeps (0..1).
double Selectivity(const Expr& predicate);

}  // namespace tessera

#endif  // TESSERA_PLANNER_LOGICAL_CARDINALITY_H_
