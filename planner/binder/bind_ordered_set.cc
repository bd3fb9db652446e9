// File: planner/binder/bind_ordered_set.cc
//
// Binding of the ordered-set aggregates, PostgreSQL's
//   percentile_cont(fraction) WITHIN GROUP (ORDER BY x)
//   percentile_disc(fraction) WITHIN GROUP (ORDER BY x)
//   mode() WITHIN GROUP (ORDER BY x)
// The fraction is a constant between 0 and 1 (PostgreSQL would take any
// expression constant per group; a literal is what dashboards write).
// percentile_cont interpolates, so it reads x as double precision; the other
// two return one of the values, of x's own type.

#include <cmath>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/cast.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/type_rules.h"

namespace tessera {

std::optional<AggregateOp> Binder::OrderedSetAggregateFor(const std::string& name) {
  if (name == "percentile_cont") return AggregateOp::kPercentileCont;
  if (name == "percentile_disc") return AggregateOp::kPercentileDisc;
  if (name == "mode") return AggregateOp::kMode;
  return std::nullopt;
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindOrderedSetAggregate(const ast::Expr& expr, AggregateOp op,
                                                                      ExprContext& ctx) {
  const std::string& name = expr.name;
  auto fail_at = [&](absl::string_view why, int location) {
    return ErrorAt(absl::InvalidArgumentError(why), location);
  };
  const int loc = expr.location;
  if (!expr.within_group) {
    return fail_at(absl::StrCat("WITHIN GROUP is required for ordered-set aggregate ", name), loc);
  }
  if (expr.window != nullptr) {
    return fail_at(absl::StrCat("OVER is not supported for ordered-set aggregate ", name), loc);
  }
  if (expr.distinct) return fail_at("cannot use DISTINCT with WITHIN GROUP", loc);
  if (expr.star) return fail_at(absl::StrCat(name, "(*) is not a thing"), loc);
  if (ctx.aggregates == nullptr) {
    return fail_at(absl::StrCat("aggregate functions are not allowed in ", ctx.clause), loc);
  }
  const size_t direct_args = op == AggregateOp::kMode ? 0 : 1;
  if (expr.args.size() != direct_args) {
    return fail_at(op == AggregateOp::kMode ? "mode() takes no arguments before WITHIN GROUP"
                                            : absl::StrCat(name, " takes exactly one fraction argument"),
                   loc);
  }
  if (expr.within_group_order.size() != 1) {
    return fail_at(absl::StrCat(name, " takes exactly one ORDER BY expression in WITHIN GROUP"), loc);
  }
  const ast::OrderItem& order = expr.within_group_order[0];

  ExprContext inner = ctx;
  inner.aggregates = nullptr;
  inner.windows = nullptr;
  inner.clause = "the argument of an aggregate";

  AggregateExpr a;
  a.op = op;
  a.descending = order.descending;
  if (direct_args == 1) {
    const ast::Expr& f = *expr.args[0];
    ASSIGN_OR_RETURN(auto fraction, BindExpr(f, inner));
    const std::string must = absl::StrCat("the fraction of ", name, " must be a constant between 0 and 1");
    // A literal, or a literal with a cast (0.5::float8).
    const Expr* constant = fraction.get();
    if (constant->op == ExprOp::kCast && constant->args.size() == 1) constant = constant->args[0].get();
    if (constant->op == ExprOp::kConstant && constant->constant.is_null()) {
      return fail_at(absl::StrCat(must, ", not NULL"), f.location);
    }
    if (constant->op != ExprOp::kConstant || !IsNumeric(fraction->type) || !IsNumeric(constant->type)) {
      return fail_at(must, f.location);
    }
    absl::StatusOr<Value> as_double = CastValue(constant->constant, DataType::Double());
    if (!as_double.ok()) return fail_at(must, f.location);
    const double v = as_double->double_value();
    if (!(v >= 0 && v <= 1)) {
      return fail_at(absl::StrCat("percentile value ", constant->constant.ToString(), " is not between 0 and 1"),
                     f.location);
    }
    a.fraction = v;
  }
  ASSIGN_OR_RETURN(a.arg, BindExpr(*order.expr, inner));
  const DataType t = a.arg->type;
  if (op == AggregateOp::kPercentileCont) {
    if (!IsNumeric(t)) {
      return fail_at(absl::StrCat("percentile_cont needs a numeric ORDER BY expression, not ", t.ToString(),
                                  " (percentile_disc takes any ordered type)"),
                     order.expr->location >= 0 ? order.expr->location : loc);
    }
    ASSIGN_OR_RETURN(a.arg, CoerceTo(std::move(a.arg), DataType::Double()));
    a.type = DataType::Double();
  } else {
    a.type = t;
  }
  DataType type = a.type;
  ctx.aggregates->push_back(std::move(a));
  return Expr::Column(kAggregateMarker + static_cast<int>(ctx.aggregates->size()) - 1, type);
}

}  // namespace tessera
