// Conditional expressions: CASE, COALESCE, NULLIF, GREATEST and LEAST.
//
// CASE and COALESCE are lazy, as in PostgreSQL: a THEN (or ELSE) branch is
// evaluated only for the rows that take it, and a COALESCE argument only for
// the rows still NULL, so `CASE WHEN x = 0 THEN NULL ELSE 1 / x END` never
// divides by zero. Each branch is still computed a batch at a time, over the
// rows that chose it; the rows are then put back in order.

#include <numeric>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/node_eval.h"

namespace tessera::expr_internal {
namespace {

// Where each row's value comes from: one of several partial results, each
// computed for a subset of the rows.
class Assembly {
 public:
  explicit Assembly(int64_t rows) : source_(rows, -1), slot_(rows, 0) {}

  // Rows `rows[j]` take `values`' j-th value. REQUIRES: values.type() is the
  // result type.
  void Add(const std::vector<int64_t>& rows, Operand values) {
    std::vector<int64_t> positions(rows.size());
    std::iota(positions.begin(), positions.end(), 0);
    Add(rows, positions, std::move(values));
  }

  // Rows `rows[j]` take `values`' value at position `positions[j]`, for
  // values computed over a larger set of rows than those taking them.
  void Add(const std::vector<int64_t>& rows, const std::vector<int64_t>& positions, Operand values) {
    const int32_t index = static_cast<int32_t>(parts_.size());
    for (size_t j = 0; j < rows.size(); ++j) {
      source_[rows[j]] = index;
      slot_[rows[j]] = values.Row(positions[j]);
    }
    parts_.push_back(std::move(values));
  }

  // Rows no part covered are NULL.
  ColumnVector Build(const DataType& type) const {
    ColumnVector out(type);
    const int64_t rows = static_cast<int64_t>(source_.size());
    out.Reserve(rows);
    for (int64_t i = 0; i < rows; ++i) {
      if (source_[i] < 0) {
        out.AppendNull();
      } else {
        AppendCell(parts_[source_[i]].column(), slot_[i], &out);
      }
    }
    return out;
  }

 private:
  std::vector<int32_t> source_;  // Index into parts_, -1 for NULL.
  std::vector<int64_t> slot_;    // Index into that part's column.
  std::vector<Operand> parts_;
};

std::vector<int64_t> AllRows(int64_t rows) {
  std::vector<int64_t> all(rows);
  std::iota(all.begin(), all.end(), 0);
  return all;
}

// `expr` over `rows`, converted to `type`.
absl::StatusOr<Operand> EvalAs(const Expr& expr, const EvalContext& ctx,
                               const std::vector<int64_t>& rows, const DataType& type) {
  ASSIGN_OR_RETURN(Operand v, EvalOnRows(expr, ctx, rows));
  if (v.type() != type) return CastOperand(std::move(v), type, static_cast<int64_t>(rows.size()));
  return v;
}

absl::StatusOr<Operand> Case(const Expr& expr, const EvalContext& ctx) {
  const size_t pairs = expr.args.size() / 2;
  const bool has_else = expr.args.size() % 2 == 1;
  Assembly assembly(ctx.rows());
  std::vector<int64_t> open = AllRows(ctx.rows());
  std::vector<int64_t> matched, rest;
  for (size_t k = 0; k < pairs && !open.empty(); ++k) {
    ASSIGN_OR_RETURN(Operand when, EvalOnRows(*expr.args[2 * k], ctx, open));
    if (when.type().id != TypeId::kBool) return absl::InternalError("CASE condition is not boolean");
    matched.clear();
    rest.clear();
    for (size_t j = 0; j < open.size(); ++j) {
      const int64_t row = static_cast<int64_t>(j);
      (!when.IsNull(row) && when.Int(row) != 0 ? matched : rest).push_back(open[j]);
    }
    if (!matched.empty()) {
      ASSIGN_OR_RETURN(Operand then, EvalAs(*expr.args[2 * k + 1], ctx, matched, expr.type));
      assembly.Add(matched, std::move(then));
    }
    open.swap(rest);
  }
  if (has_else && !open.empty()) {
    ASSIGN_OR_RETURN(Operand otherwise, EvalAs(*expr.args.back(), ctx, open, expr.type));
    assembly.Add(open, std::move(otherwise));
  }
  return Operand::Own(assembly.Build(expr.type));
}

absl::StatusOr<Operand> Coalesce(const Expr& expr, const EvalContext& ctx) {
  Assembly assembly(ctx.rows());
  std::vector<int64_t> open = AllRows(ctx.rows());
  std::vector<int64_t> found, found_positions, rest;
  for (const auto& arg : expr.args) {
    if (open.empty()) break;
    // `v` is computed over the rows still open; position j is open[j].
    ASSIGN_OR_RETURN(Operand v, EvalAs(*arg, ctx, open, expr.type));
    found.clear();
    found_positions.clear();
    rest.clear();
    for (size_t j = 0; j < open.size(); ++j) {
      if (v.IsNull(static_cast<int64_t>(j))) {
        rest.push_back(open[j]);
      } else {
        found.push_back(open[j]);
        found_positions.push_back(static_cast<int64_t>(j));
      }
    }
    if (!found.empty()) assembly.Add(found, found_positions, std::move(v));
    open.swap(rest);
  }
  return Operand::Own(assembly.Build(expr.type));
}

// NULLIF(a, b): NULL where a = b, else a.
absl::StatusOr<Operand> NullIf(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.size() != 2) return absl::InternalError("NULLIF takes two arguments");
  ASSIGN_OR_RETURN(Operand a, EvalNode(*expr.args[0], ctx));
  ASSIGN_OR_RETURN(Operand b, EvalNode(*expr.args[1], ctx));
  ASSIGN_OR_RETURN(Operand equal, CompareOperands(ExprOp::kEqual, a, b, ctx.rows()));
  const int64_t n = KernelRows({&a, &b}, ctx.rows());
  ColumnVector out(a.type());
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (!equal.IsNull(i) && equal.Int(i) != 0) {
      out.AppendNull();
    } else {
      AppendCell(a.column(), a.Row(i), &out);
    }
  }
  return Result(std::move(out), ctx.rows());
}

// GREATEST / LEAST, ignoring NULLs (NULL only when every argument is), as
// PostgreSQL does.
absl::StatusOr<Operand> Extreme(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.empty()) return absl::InternalError("GREATEST/LEAST needs an argument");
  const ExprOp better = expr.op == ExprOp::kGreatest ? ExprOp::kGreater : ExprOp::kLess;
  const std::vector<int64_t> all = AllRows(ctx.rows());
  ASSIGN_OR_RETURN(Operand best, EvalAs(*expr.args[0], ctx, all, expr.type));
  for (size_t k = 1; k < expr.args.size(); ++k) {
    ASSIGN_OR_RETURN(Operand next, EvalAs(*expr.args[k], ctx, all, expr.type));
    ASSIGN_OR_RETURN(Operand wins, CompareOperands(better, next, best, ctx.rows()));
    const int64_t n = KernelRows({&best, &next}, ctx.rows());
    ColumnVector merged(expr.type);
    merged.Reserve(n);
    for (int64_t i = 0; i < n; ++i) {
      const bool take_next = best.IsNull(i) || (!next.IsNull(i) && wins.Int(i) != 0);
      const Operand& from = take_next ? next : best;
      AppendCell(from.column(), from.Row(i), &merged);
    }
    best = Result(std::move(merged), ctx.rows());
  }
  return best;
}

}  // namespace

absl::StatusOr<Operand> EvalConditional(const Expr& expr, const EvalContext& ctx) {
  switch (expr.op) {
    case ExprOp::kCase:
      return Case(expr, ctx);
    case ExprOp::kCoalesce:
      return Coalesce(expr, ctx);
    case ExprOp::kNullIf:
      return NullIf(expr, ctx);
    default:
      return Extreme(expr, ctx);
  }
}

}  // namespace tessera::expr_internal
