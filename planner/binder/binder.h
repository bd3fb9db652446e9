// File: planner/binder/binder.h
//
// Turns a syntax tree into a logical plan: resolves every name against the
// catalog (`source.table`, columns, aliases, CTEs), types every expression,
// and checks what SQL requires (GROUP BY rules, where aggregates may appear).
// Errors say what and where: `column "dx" does not exist (did you mean
// "dx_code"?) at position 17`.

#ifndef TESSERA_PLANNER_BINDER_BINDER_H_
#define TESSERA_PLANNER_BINDER_BINDER_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/catalog/catalog.h"
#include "planner/binder/scope.h"
#include "planner/binder/view_cache.h"
#include "planner/logical/logical_plan.h"
#include "planner/parser/ast.h"

namespace tessera {

// True for the functions BindTerminology binds.
bool IsTerminologyFunction(absl::string_view name);

class Binder {
 public:
  // `sql` is the query text, for error positions; `now` is the statement's
  // start, which current_date and now() return throughout the statement.
  Binder(Catalog* catalog, absl::string_view sql, absl::Time now);

  // Resolves unqualified table names (that are not CTEs) in this source, as
  // PostgreSQL's search_path would. Empty: such names are an error.
  void set_default_source(std::string source) { default_source_ = std::move(source); }

  // Where bound views are kept between statements (none: each is bound
  // every time). REQUIRES: `cache` outlives the binder.
  void set_view_cache(BoundViewCache* cache) { view_cache_ = cache; }

  absl::StatusOr<std::unique_ptr<LogicalNode>> BindSelect(const ast::SelectStmt& stmt);

 private:
  struct Bound {
    std::unique_ptr<LogicalNode> plan;
    Scope scope;
  };
  struct ExprContext;  // See bind_context.h.

  // A scalar subquery of a block, joined to the block's FROM row as one more
  // column. An uncorrelated one is its own plan, left-joined on TRUE. A
  // correlated one (naming the block's columns) is decorrelated: the block's
  // rows are numbered, left-joined to `plan` on `condition`, and grouped by
  // row number to compute `aggregates`; `result` (over the aggregates) is the
  // subquery's value.
  //
  // An EXISTS or IN subquery outside an AND-ed WHERE is a `mark`: `plan`
  // mark-joined on `condition` (and `mark_compare`, an IN's comparison), the
  // mark its boolean value; `correlated` then says whether it reads FROM
  // columns at all.
  struct ScalarSubquery {
    std::unique_ptr<LogicalNode> plan;
    bool correlated = false;
    bool mark = false;
    std::unique_ptr<Expr> mark_compare;     // Over [FROM columns..., plan columns...].
    std::unique_ptr<Expr> condition;        // Over [FROM columns..., plan columns...].
    std::vector<AggregateExpr> aggregates;  // Over plan columns.
    std::unique_ptr<Expr> result;           // Over the aggregates' outputs.
    DataType type;
  };

  // The query as written after WITH: a set operation or one SELECT block.
  absl::StatusOr<Bound> BindQuery(const ast::SelectStmt& stmt);
  absl::StatusOr<Bound> BindSetOperation(const ast::SelectStmt& stmt);
  absl::StatusOr<Bound> BindBlock(const ast::SelectStmt& stmt);
  absl::StatusOr<Bound> BindValues(const ast::SelectStmt& stmt);
  // ORDER BY, LIMIT and OFFSET of a set operation or VALUES.
  absl::StatusOr<Bound> BindOrderLimit(const ast::SelectStmt& stmt, Bound input);

  absl::StatusOr<Bound> BindFrom(const std::vector<std::unique_ptr<ast::TableRef>>& from);
  absl::StatusOr<Bound> BindTableRef(const ast::TableRef& ref);
  absl::StatusOr<Bound> BindJoin(const ast::TableRef& ref);
  // A view of the configuration, expanded in place like a subquery: its
  // plan from the view cache, or BindViewSql's (then kept, if it may be).
  absl::StatusOr<Bound> BindView(const ast::TableRef& ref, const config::View& view);
  // The view's SQL parsed and bound by a binder of its own (its positions
  // are in its own text), deduplicated if the view says so; `*reads_now`
  // says whether the binding read the statement's time.
  absl::StatusOr<std::unique_ptr<LogicalNode>> BindViewSql(const ast::TableRef& ref, const config::View& view,
                                                           bool* reads_now);

  absl::StatusOr<std::unique_ptr<Expr>> BindExpr(const ast::Expr& expr, ExprContext& ctx);
  absl::StatusOr<std::unique_ptr<Expr>> BindFunction(const ast::Expr& expr, ExprContext& ctx);
  // percentile_cont, percentile_disc and mode WITHIN GROUP (bind_ordered_set.cc).
  static std::optional<AggregateOp> OrderedSetAggregateFor(const std::string& name);
  absl::StatusOr<std::unique_ptr<Expr>> BindOrderedSetAggregate(const ast::Expr& expr, AggregateOp op,
                                                                ExprContext& ctx);
  // map_code, map_unit, map_value and convert_unit (bind_terminology.cc).
  absl::StatusOr<std::unique_ptr<Expr>> BindTerminology(const ast::Expr& expr, ExprContext& ctx);
  absl::StatusOr<std::unique_ptr<Expr>> BindBinary(const ast::Expr& expr, ExprContext& ctx);
  absl::StatusOr<std::unique_ptr<Expr>> BindScalarSubquery(const ast::Expr& expr, ExprContext& ctx);
  absl::StatusOr<ScalarSubquery> BindCorrelatedScalar(const ast::SelectStmt& sub, const Scope& outer, int location);
  // Joins scalar subquery `s` to `plan` (FROM columns then earlier scalar
  // columns) as one more column.
  absl::StatusOr<std::unique_ptr<LogicalNode>> JoinScalar(std::unique_ptr<LogicalNode> plan, ScalarSubquery s,
                                                          int from_width);
  absl::StatusOr<std::unique_ptr<Expr>> BindConstantInt(const ast::Expr* expr, const char* clause);

  // The rows of an EXISTS or IN subquery, and how they relate to the outer
  // row: `correlation` (over [outer columns..., plan columns...]) holds the
  // conditions of its WHERE that name outer columns. For IN, plan column 0
  // is the value compared.
  struct SubqueryBody {
    std::unique_ptr<LogicalNode> plan;
    std::unique_ptr<Expr> correlation;
  };
  // A semi or anti join that an EXISTS or IN condition of WHERE becomes.
  // `condition` reads the FROM columns, then the subquery's.
  struct SubqueryJoin {
    std::unique_ptr<LogicalNode> right;
    LogicalJoinType type = LogicalJoinType::kSemi;
    std::unique_ptr<Expr> condition;
    bool null_aware = false;
  };
  // Splits WHERE into its AND-ed parts: EXISTS / IN subqueries become joins,
  // the rest filters over the FROM columns.
  absl::Status BindWhere(const ast::Expr& where, ExprContext& ctx,
                         std::vector<std::unique_ptr<Expr>>* filters, std::vector<SubqueryJoin>* joins);
  absl::StatusOr<SubqueryJoin> BindSubqueryJoin(const ast::Expr& expr, bool negated, SubqueryBody body,
                                                ExprContext& ctx);

  absl::StatusOr<SubqueryBody> BindSubqueryBody(const ast::Expr& expr, const Scope& outer);
  // outer_value = plan column 0 (column `outer_width` of the joined row),
  // coerced to a common type.
  absl::StatusOr<std::unique_ptr<Expr>> BindInComparison(const ast::Expr& expr, const LogicalNode& plan,
                                                         ExprContext& ctx);
  // An EXISTS or IN subquery anywhere in an expression: a mark (see
  // ScalarSubquery) whose marker column is returned, negated for NOT IN.
  absl::StatusOr<std::unique_ptr<Expr>> BindMarkSubquery(const ast::Expr& expr, ExprContext& ctx);
  absl::StatusOr<std::unique_ptr<Expr>> AddMark(const ast::Expr& expr, SubqueryBody body, ExprContext& ctx);

  // An error at a place in the query text.
  absl::Status ErrorAt(absl::Status status, int location) const;

  // The statement's start time, for current_date and now(); noted, as a
  // plan that holds it cannot be kept for another statement.
  absl::Time Now() {
    reads_now_ = true;
    return now_;
  }

  Catalog* catalog_;
  std::string sql_;
  absl::Time now_;
  bool reads_now_ = false;  // See Now().
  BoundViewCache* view_cache_ = nullptr;
  std::string default_source_;
  // The views being expanded around this binder, outermost first, so that a
  // view that reaches itself is an error rather than endless recursion.
  std::vector<std::string> expanding_views_;
  // The WITH lists visible from the query being bound, innermost last.
  std::vector<std::vector<const ast::CommonTableExpr*>> ctes_;
};

}  // namespace tessera

#endif  // TESSERA_PLANNER_BINDER_BINDER_H_
