// File: planner/physical/sql_generator.h
//
// Generates the SQL a source runs for a remote subtree of the plan, in the
// source's dialect. Everything in it comes from the plan: identifiers are
// quoted and values rendered by the Dialect, so no text of the user's query
// is ever pasted into a sub-query. Operators are folded into one SELECT where
// SQL's clause order allows it (FROM, WHERE, GROUP BY, select list, ORDER BY,
// LIMIT) and nested as a derived table where it does not.

#ifndef TESSERA_PLANNER_PHYSICAL_SQL_GENERATOR_H_
#define TESSERA_PLANNER_PHYSICAL_SQL_GENERATOR_H_

#include <string>

#include "absl/status/statusor.h"
#include "connectors/dialect.h"
#include "planner/logical/logical_plan.h"

namespace tessera {

struct GeneratedSql {
  std::string sql;
  // A unique, non-NULL output column the connector may page on (a plain
  // scan's single-column primary key), or empty.
  std::string paging_key;
};

// `plan` is a kRemote node's remote_plan; only what the optimizer folds into
// one (scan, filter, project, aggregate, sort, limit, distinct, join) is
// accepted, anything else is an Internal error.
absl::StatusOr<GeneratedSql> GenerateSql(const LogicalNode& plan, const Dialect& dialect);

}  // namespace tessera

#endif  // TESSERA_PLANNER_PHYSICAL_SQL_GENERATOR_H_
