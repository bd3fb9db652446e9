// File: planner/optimizer/case_inversion.cc

#include "planner/optimizer/case_inversion.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#include "planner/binder/expr_rewrite.h"

namespace tessera {
namespace {

bool IsConstant(const Expr& e) { return e.op == ExprOp::kConstant; }

// For `CASE WHEN x = a1 THEN c1 ... [ELSE NULL] END` with one x and
// constants a and c: x, and the (a, c) pairs in order. Null when `e` is not
// of that shape.
const Expr* CodeMapShape(const Expr& e, std::vector<std::pair<const Expr*, const Expr*>>* pairs) {
  if (e.op != ExprOp::kCase) return nullptr;
  const size_t n = e.args.size();
  if (n % 2 == 1 && !(IsConstant(*e.args[n - 1]) && e.args[n - 1]->constant.is_null())) return nullptr;
  const Expr* x = nullptr;
  for (size_t i = 0; i + 1 < n; i += 2) {
    const Expr& when = *e.args[i];
    const Expr& then = *e.args[i + 1];
    if (when.op != ExprOp::kEqual || !IsConstant(then)) return nullptr;
    const Expr* side = when.args[0].get();
    const Expr* value = when.args[1].get();
    if (IsConstant(*side)) std::swap(side, value);
    if (!IsConstant(*value) || IsConstant(*side)) return nullptr;
    if (x == nullptr) x = side;
    if (!ExprEquals(*x, *side)) return nullptr;
    pairs->emplace_back(value, &then);
  }
  return x;
}

// "42" or "-7" exactly as an integer prints, else nullopt ("042", "4.0").
std::optional<int64_t> CanonicalInteger(const std::string& text) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(text, &v) || absl::StrCat(v) != text) return std::nullopt;
  return v;
}

// CAST(integer column AS text) = 'text' as a comparison of the integer, which
// the source can index: views expose every source's ids as text.
std::unique_ptr<Expr> InvertIntegerCast(std::unique_ptr<Expr> conjunct) {
  if (conjunct->op != ExprOp::kEqual) return conjunct;
  Expr* cast = conjunct->args[0].get();
  Expr* text = conjunct->args[1].get();
  if (IsConstant(*cast)) std::swap(cast, text);
  if (cast->op != ExprOp::kCast || cast->type.id != TypeId::kText || cast->args[0]->type.id != TypeId::kInt64 ||
      !IsConstant(*text) || text->constant.is_null() || text->type.id != TypeId::kText) {
    return conjunct;
  }
  std::optional<int64_t> v = CanonicalInteger(text->constant.text_value());
  if (!v.has_value()) return Expr::Constant(Value::Bool(false));
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(std::move(cast->args[0]));
  args.push_back(Expr::Constant(Value::Int64(*v)));
  return Expr::Call(ExprOp::kEqual, DataType::Bool(), std::move(args));
}

}  // namespace

std::unique_ptr<Expr> InvertCaseComparison(std::unique_ptr<Expr> conjunct) {
  conjunct = InvertIntegerCast(std::move(conjunct));
  const Expr* case_expr = nullptr;
  std::vector<const Expr*> wanted;  // The constants the CASE is compared with.
  if (conjunct->op == ExprOp::kEqual) {
    const Expr* a = conjunct->args[0].get();
    const Expr* b = conjunct->args[1].get();
    if (IsConstant(*a)) std::swap(a, b);
    if (!IsConstant(*b)) return conjunct;
    case_expr = a;
    wanted.push_back(b);
  } else if (conjunct->op == ExprOp::kInList) {
    case_expr = conjunct->args[0].get();
    for (size_t i = 1; i < conjunct->args.size(); ++i) {
      if (!IsConstant(*conjunct->args[i])) return conjunct;
      wanted.push_back(conjunct->args[i].get());
    }
  } else {
    return conjunct;
  }
  std::vector<std::pair<const Expr*, const Expr*>> pairs;
  const Expr* x = CodeMapShape(*case_expr, &pairs);
  if (x == nullptr) return conjunct;

  // The local codes whose first matching WHEN yields a wanted constant.
  std::vector<std::unique_ptr<Expr>> codes;
  std::vector<const Expr*> earlier;
  for (const auto& [code, result] : pairs) {
    bool shadowed = false;
    for (const Expr* e : earlier) shadowed = shadowed || e->constant == code->constant;
    earlier.push_back(code);
    if (shadowed || code->constant.is_null() || result->constant.is_null()) continue;
    bool hit = false;
    for (const Expr* w : wanted) hit = hit || (!w->constant.is_null() && w->constant == result->constant);
    if (hit) codes.push_back(code->Clone());
  }
  if (codes.empty()) return Expr::Constant(Value::Bool(false));
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(x->Clone());
  if (codes.size() == 1) {
    args.push_back(std::move(codes[0]));
    return Expr::Call(ExprOp::kEqual, DataType::Bool(), std::move(args));
  }
  for (auto& c : codes) args.push_back(std::move(c));
  return Expr::Call(ExprOp::kInList, DataType::Bool(), std::move(args));
}

}  // namespace tessera
