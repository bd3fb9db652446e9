#include "planner/logical/cardinality.h"

#include <algorithm>

namespace tessera {
namespace {

// The classic guesses (System R's): an equality keeps a tenth, a range a
// third, anything else a half.
constexpr double kEqualSelectivity = 0.1;
constexpr double kRangeSelectivity = 1.0 / 3;
constexpr double kLikeSelectivity = 0.25;
constexpr double kNullSelectivity = 0.1;
constexpr double kDefaultSelectivity = 0.5;
// A grouped aggregate keeps this fraction of its input rows.
constexpr double kGroupFraction = 0.1;

bool IsColumnAgainstConstant(const Expr& e) {
  return e.args.size() == 2 && ((e.args[0]->op == ExprOp::kColumn && e.args[1]->op == ExprOp::kConstant) ||
                                (e.args[1]->op == ExprOp::kColumn && e.args[0]->op == ExprOp::kConstant));
}

// Whether `predicate` pins the table's whole primary key to constants.
bool PinsPrimaryKey(const Expr& predicate, const LogicalNode& scan) {
  if (scan.kind != LogicalKind::kScan || scan.table == nullptr || scan.table->info.primary_key.empty()) return false;
  std::vector<const Expr*> parts;
  if (predicate.op == ExprOp::kAnd) {
    for (const auto& a : predicate.args) parts.push_back(a.get());
  } else {
    parts.push_back(&predicate);
  }
  for (const std::string& key : scan.table->info.primary_key) {
    bool pinned = false;
    for (const Expr* p : parts) {
      if (p->op != ExprOp::kEqual || !IsColumnAgainstConstant(*p)) continue;
      const Expr& col = p->args[0]->op == ExprOp::kColumn ? *p->args[0] : *p->args[1];
      if (col.column < 0 || col.column >= static_cast<int>(scan.scan_columns.size())) continue;
      pinned = pinned || scan.table->info.columns[scan.scan_columns[col.column]].name == key;
    }
    if (!pinned) return false;
  }
  return true;
}

}  // namespace

double Selectivity(const Expr& e) {
  switch (e.op) {
    case ExprOp::kAnd: {
      double s = 1;
      for (const auto& a : e.args) s *= Selectivity(*a);
      return s;
    }
    case ExprOp::kOr: {
      double keep_none = 1;
      for (const auto& a : e.args) keep_none *= 1 - Selectivity(*a);
      return 1 - keep_none;
    }
    case ExprOp::kNot:
      return e.args.empty() ? kDefaultSelectivity : 1 - Selectivity(*e.args[0]);
    case ExprOp::kEqual:
    case ExprOp::kIsNotDistinctFrom:
      return kEqualSelectivity;
    case ExprOp::kNotEqual:
    case ExprOp::kIsDistinctFrom:
      return 1 - kEqualSelectivity;
    case ExprOp::kLess:
    case ExprOp::kLessEqual:
    case ExprOp::kGreater:
    case ExprOp::kGreaterEqual:
      return kRangeSelectivity;
    case ExprOp::kInList:
      return std::min(1.0, kEqualSelectivity * static_cast<double>(e.args.size() - 1));
    case ExprOp::kLike:
      return kLikeSelectivity;
    case ExprOp::kIsNull:
      return kNullSelectivity;
    case ExprOp::kIsNotNull:
      return 1 - kNullSelectivity;
    case ExprOp::kConstant:
      if (e.constant.is_null()) return 0;
      return e.constant.type().id == TypeId::kBool && !e.constant.bool_value() ? 0 : 1;
    default:
      return kDefaultSelectivity;
  }
}

std::optional<double> EstimateRows(const LogicalNode& n) {
  auto input = [&](size_t i) -> std::optional<double> {
    if (i >= n.inputs.size()) return std::nullopt;
    return EstimateRows(*n.inputs[i]);
  };
  switch (n.kind) {
    case LogicalKind::kScan:
      if (n.table == nullptr || !n.table->info.estimated_rows.has_value()) return std::nullopt;
      return static_cast<double>(*n.table->info.estimated_rows);
    case LogicalKind::kRemote:
      return n.remote_plan != nullptr ? EstimateRows(*n.remote_plan) : std::nullopt;
    case LogicalKind::kValues:
      return static_cast<double>(n.rows.size());
    case LogicalKind::kFilter: {
      std::optional<double> in = input(0);
      if (!in.has_value()) return std::nullopt;
      if (PinsPrimaryKey(*n.predicate, *n.inputs[0])) return std::min(*in, 1.0);
      return *in * Selectivity(*n.predicate);
    }
    case LogicalKind::kJoin: {
      std::optional<double> left = input(0);
      std::optional<double> right = input(1);
      if (!left.has_value() || !right.has_value()) return std::nullopt;
      switch (n.join_type) {
        case LogicalJoinType::kSemi:
        case LogicalJoinType::kAnti:
          return *left * kDefaultSelectivity;
        case LogicalJoinType::kMark:
          return *left;
        case LogicalJoinType::kLeft:
          return std::max(*left, n.condition == nullptr ? *left * *right : *left);
        case LogicalJoinType::kRight:
          return std::max(*right, n.condition == nullptr ? *left * *right : *right);
        case LogicalJoinType::kFull:
          return n.condition == nullptr ? *left * *right : *left + *right;
        case LogicalJoinType::kInner:
          // An equi-join is taken to follow a foreign key: each row of the
          // larger side meets one of the smaller.
          if (n.condition == nullptr) return *left * *right;
          return std::max(*left, *right) * (n.condition->op == ExprOp::kEqual || n.condition->op == ExprOp::kAnd
                                                 ? 1.0
                                                 : kRangeSelectivity);
      }
      return std::nullopt;
    }
    case LogicalKind::kAggregate: {
      if (n.group_by.empty()) return 1.0;
      std::optional<double> in = input(0);
      if (!in.has_value()) return std::nullopt;
      return std::max(1.0, *in * kGroupFraction);
    }
    case LogicalKind::kLimit: {
      std::optional<double> in = input(0);
      if (!n.limit.has_value()) return in;
      double limit = static_cast<double>(*n.limit);
      return in.has_value() ? std::min(*in, limit) : limit;
    }
    case LogicalKind::kSetOp: {
      std::optional<double> a = input(0), b = input(1);
      if (!a.has_value() || !b.has_value()) return std::nullopt;
      return n.set_op == LogicalSetOp::kUnionAll ? *a + *b : *a;
    }
    default:
      return input(0);
  }
}

}  // namespace tessera
