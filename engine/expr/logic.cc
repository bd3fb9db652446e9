// Boolean logic with SQL's three values: AND, OR, NOT, the IS [NOT]
// TRUE/FALSE/NULL tests and IS [NOT] DISTINCT FROM.
//
// AND and OR settle a row as soon as one argument decides it (false for AND,
// true for OR), and an argument that can fail (a division, a cast) is then
// evaluated only for the rows still open, as PostgreSQL evaluates left to
// right per row: `x <> 0 AND 10 / x > 1` never divides by zero. Arguments that
// cannot fail are evaluated over the whole batch, which is cheaper than
// picking rows out.

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"

namespace tessera::expr_internal {
namespace {

// A row's truth value while combining AND/OR arguments.
enum Truth : uint8_t { kFalse = 0, kTrue = 1, kUnknown = 2 };

Truth TruthAt(const Operand& v, int64_t row) {
  if (v.IsNull(row)) return kUnknown;
  return v.Int(row) != 0 ? kTrue : kFalse;
}

// AND: false wins, then unknown. OR: true wins, then unknown.
Truth Combine(bool is_and, Truth x, Truth y) {
  const Truth winner = is_and ? kFalse : kTrue;
  if (x == winner || y == winner) return winner;
  if (x == kUnknown || y == kUnknown) return kUnknown;
  return is_and ? kTrue : kFalse;
}

absl::StatusOr<Operand> AndOr(const Expr& expr, const EvalContext& ctx) {
  const bool is_and = expr.op == ExprOp::kAnd;
  const Truth settled = is_and ? kFalse : kTrue;
  const int64_t rows = ctx.rows();
  for (const auto& arg : expr.args) {
    if (arg->type.id != TypeId::kBool) {
      return absl::InternalError(absl::StrCat("argument of ", is_and ? "AND" : "OR",
                                              " is not boolean: ", arg->ToString()));
    }
  }
  if (expr.args.empty()) return Operand::FromValue(Value::Bool(is_and));

  // One entry while every argument so far was a single value, else one per row.
  std::vector<uint8_t> state;
  ASSIGN_OR_RETURN(Operand first, EvalNode(*expr.args[0], ctx));
  const int64_t first_rows = first.is_single() ? 1 : rows;
  state.resize(first_rows);
  for (int64_t i = 0; i < first_rows; ++i) state[i] = TruthAt(first, i);

  std::vector<int64_t> open;
  for (size_t k = 1; k < expr.args.size(); ++k) {
    const Expr& arg = *expr.args[k];
    if (CanFail(arg)) {
      open.clear();
      const int64_t n = static_cast<int64_t>(state.size());
      for (int64_t i = 0; i < n; ++i) {
        if (state[i] != settled) open.push_back(i);
      }
      if (open.empty()) break;
      if (static_cast<int64_t>(open.size()) < n) {
        // Only some of the rows, so state is one per row.
        ASSIGN_OR_RETURN(Operand v, EvalOnRows(arg, ctx, open));
        for (size_t j = 0; j < open.size(); ++j) {
          state[open[j]] = Combine(is_and, static_cast<Truth>(state[open[j]]), TruthAt(v, j));
        }
        continue;
      }
    }
    ASSIGN_OR_RETURN(Operand v, EvalNode(arg, ctx));
    if (!v.is_single() && state.size() == 1) state.resize(rows, state[0]);
    const int64_t n = static_cast<int64_t>(state.size());
    for (int64_t i = 0; i < n; ++i) {
      state[i] = Combine(is_and, static_cast<Truth>(state[i]), TruthAt(v, i));
    }
  }

  ColumnVector out(DataType::Bool());
  out.Reserve(static_cast<int64_t>(state.size()));
  for (uint8_t t : state) {
    if (t == kUnknown) {
      out.AppendNull();
    } else {
      out.AppendBool(t == kTrue);
    }
  }
  return Result(std::move(out), rows);
}

// IS [NOT] NULL and IS [NOT] TRUE/FALSE: never NULL themselves. `test`
// maps (is NULL, truth when not NULL) to the answer.
template <typename Test>
Operand TestLoop(const Operand& v, int64_t rows, bool read_truth, Test test) {
  const int64_t n = v.is_single() ? 1 : rows;
  ColumnVector out(DataType::Bool());
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    const bool null = v.IsNull(i);
    // Only booleans have a truth value to read.
    out.AppendBool(test(null, read_truth && !null && v.Int(i) != 0));
  }
  return Result(std::move(out), rows);
}

Operand Test(ExprOp op, const Operand& v, int64_t rows) {
  switch (op) {
    case ExprOp::kIsNull:
      return TestLoop(v, rows, false, [](bool null, bool) { return null; });
    case ExprOp::kIsNotNull:
      return TestLoop(v, rows, false, [](bool null, bool) { return !null; });
    case ExprOp::kIsTrue:
      return TestLoop(v, rows, true, [](bool, bool truth) { return truth; });
    case ExprOp::kIsNotTrue:
      return TestLoop(v, rows, true, [](bool, bool truth) { return !truth; });
    case ExprOp::kIsFalse:
      return TestLoop(v, rows, true, [](bool null, bool truth) { return !null && !truth; });
    default:  // kIsNotFalse
      return TestLoop(v, rows, true, [](bool null, bool truth) { return null || truth; });
  }
}

absl::StatusOr<Operand> Distinct(bool distinct, const Operand& a, const Operand& b,
                                 int64_t rows) {
  ASSIGN_OR_RETURN(Operand equal, CompareOperands(ExprOp::kEqual, a, b, rows));
  const int64_t n = KernelRows({&a, &b}, rows);
  ColumnVector out(DataType::Bool());
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    const bool a_null = a.IsNull(i), b_null = b.IsNull(i);
    bool same;
    if (a_null || b_null) {
      same = a_null && b_null;
    } else {
      same = equal.Int(i) != 0;
    }
    out.AppendBool(same != distinct);
  }
  return Result(std::move(out), rows);
}

}  // namespace

absl::StatusOr<Operand> EvalLogic(const Expr& expr, const EvalContext& ctx) {
  switch (expr.op) {
    case ExprOp::kAnd:
    case ExprOp::kOr:
      return AndOr(expr, ctx);
    case ExprOp::kIsDistinctFrom:
    case ExprOp::kIsNotDistinctFrom: {
      if (expr.args.size() != 2) return absl::InternalError("IS DISTINCT FROM takes two arguments");
      ASSIGN_OR_RETURN(Operand a, EvalNode(*expr.args[0], ctx));
      ASSIGN_OR_RETURN(Operand b, EvalNode(*expr.args[1], ctx));
      return Distinct(expr.op == ExprOp::kIsDistinctFrom, a, b, ctx.rows());
    }
    default:
      break;
  }
  if (expr.args.size() != 1) return absl::InternalError("a boolean test takes one argument");
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[0], ctx));
  if (expr.op == ExprOp::kNot) {
    if (v.type().id != TypeId::kBool) return absl::InternalError("argument of NOT is not boolean");
    return UnaryKernel(v, ctx.rows(), DataType::Bool(), [&](int64_t i, ColumnVector* out) {
      out->AppendBool(v.Int(i) == 0);
      return Fault::kNone;
    });
  }
  if (expr.op != ExprOp::kIsNull && expr.op != ExprOp::kIsNotNull &&
      v.type().id != TypeId::kBool) {
    return absl::InternalError("argument of IS TRUE/FALSE is not boolean");
  }
  return Test(expr.op, v, ctx.rows());
}

}  // namespace tessera::expr_internal
