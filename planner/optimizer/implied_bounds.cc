// File: planner/optimizer/implied_bounds.cc

#include "planner/optimizer/implied_bounds.h"

#include <cmath>
#include <functional>
#include <map>
#include <optional>

#include "planner/binder/expr_rewrite.h"
#include "planner/optimizer/constant_folding.h"

namespace tessera {
namespace {

using Allowed = std::map<int, std::vector<Value>>;  // Column -> the constants it may equal.

bool IsConstant(const Expr& e) { return e.op == ExprOp::kConstant; }

// What `conjuncts` say of columns: `c = k` and `c IN (k...)`.
Allowed AllowedValues(const std::vector<std::unique_ptr<Expr>>& conjuncts) {
  Allowed allowed;
  for (const auto& c : conjuncts) {
    if ((c->op != ExprOp::kEqual && c->op != ExprOp::kInList) || c->args[0]->op != ExprOp::kColumn) continue;
    std::vector<Value> values;
    bool constants = true;
    for (size_t i = 1; i < c->args.size(); ++i) {
      constants = constants && IsConstant(*c->args[i]);
      if (constants) values.push_back(c->args[i]->constant);
    }
    if (constants) allowed[c->args[0]->column] = std::move(values);
  }
  return allowed;
}

// `e` with every `column = k` that `allowed` rules out made FALSE, and the
// CASE branches and AND-s that this decides dropped.
std::unique_ptr<Expr> Narrow(std::unique_ptr<Expr> e, const Allowed& allowed) {
  for (auto& a : e->args) a = Narrow(std::move(a), allowed);
  auto is_false = [](const Expr& x) { return IsConstant(x) && !x.constant.is_null() && !x.constant.bool_value(); };
  if (e->op == ExprOp::kEqual && e->args[0]->op == ExprOp::kColumn && IsConstant(*e->args[1])) {
    auto it = allowed.find(e->args[0]->column);
    if (it != allowed.end()) {
      bool possible = false;
      for (const Value& v : it->second) possible = possible || v == e->args[1]->constant;
      if (!possible) return Expr::Constant(Value::Bool(false));
    }
  }
  if (e->op == ExprOp::kAnd) {
    for (const auto& a : e->args) {
      if (is_false(*a)) return Expr::Constant(Value::Bool(false));
    }
  }
  if (e->op == ExprOp::kCase) {
    std::vector<std::unique_ptr<Expr>> kept;
    const size_t n = e->args.size();
    for (size_t i = 0; i + 1 < n; i += 2) {
      if (is_false(*e->args[i])) continue;
      kept.push_back(std::move(e->args[i]));
      kept.push_back(std::move(e->args[i + 1]));
    }
    if (n % 2 == 1) {
      if (kept.empty()) return std::move(e->args[n - 1]);  // Only the ELSE is left.
      kept.push_back(std::move(e->args[n - 1]));
    }
    if (kept.empty()) return Expr::Constant(Value::Null(e->type));
    e->args = std::move(kept);
  }
  return e;
}

// A raw numeric column under casts, times a positive factor, plus an offset:
// the column, and value = raw * factor + offset.
struct Linear {
  const Expr* column = nullptr;
  double factor = 1;
  double offset = 0;
};

std::optional<double> NumberOf(const Expr& e) {
  if (!IsConstant(e) || e.constant.is_null()) return std::nullopt;
  if (e.type.id == TypeId::kDouble) return e.constant.double_value();
  if (e.type.id == TypeId::kInt64) return static_cast<double>(e.constant.int64_value());
  return std::nullopt;
}

std::optional<Linear> AsLinear(const Expr& e) {
  if (e.op == ExprOp::kColumn && (e.type.id == TypeId::kInt64 || e.type.id == TypeId::kDecimal ||
                                  e.type.id == TypeId::kDouble)) {
    return Linear{&e, 1, 0};
  }
  if (e.op == ExprOp::kCast && e.type.id == TypeId::kDouble) return AsLinear(*e.args[0]);
  if (e.op == ExprOp::kMultiply || e.op == ExprOp::kAdd) {
    std::optional<double> k = NumberOf(*e.args[1]);
    std::optional<Linear> inner = AsLinear(*e.args[0]);
    if (!k.has_value() || !inner.has_value()) return std::nullopt;
    if (e.op == ExprOp::kAdd) {
      inner->offset += *k;
    } else {
      if (*k <= 0) return std::nullopt;
      inner->factor *= *k;
      inner->offset *= *k;
    }
    return inner;
  }
  return std::nullopt;
}

// The linear forms `e` can take: itself, or each result of a CASE (all over
// one column). Empty when some result is not linear.
std::vector<Linear> LinearForms(const Expr& e) {
  std::vector<const Expr*> results;
  if (e.op == ExprOp::kCase) {
    for (size_t i = 1; i < e.args.size(); i += 2) results.push_back(e.args[i].get());
    if (e.args.size() % 2 == 1) results.push_back(e.args.back().get());
  } else {
    results.push_back(&e);
  }
  std::vector<Linear> forms;
  for (const Expr* r : results) {
    std::optional<Linear> form = AsLinear(*r);
    if (!form.has_value() || (!forms.empty() && !ExprEquals(*form->column, *forms[0].column))) return {};
    forms.push_back(*form);
  }
  return forms;
}

// `value op k` restated as a wider bound on the raw column: the loosest of
// the bounds each form of the value implies.
std::unique_ptr<Expr> RawBound(const Expr& conjunct) {
  ExprOp op = conjunct.op;
  if (op != ExprOp::kGreater && op != ExprOp::kGreaterEqual && op != ExprOp::kLess && op != ExprOp::kLessEqual) {
    return nullptr;
  }
  std::optional<double> k = NumberOf(*conjunct.args[1]);
  std::vector<Linear> forms = LinearForms(*conjunct.args[0]);
  if (!k.has_value() || forms.empty()) return nullptr;
  if (conjunct.args[0]->op == ExprOp::kColumn) return nullptr;  // Already over the raw column.
  bool lower = op == ExprOp::kGreater || op == ExprOp::kGreaterEqual;
  double raw = lower ? INFINITY : -INFINITY;
  for (const Linear& f : forms) {
    double b = (*k - f.offset) / f.factor;
    raw = lower ? std::min(raw, b) : std::max(raw, b);
  }
  // A hair wider, towards the rows the original condition keeps.
  double slack = std::max(std::abs(raw), 1.0) * 1e-9;
  raw = lower ? raw - slack : raw + slack;
  const Expr& column = *forms[0].column;
  // The bound in the column's own type, rounded outwards.
  const DataType& type = column.type;
  Value bound = Value::Double(raw);
  if (type.id != TypeId::kDouble) {
    double scaled = raw * std::pow(10.0, type.id == TypeId::kDecimal ? type.scale : 0);
    scaled = lower ? std::floor(scaled) : std::ceil(scaled);
    if (!(std::abs(scaled) < 9e18)) return nullptr;
    bound = type.id == TypeId::kDecimal ? Value::Decimal(static_cast<int64_t>(scaled), type.scale)
                                        : Value::Int64(static_cast<int64_t>(scaled));
  }
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(column.Clone());
  args.push_back(Expr::Constant(bound));
  return Expr::Call(lower ? ExprOp::kGreaterEqual : ExprOp::kLessEqual, DataType::Bool(), std::move(args));
}

}  // namespace

std::vector<std::unique_ptr<Expr>> ImpliedBounds(const std::vector<std::unique_ptr<Expr>>& conjuncts) {
  std::vector<std::unique_ptr<Expr>> out;
  Allowed allowed = AllowedValues(conjuncts);
  for (const auto& c : conjuncts) {
    bool has_case = false;
    std::function<void(const Expr&)> find = [&](const Expr& e) {
      has_case = has_case || e.op == ExprOp::kCase || e.op == ExprOp::kCast || e.op == ExprOp::kMultiply;
      for (const auto& a : e.args) find(*a);
    };
    find(*c);
    if (!has_case) continue;
    std::unique_ptr<Expr> narrowed = FoldConstants(Narrow(c->Clone(), allowed));
    if (std::unique_ptr<Expr> bound = RawBound(*narrowed)) out.push_back(std::move(bound));
  }
  return out;
}

}  // namespace tessera
