// Pass 1: filters move down through joins and projections, so that a
// condition on one table's columns reaches that table (and, later, its
// source). Only moves that keep the answer the same are made: into both
// sides of an inner join, into the preserved side of an outer join, and the
// left side of semi and anti joins.

#include "planner/binder/expr_rewrite.h"
#include "planner/optimizer/optimizer.h"

namespace tessera {
namespace {

using ExprList = std::vector<std::unique_ptr<Expr>>;

// Which inputs the columns of `e` come from: bit 0 left, bit 1 right.
int Sides(const Expr& e, int left_width) {
  int sides = 0;
  ForEachColumn(e, [&](int c) { sides |= c < left_width ? 1 : 2; });
  return sides;
}

std::unique_ptr<LogicalNode> AddFilter(std::unique_ptr<LogicalNode> input, ExprList conjuncts) {
  if (conjuncts.empty()) return input;
  auto filter = std::make_unique<LogicalNode>();
  filter->kind = LogicalKind::kFilter;
  filter->fields = input->fields;
  filter->predicate = JoinConjuncts(std::move(conjuncts));
  filter->inputs.push_back(std::move(input));
  return filter;
}

std::unique_ptr<LogicalNode> Push(std::unique_ptr<LogicalNode> node, ExprList pending);

// Pushes `pending` (over the join's output) and the join's own condition
// into its inputs where that keeps the meaning.
std::unique_ptr<LogicalNode> PushIntoJoin(std::unique_ptr<LogicalNode> join, ExprList pending) {
  const int left_width = static_cast<int>(join->inputs[0]->fields.size());
  const LogicalJoinType type = join->join_type;
  ExprList to_left, to_right, keep_above, keep_on;
  // WHERE conditions above the join.
  for (auto& c : pending) {
    int sides = Sides(*c, left_width);
    if (sides == 1 && type != LogicalJoinType::kRight && type != LogicalJoinType::kFull) {
      to_left.push_back(std::move(c));
    } else if (sides == 2 && type == LogicalJoinType::kInner) {
      to_right.push_back(std::move(c));
    } else if (sides == 3 && type == LogicalJoinType::kInner) {
      // A WHERE condition linking both sides (FROM a, b WHERE a.x = b.y)
      // is the inner join's condition: it can then be a hash join.
      keep_on.push_back(std::move(c));
    } else {
      keep_above.push_back(std::move(c));
    }
  }
  // The join's own condition: for an inner join it is a WHERE condition; for
  // left/semi/anti joins only its right-only parts may move (into the right
  // input); everything else stays in the join.
  if (join->condition != nullptr && type != LogicalJoinType::kFull && type != LogicalJoinType::kRight) {
    for (auto& c : SplitConjuncts(std::move(join->condition))) {
      int sides = Sides(*c, left_width);
      if (sides == 2 && !join->null_aware) {
        to_right.push_back(std::move(c));
      } else if (sides == 1 && type == LogicalJoinType::kInner) {
        to_left.push_back(std::move(c));
      } else {
        keep_on.push_back(std::move(c));
      }
    }
  }
  if (join->condition != nullptr) keep_on.push_back(std::move(join->condition));
  join->condition = JoinConjuncts(std::move(keep_on));
  for (auto& c : to_right) {
    RemapColumns(*c, [&](int col) -> absl::StatusOr<int> { return col - left_width; }).IgnoreError();
  }
  join->inputs[0] = Push(std::move(join->inputs[0]), std::move(to_left));
  join->inputs[1] = Push(std::move(join->inputs[1]), std::move(to_right));
  return AddFilter(std::move(join), std::move(keep_above));
}

std::unique_ptr<LogicalNode> Push(std::unique_ptr<LogicalNode> node, ExprList pending) {
  switch (node->kind) {
    case LogicalKind::kFilter: {
      for (auto& c : SplitConjuncts(std::move(node->predicate))) pending.push_back(std::move(c));
      return Push(std::move(node->inputs[0]), std::move(pending));
    }
    case LogicalKind::kJoin:
      return PushIntoJoin(std::move(node), std::move(pending));
    case LogicalKind::kProject: {
      // A condition on projected columns that are plain input columns moves below.
      ExprList below, above;
      for (auto& c : pending) {
        bool movable = true;
        ForEachColumn(*c, [&](int col) { movable = movable && node->exprs[col]->op == ExprOp::kColumn; });
        if (movable) {
          RemapColumns(*c, [&](int col) -> absl::StatusOr<int> { return node->exprs[col]->column; }).IgnoreError();
          below.push_back(std::move(c));
        } else {
          above.push_back(std::move(c));
        }
      }
      node->inputs[0] = Push(std::move(node->inputs[0]), std::move(below));
      return AddFilter(std::move(node), std::move(above));
    }
    default: {
      // Elsewhere filters stop; the inputs are optimized on their own.
      for (auto& in : node->inputs) in = Push(std::move(in), {});
      return AddFilter(std::move(node), std::move(pending));
    }
  }
}

}  // namespace

std::unique_ptr<LogicalNode> PushDownPredicates(std::unique_ptr<LogicalNode> plan) {
  return Push(std::move(plan), {});
}

}  // namespace tessera
