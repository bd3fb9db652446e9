// Pass 1: filters move down through joins, projections and set operations,
// so that a condition on one table's columns reaches that table (and, later,
// its source). Only moves that keep the answer the same are made: into both
// sides of an inner join, into the preserved side of an outer join, the left
// side of semi and anti joins, and every input of a set operation (a view's
// UNION ALL of sources). Conditions are folded on the way: one that becomes
// TRUE disappears, one that becomes FALSE empties its input, and one on a
// code map's CASE is restated over the local codes.

#include <algorithm>

#include "planner/binder/expr_rewrite.h"
#include "planner/optimizer/case_inversion.h"
#include "planner/optimizer/constant_folding.h"
#include "planner/optimizer/implied_bounds.h"
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

bool IsConstant(const Expr& e, bool value) {
  return e.op == ExprOp::kConstant && !e.constant.is_null() && e.constant.bool_value() == value;
}

// No rows, in `node`'s shape.
std::unique_ptr<LogicalNode> Empty(const LogicalNode& node) {
  auto empty = std::make_unique<LogicalNode>();
  empty->kind = LogicalKind::kValues;
  empty->fields = node.fields;
  return empty;
}

bool IsEmpty(const LogicalNode& node) { return node.kind == LogicalKind::kValues && node.rows.empty(); }

// A UNION ALL with an input that has no rows is its other input, under the
// union's column names.
std::unique_ptr<LogicalNode> WithoutEmptyInputs(std::unique_ptr<LogicalNode> union_all) {
  if (IsEmpty(*union_all->inputs[0]) && IsEmpty(*union_all->inputs[1])) return Empty(*union_all);
  for (int i = 0; i < 2; ++i) {
    if (!IsEmpty(*union_all->inputs[i])) continue;
    std::unique_ptr<LogicalNode> kept = std::move(union_all->inputs[1 - i]);
    if (kept->kind == LogicalKind::kProject) {
      kept->fields = union_all->fields;  // A projection just takes the names.
      return kept;
    }
    auto rename = std::make_unique<LogicalNode>();
    rename->kind = LogicalKind::kProject;
    rename->fields = union_all->fields;
    for (size_t c = 0; c < rename->fields.size(); ++c) {
      rename->exprs.push_back(Expr::Column(static_cast<int>(c), rename->fields[c].type));
    }
    rename->inputs.push_back(std::move(kept));
    return rename;
  }
  return union_all;
}

std::unique_ptr<LogicalNode> AddFilter(std::unique_ptr<LogicalNode> input, ExprList conjuncts) {
  ExprList kept;
  for (auto& c : conjuncts) {
    c = InvertCaseComparison(FoldConstants(std::move(c)));
    if (IsConstant(*c, true)) continue;
    if (c->op == ExprOp::kConstant) return Empty(*input);  // FALSE or NULL.
    kept.push_back(std::move(c));
  }
  conjuncts = std::move(kept);
  for (auto& bound : ImpliedBounds(conjuncts)) conjuncts.push_back(std::move(bound));
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
      // This filter's own conditions first: they ran before the ones from
      // above did, and may guard them (x <> 0 before 1 / x > 1).
      ExprList conditions = SplitConjuncts(std::move(node->predicate));
      for (auto& c : pending) conditions.push_back(std::move(c));
      return Push(std::move(node->inputs[0]), std::move(conditions));
    }
    case LogicalKind::kJoin:
      return PushIntoJoin(std::move(node), std::move(pending));
    case LogicalKind::kProject: {
      // A condition on projected columns moves below with each column
      // replaced by the expression that computes it ('lab' AS source makes
      // source = 'lab' a constant).
      ExprList below;
      for (auto& c : pending) below.push_back(InlineColumns(std::move(c), node->exprs));
      node->inputs[0] = Push(std::move(node->inputs[0]), std::move(below));
      if (IsEmpty(*node->inputs[0])) return Empty(*node);
      return node;
    }
    case LogicalKind::kSetOp: {
      // Every input gets the conditions (filtering the inputs of UNION,
      // INTERSECT or EXCEPT filters the result) where its columns have the
      // result's types.
      ExprList above;
      std::vector<ExprList> per_input(node->inputs.size());
      for (auto& c : pending) {
        bool same_types = true;
        ForEachColumn(*c, [&](int col) {
          for (const auto& in : node->inputs) same_types = same_types && in->fields[col].type == node->fields[col].type;
        });
        if (!same_types) {
          above.push_back(std::move(c));
          continue;
        }
        for (auto& list : per_input) list.push_back(c->Clone());
      }
      for (size_t i = 0; i < node->inputs.size(); ++i) {
        node->inputs[i] = Push(std::move(node->inputs[i]), std::move(per_input[i]));
      }
      if (node->set_op == LogicalSetOp::kUnionAll) node = WithoutEmptyInputs(std::move(node));
      return AddFilter(std::move(node), std::move(above));
    }
    case LogicalKind::kAggregate: {
      // A condition on grouping columns alone keeps or drops whole groups:
      // it may run on the rows before they are grouped.
      ExprList below, above;
      const int groups = static_cast<int>(node->group_by.size());
      for (auto& c : pending) {
        // (Without grouping columns there is one group even of no rows: a
        // condition must then stay above.)
        bool on_groups = groups > 0;
        ForEachColumn(*c, [&](int col) { on_groups = on_groups && col < groups; });
        if (!on_groups) {
          above.push_back(std::move(c));
          continue;
        }
        below.push_back(InlineColumns(std::move(c), node->group_by));
      }
      node->inputs[0] = Push(std::move(node->inputs[0]), std::move(below));
      return AddFilter(std::move(node), std::move(above));
    }
    case LogicalKind::kDedup: {
      // Rows of one fact share their keys: a condition on the keys alone
      // keeps or drops whole facts, so it may run before deduplication.
      ExprList below, above;
      for (auto& c : pending) {
        bool on_keys = true;
        ForEachColumn(*c, [&](int col) {
          on_keys = on_keys && std::find(node->dedup.keys.begin(), node->dedup.keys.end(), col) != node->dedup.keys.end();
        });
        (on_keys ? below : above).push_back(std::move(c));
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
