// File: planner/optimizer/structured_pushability.cc
//
// The filter conditions a source without SQL declared it evaluates.

#include "planner/optimizer/structured_pushability.h"

namespace tessera {
namespace {

bool IsColumn(const Expr& e) { return e.op == ExprOp::kColumn; }
bool IsLeaf(const Expr& e) { return e.op == ExprOp::kColumn || e.op == ExprOp::kConstant; }

}  // namespace

bool CanSourceEvaluate(const Expr& e, const FilterSupport& s) {
  switch (e.op) {
    case ExprOp::kColumn:
      return e.type.id == TypeId::kBool;
    case ExprOp::kConstant:
      return e.type.id == TypeId::kBool;
    case ExprOp::kEqual:
    case ExprOp::kNotEqual:
    case ExprOp::kLess:
    case ExprOp::kLessEqual:
    case ExprOp::kGreater:
    case ExprOp::kGreaterEqual:
      return s.comparison && IsLeaf(*e.args[0]) && IsLeaf(*e.args[1]) && e.args[0]->type == e.args[1]->type;
    case ExprOp::kAnd:
    case ExprOp::kOr:
    case ExprOp::kNot: {
      bool declared = e.op == ExprOp::kAnd ? s.and_ : e.op == ExprOp::kOr ? s.or_ : s.not_;
      if (!declared) return false;
      for (const auto& a : e.args) {
        if (!CanSourceEvaluate(*a, s)) return false;
      }
      return true;
    }
    case ExprOp::kIsNull:
    case ExprOp::kIsNotNull:
      return s.is_null && IsColumn(*e.args[0]);
    case ExprOp::kInList:
      if (!s.in_list || !IsColumn(*e.args[0])) return false;
      for (size_t i = 1; i < e.args.size(); ++i) {
        if (e.args[i]->op != ExprOp::kConstant || !(e.args[i]->type == e.args[0]->type)) return false;
      }
      return e.args.size() >= 2;
    case ExprOp::kLike:
      return s.like && IsColumn(*e.args[0]) && e.args[1]->op == ExprOp::kConstant &&
             e.args[1]->type.id == TypeId::kText && !e.args[1]->constant.is_null() && e.field.size() <= 1;
    default:
      return false;
  }
}

}  // namespace tessera
