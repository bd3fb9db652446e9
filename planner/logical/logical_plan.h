// File: planner/logical/logical_plan.h
//
// The logical plan: relational operators over bound expressions, produced by
// the binder and rewritten by the optimizer. Each node's output is a list of
// typed, named columns; expressions refer to the columns of the node's input
// by index (for a join, the left input's columns then the right's).
//
// A kRemote node is a subtree that one source computes itself: the optimizer
// folds source-local work into it, and the SQL sent to the source is
// generated from the subtree it keeps (`remote_plan`).

#ifndef TESSERA_PLANNER_LOGICAL_LOGICAL_PLAN_H_
#define TESSERA_PLANNER_LOGICAL_LOGICAL_PLAN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/exec/dedup_spec.h"
#include "engine/expr/expr.h"
#include "engine/types/schema.h"
#include "engine/types/value.h"

namespace tessera {

enum class LogicalKind {
  kScan,       // A whole table of one source: table, scan_columns.
  kValues,     // Literal rows: rows.
  kFilter,     // predicate over the input.
  kProject,    // exprs over the input.
  kJoin,       // join_type, condition over left+right; semi/anti output left only,
               // mark the left columns then the mark (see kMark).
  kAggregate,  // group_by exprs then aggregates, over the input.
  kSort,       // sort_keys.
  kLimit,      // limit, offset.
  kDistinct,   // Distinct rows.
  kSetOp,      // set_op, set_all over two inputs of the same shape.
  kWindow,     // Input columns then one column per window function.
  kRemote,     // Computed by one source: remote_plan (see above).
  kDedup,      // Input columns then sources, source_records, conflicting: dedup.
};

// kMark outputs every left row and one more boolean column, the mark: for
// the right rows where `condition` is true (all of them without one), the
// OR of `mark_compare` over them (three-valued: true, else NULL if any is
// NULL, else false), or without `mark_compare` whether there is any. EXISTS
// and IN subqueries outside an AND-ed WHERE become mark joins.
enum class LogicalJoinType { kInner, kLeft, kRight, kFull, kSemi, kAnti, kMark };
enum class LogicalSetOp { kUnionAll, kIntersect, kIntersectAll, kExcept, kExceptAll };

struct SortKey {
  std::unique_ptr<Expr> expr;
  bool descending = false;
  bool nulls_first = false;  // Explicit: the binder applies PostgreSQL's default.
};

struct WindowFunction {
  WindowExpr function;
  std::vector<std::unique_ptr<Expr>> partition_by;
  std::vector<SortKey> order_by;
};

struct LogicalNode {
  LogicalKind kind;
  std::vector<Field> fields;  // The output columns.
  std::vector<std::unique_ptr<LogicalNode>> inputs;

  // kScan: the table and which of its columns are read, in output order.
  std::shared_ptr<const CatalogTable> table;
  std::vector<int> scan_columns;
  std::string alias;  // As the query named it, for EXPLAIN.

  // kValues.
  std::vector<std::vector<Value>> rows;

  // kFilter.
  std::unique_ptr<Expr> predicate;
  // kProject.
  std::vector<std::unique_ptr<Expr>> exprs;
  // kJoin.
  LogicalJoinType join_type = LogicalJoinType::kInner;
  std::unique_ptr<Expr> condition;  // Null for a cross join.
  bool null_aware = false;          // kAnti from NOT IN (see HashJoinOperator).
  std::unique_ptr<Expr> mark_compare;  // kMark: over left+right, like condition.
  // kLeft joining an uncorrelated scalar subquery: its right side must have
  // at most one row, which no source is asked to check.
  bool scalar_subquery = false;
  // kAggregate.
  std::vector<std::unique_ptr<Expr>> group_by;
  std::vector<AggregateExpr> aggregates;
  // kSort.
  std::vector<SortKey> sort_keys;
  // kLimit.
  std::optional<int64_t> limit;
  int64_t offset = 0;
  // kSetOp.
  LogicalSetOp set_op = LogicalSetOp::kUnionAll;
  // kWindow.
  std::vector<WindowFunction> windows;
  // kDedup: what makes rows of the input the same fact.
  DedupSpec dedup;
  // kRemote.
  std::string source_name;
  Connector* source = nullptr;
  std::unique_ptr<LogicalNode> remote_plan;
  std::string remote_sql;       // Filled by the physical planner, for EXPLAIN.
  std::string paging_key;       // A unique output column the scan may page on.

  std::shared_ptr<const Schema> schema() const { return std::make_shared<const Schema>(fields); }
};

// The plan as indented text, one node a line, for EXPLAIN and tests.
std::string PlanToString(const LogicalNode& node);

// Deep copy (expressions and all).
std::unique_ptr<LogicalNode> ClonePlan(const LogicalNode& node);

}  // namespace tessera

#endif  // TESSERA_PLANNER_LOGICAL_LOGICAL_PLAN_H_
