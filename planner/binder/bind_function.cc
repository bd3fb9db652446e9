// Binding of function calls: aggregates, window functions and the scalar
// functions the engine evaluates (see engine/expr/expr.h).

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/type_rules.h"

namespace tessera {
namespace {

using ExprList = std::vector<std::unique_ptr<Expr>>;

struct ScalarFunction {
  const char* name;
  ExprOp op;
  int min_args;
  int max_args;
};

constexpr ScalarFunction kScalarFunctions[] = {
    {"lower", ExprOp::kLower, 1, 1},       {"upper", ExprOp::kUpper, 1, 1},
    {"length", ExprOp::kLength, 1, 1},     {"char_length", ExprOp::kLength, 1, 1},
    {"character_length", ExprOp::kLength, 1, 1},
    {"substr", ExprOp::kSubstr, 2, 3},     {"substring", ExprOp::kSubstr, 2, 3},
    {"trim", ExprOp::kTrim, 1, 2},         {"btrim", ExprOp::kTrim, 1, 2},
    {"ltrim", ExprOp::kLTrim, 1, 2},       {"rtrim", ExprOp::kRTrim, 1, 2},
    {"replace", ExprOp::kReplace, 3, 3},   {"strpos", ExprOp::kPosition, 2, 2},
    {"position", ExprOp::kPosition, 2, 2}, {"concat", ExprOp::kConcat, 1, 100},
    {"abs", ExprOp::kAbs, 1, 1},           {"round", ExprOp::kRound, 1, 2},
    {"floor", ExprOp::kFloor, 1, 1},       {"ceil", ExprOp::kCeil, 1, 1},
    {"ceiling", ExprOp::kCeil, 1, 1},      {"date_trunc", ExprOp::kDateTrunc, 2, 2},
    {"extract", ExprOp::kExtract, 2, 2},   {"date_part", ExprOp::kExtract, 2, 2},
};

std::optional<AggregateOp> AggregateFor(const std::string& name, bool star) {
  if (name == "count") return star ? AggregateOp::kCountStar : AggregateOp::kCount;
  if (name == "sum") return AggregateOp::kSum;
  if (name == "avg") return AggregateOp::kAvg;
  if (name == "min") return AggregateOp::kMin;
  if (name == "max") return AggregateOp::kMax;
  return std::nullopt;
}

std::optional<WindowOp> WindowFor(const std::string& name) {
  if (name == "row_number") return WindowOp::kRowNumber;
  if (name == "rank") return WindowOp::kRank;
  if (name == "dense_rank") return WindowOp::kDenseRank;
  if (name == "lag") return WindowOp::kLag;
  if (name == "lead") return WindowOp::kLead;
  return std::nullopt;
}

// An aggregate's name with OVER: the window aggregate.
std::optional<WindowOp> WindowAggregateFor(const std::string& name, bool star) {
  std::optional<AggregateOp> agg = AggregateFor(name, star);
  if (!agg.has_value()) return std::nullopt;
  switch (*agg) {
    case AggregateOp::kCountStar:
      return WindowOp::kCountStar;
    case AggregateOp::kCount:
      return WindowOp::kCount;
    case AggregateOp::kSum:
      return WindowOp::kSum;
    case AggregateOp::kAvg:
      return WindowOp::kAvg;
    case AggregateOp::kMin:
      return WindowOp::kMin;
    case AggregateOp::kMax:
      return WindowOp::kMax;
    default:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindFunction(const ast::Expr& expr, ExprContext& ctx) {
  const std::string& name = expr.name;
  auto fail = [&](absl::string_view why) { return ErrorAt(absl::InvalidArgumentError(why), expr.location); };
  if (std::optional<AggregateOp> ordered = OrderedSetAggregateFor(name); ordered.has_value()) {
    return BindOrderedSetAggregate(expr, *ordered, ctx);
  }
  if (expr.within_group) {
    return fail(absl::StrCat(name, " is not an ordered-set aggregate, so it cannot have WITHIN GROUP"));
  }
  if (IsTerminologyFunction(name)) return BindTerminology(expr, ctx);

  if (std::optional<WindowOp> wop = WindowFor(name); wop.has_value() || expr.window != nullptr) {
    if (!wop.has_value() && expr.window != nullptr) wop = WindowAggregateFor(name, expr.star);
    if (!wop.has_value()) {
      return fail(absl::StrCat("window function ", name,
                               " is not supported (row_number, rank, dense_rank, lag, lead, count, sum, avg, min, "
                               "max are)"));
    }
    if (expr.distinct) return fail("DISTINCT is not supported for window functions");
    if (expr.window == nullptr) return fail(absl::StrCat("window function ", name, " requires an OVER clause"));
    if (ctx.windows == nullptr) {
      return fail(absl::StrCat("window functions are not allowed in ", ctx.clause));
    }
    const ast::WindowSpec* spec = expr.window.get();
    if (!spec->ref_name.empty()) {
      spec = nullptr;
      if (ctx.named_windows != nullptr) {
        for (const auto& w : *ctx.named_windows) {
          if (w.name == expr.window->ref_name) spec = w.spec.get();
        }
      }
      if (spec == nullptr) return fail(absl::StrCat("window \"", expr.window->ref_name, "\" does not exist"));
    }
    if (spec->has_frame) return fail("window frame clauses (ROWS/RANGE) are not supported");
    // Arguments, partitions and orderings see the same columns as the select
    // list, but may not nest window functions.
    ExprContext inner = ctx;
    inner.windows = nullptr;
    WindowFunction wf;
    wf.function.op = *wop;
    if (*wop == WindowOp::kLag || *wop == WindowOp::kLead) {
      if (expr.args.empty() || expr.args.size() > 3) return fail(absl::StrCat(name, " takes 1 to 3 arguments"));
      ASSIGN_OR_RETURN(wf.function.arg, BindExpr(*expr.args[0], inner));
      wf.function.type = wf.function.arg->type;
      if (expr.args.size() >= 2) {
        ASSIGN_OR_RETURN(auto offset, BindExpr(*expr.args[1], inner));
        if (offset->op != ExprOp::kConstant || offset->type.id != TypeId::kInt64 || offset->constant.is_null()) {
          return fail(absl::StrCat("the offset of ", name, " must be a constant integer"));
        }
        wf.function.offset = offset->constant.int64_value();
      }
      if (expr.args.size() == 3) {
        ASSIGN_OR_RETURN(auto def, BindExpr(*expr.args[2], inner));
        ASSIGN_OR_RETURN(wf.function.default_value, CoerceTo(std::move(def), wf.function.type));
      }
    } else if (*wop == WindowOp::kCountStar) {
      wf.function.type = DataType::Int64();
    } else if (*wop == WindowOp::kCount || *wop == WindowOp::kSum || *wop == WindowOp::kAvg ||
               *wop == WindowOp::kMin || *wop == WindowOp::kMax) {
      if (expr.args.size() != 1) return fail(absl::StrCat(name, " takes exactly one argument"));
      ExprContext arg_ctx = inner;
      arg_ctx.clause = "the argument of a window function";
      ASSIGN_OR_RETURN(wf.function.arg, BindExpr(*expr.args[0], arg_ctx));
      const DataType t = wf.function.arg->type;
      if ((*wop == WindowOp::kSum || *wop == WindowOp::kAvg) && !IsNumeric(t)) {
        return fail(absl::StrCat("function ", name, "(", t.ToString(), ") does not exist"));
      }
      wf.function.type = *wop == WindowOp::kCount ? DataType::Int64()
                         : *wop == WindowOp::kAvg ? DataType::Double()
                                                  : t;
    } else {
      if (!expr.args.empty()) return fail(absl::StrCat(name, " takes no arguments"));
      wf.function.type = DataType::Int64();
    }
    for (const auto& p : spec->partition_by) {
      ASSIGN_OR_RETURN(auto e, BindExpr(*p, inner));
      wf.partition_by.push_back(std::move(e));
    }
    for (const auto& o : spec->order_by) {
      SortKey key;
      ASSIGN_OR_RETURN(key.expr, BindExpr(*o.expr, inner));
      key.descending = o.descending;
      key.nulls_first = o.nulls_first.value_or(o.descending);
      wf.order_by.push_back(std::move(key));
    }
    DataType type = wf.function.type;
    ctx.windows->push_back(std::move(wf));
    return Expr::Column(kWindowMarker + static_cast<int>(ctx.windows->size()) - 1, type);
  }

  if (std::optional<AggregateOp> agg = AggregateFor(name, expr.star); agg.has_value()) {
    if (ctx.aggregates == nullptr) return fail(absl::StrCat("aggregate functions are not allowed in ", ctx.clause));
    AggregateExpr a;
    a.op = *agg;
    a.distinct = expr.distinct;
    if (*agg == AggregateOp::kCountStar) {
      a.type = DataType::Int64();
    } else {
      if (expr.args.size() != 1) return fail(absl::StrCat(name, " takes exactly one argument"));
      ExprContext inner = ctx;
      inner.aggregates = nullptr;
      inner.windows = nullptr;
      inner.clause = "the argument of an aggregate";
      ASSIGN_OR_RETURN(a.arg, BindExpr(*expr.args[0], inner));
      const DataType t = a.arg->type;
      switch (*agg) {
        case AggregateOp::kCount:
          a.type = DataType::Int64();
          break;
        case AggregateOp::kSum:
        case AggregateOp::kAvg:
          if (!IsNumeric(t)) return fail(absl::StrCat("function ", name, "(", t.ToString(), ") does not exist"));
          a.type = *agg == AggregateOp::kAvg ? DataType::Double() : t;
          break;
        default:
          a.type = t;
      }
    }
    DataType type = a.type;
    ctx.aggregates->push_back(std::move(a));
    return Expr::Column(kAggregateMarker + static_cast<int>(ctx.aggregates->size()) - 1, type);
  }
  if (expr.distinct || expr.star) return fail(absl::StrCat(name, "(DISTINCT ...) or ", name, "(*) is not a thing"));

  if (name == "now" || name == "current_timestamp" || name == "localtimestamp") {
    if (!expr.args.empty()) return fail(absl::StrCat(name, "() takes no arguments"));
    return Expr::Constant(Value::Timestamp(absl::ToCivilSecond(Now(), absl::UTCTimeZone())));
  }

  const ScalarFunction* fn = nullptr;
  for (const ScalarFunction& f : kScalarFunctions) {
    if (name == f.name) fn = &f;
  }
  if (fn == nullptr) return fail(absl::StrCat("function ", name, "() does not exist or is not supported"));
  int n = static_cast<int>(expr.args.size());
  if (n < fn->min_args || n > fn->max_args) {
    return fail(absl::StrCat(name, "() takes ", fn->min_args == fn->max_args ? absl::StrCat(fn->min_args)
                                                                              : absl::StrCat(fn->min_args, " to ", fn->max_args),
                             " arguments, not ", n));
  }
  ExprList args;
  for (const auto& a : expr.args) {
    ASSIGN_OR_RETURN(auto b, BindExpr(*a, ctx));
    args.push_back(std::move(b));
  }
  switch (fn->op) {
    case ExprOp::kConcat: {
      // concat() prints each argument as PostgreSQL's output function does
      // (booleans as t/f), which the evaluator does for non-text arguments.
      auto call = Expr::Call(fn->op, DataType::Text(), std::move(args));
      call->skip_nulls = true;
      return call;
    }
    case ExprOp::kLower:
    case ExprOp::kUpper:
    case ExprOp::kTrim:
    case ExprOp::kLTrim:
    case ExprOp::kRTrim:
    case ExprOp::kReplace: {
      for (auto& a : args) {
        ASSIGN_OR_RETURN(a, CoerceTo(std::move(a), DataType::Text()));
      }
      return Expr::Call(fn->op, DataType::Text(), std::move(args));
    }
    case ExprOp::kLength:
    case ExprOp::kPosition:
      for (auto& a : args) {
        ASSIGN_OR_RETURN(a, CoerceTo(std::move(a), DataType::Text()));
      }
      return Expr::Call(fn->op, DataType::Int64(), std::move(args));
    case ExprOp::kSubstr: {
      ASSIGN_OR_RETURN(args[0], CoerceTo(std::move(args[0]), DataType::Text()));
      for (size_t i = 1; i < args.size(); ++i) {
        ASSIGN_OR_RETURN(args[i], CoerceTo(std::move(args[i]), DataType::Int64()));
      }
      return Expr::Call(fn->op, DataType::Text(), std::move(args));
    }
    case ExprOp::kAbs:
    case ExprOp::kFloor:
    case ExprOp::kCeil:
    case ExprOp::kRound: {
      if (!IsNumeric(args[0]->type)) return fail(absl::StrCat("function ", name, "(", args[0]->type.ToString(), ") does not exist"));
      DataType type = args[0]->type;
      if (fn->op == ExprOp::kRound && args.size() == 2) {
        ASSIGN_OR_RETURN(args[1], CoerceTo(std::move(args[1]), DataType::Int64()));
        // round(x, n) keeps n digits: for a decimal, the scale becomes n.
        if (type.id == TypeId::kDecimal && args[1]->op == ExprOp::kConstant && !args[1]->constant.is_null()) {
          int64_t digits = args[1]->constant.int64_value();
          type = digits <= 0 ? DataType::Decimal(0) : DataType::Decimal(std::min<int64_t>(digits, kMaxDecimalScale));
        } else if (type.id == TypeId::kInt64) {
          type = DataType::Decimal(0);
        }
      }
      return Expr::Call(fn->op, type, std::move(args));
    }
    case ExprOp::kDateTrunc:
    case ExprOp::kExtract: {
      if (args[0]->op != ExprOp::kConstant || args[0]->type.id != TypeId::kText) {
        return fail(absl::StrCat("the first argument of ", name, " must be a constant field name"));
      }
      std::string field = args[0]->constant.text_value();
      for (char& c : field) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::unique_ptr<Expr> value = std::move(args[1]);
      if (value->op == ExprOp::kConstant && value->type.id == TypeId::kText) {
        ASSIGN_OR_RETURN(value, CoerceTo(std::move(value), DataType::Timestamp()));
      }
      if (fn->op == ExprOp::kExtract && value->op == ExprOp::kTimestampDiff) {
        // timestamp - timestamp is kept as its seconds, which is what the
        // epoch of that interval is; its other fields are not known.
        if (field == "epoch") return value;
        return fail(absl::StrCat("extract(", field,
                                 " FROM timestamp - timestamp) is not supported; extract(epoch FROM ...) is"));
      }
      if (value->type.id != TypeId::kDate && value->type.id != TypeId::kTimestamp) {
        return fail(absl::StrCat(name, " needs a date or timestamp, not ", value->type.ToString()));
      }
      ExprList one;
      one.push_back(std::move(value));
      auto call = Expr::Call(fn->op, fn->op == ExprOp::kExtract ? DataType::Double() : DataType::Timestamp(),
                             std::move(one));
      call->field = field;
      return call;
    }
    default:
      return fail(absl::StrCat("function ", name, "() is not supported"));
  }
}

}  // namespace tessera
