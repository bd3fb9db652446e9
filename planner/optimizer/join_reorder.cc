// Pass 2 (after predicate pushdown): reorders chains of inner joins so that
// tables of the same source are joined to each other first. The source can
// then compute that join itself (source pushdown folds it), instead of
// shipping each table for the engine to join. Those groups are then ordered
// by their estimated rows (see OrderGroupsBySize). The original column order
// is restored by a projection on top.

#include <algorithm>
#include <map>
#include <optional>

#include "engine/common/status_macros.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/logical/cardinality.h"
#include "planner/optimizer/optimizer.h"

namespace tessera {
namespace {

using ExprList = std::vector<std::unique_ptr<Expr>>;

struct Leaf {
  std::unique_ptr<LogicalNode> node;
  int offset = 0;  // First column in the original join output.
};

bool IsInnerJoin(const LogicalNode& n) {
  return n.kind == LogicalKind::kJoin && n.join_type == LogicalJoinType::kInner;
}

// Splits a tree of inner joins into its leaves and AND-ed conditions (over
// the original output columns).
void Flatten(std::unique_ptr<LogicalNode> node, int offset, std::vector<Leaf>* leaves, ExprList* conditions) {
  if (!IsInnerJoin(*node)) {
    leaves->push_back({std::move(node), offset});
    return;
  }
  const int left_width = static_cast<int>(node->inputs[0]->fields.size());
  for (auto& c : SplitConjuncts(std::move(node->condition))) {
    if (offset != 0) RemapColumns(*c, [&](int col) -> absl::StatusOr<int> { return col + offset; }).IgnoreError();
    conditions->push_back(std::move(c));
  }
  Flatten(std::move(node->inputs[0]), offset, leaves, conditions);
  Flatten(std::move(node->inputs[1]), offset + left_width, leaves, conditions);
}

// The one source every table under `n` comes from, or "" when several (or none).
std::string SourceOf(const LogicalNode& n) {
  if (n.kind == LogicalKind::kScan) return n.table->source_name;
  std::string source;
  for (const auto& in : n.inputs) {
    std::string s = SourceOf(*in);
    if (s.empty() || (!source.empty() && s != source)) return "";
    source = s;
  }
  return source;
}

std::unique_ptr<LogicalNode> Reorder(std::unique_ptr<LogicalNode> node);

// With row estimates for every table, the groups are joined largest first
// (it streams through the hash joins, which build on the right) and then,
// of the groups linked by a condition to those already joined, the smallest
// next; a group linked to none comes only when no linked one is left.
// Without estimates the order of the query stands.
void OrderGroupsBySize(const std::vector<Leaf>& leaves, const std::vector<std::vector<bool>>& linked,
                       std::vector<std::vector<int>>* groups) {
  const size_t n = groups->size();
  if (n < 2) return;
  std::vector<double> size(n, 0);
  for (size_t g = 0; g < n; ++g) {
    for (int leaf : (*groups)[g]) {
      std::optional<double> rows = EstimateRows(*leaves[leaf].node);
      if (!rows.has_value()) return;
      size[g] = std::max(size[g], *rows);  // A same-source join follows its largest table.
    }
  }
  auto groups_linked = [&](size_t a, size_t b) {
    for (int x : (*groups)[a]) {
      for (int y : (*groups)[b]) {
        if (linked[x][y]) return true;
      }
    }
    return false;
  };
  std::vector<size_t> order;
  std::vector<bool> used(n, false);
  size_t first = 0;
  for (size_t g = 1; g < n; ++g) {
    if (size[g] > size[first]) first = g;
  }
  order.push_back(first);
  used[first] = true;
  while (order.size() < n) {
    int best = -1;
    bool best_linked = false;
    for (size_t g = 0; g < n; ++g) {
      if (used[g]) continue;
      bool is_linked = false;
      for (size_t o : order) is_linked = is_linked || groups_linked(o, g);
      if (best < 0 || (is_linked && !best_linked) || (is_linked == best_linked && size[g] < size[best])) {
        best = static_cast<int>(g);
        best_linked = is_linked;
      }
    }
    order.push_back(static_cast<size_t>(best));
    used[best] = true;
  }
  std::vector<std::vector<int>> reordered;
  for (size_t g : order) reordered.push_back(std::move((*groups)[g]));
  *groups = std::move(reordered);
}

std::unique_ptr<LogicalNode> ReorderChain(std::unique_ptr<LogicalNode> join) {
  const std::vector<Field> original_fields = join->fields;
  std::vector<Leaf> leaves;
  ExprList conditions;
  Flatten(std::move(join), 0, &leaves, &conditions);
  for (Leaf& leaf : leaves) leaf.node = Reorder(std::move(leaf.node));

  // Which leaves each condition reads, to know which tables are joined to
  // which directly.
  auto leaf_of = [&](int col) {
    int found = 0;
    for (size_t i = 0; i < leaves.size(); ++i) {
      if (col >= leaves[i].offset) found = static_cast<int>(i);
    }
    return found;
  };
  std::vector<std::vector<bool>> linked(leaves.size(), std::vector<bool>(leaves.size(), false));
  for (const auto& c : conditions) {
    std::vector<int> read;
    ForEachColumn(*c, [&](int col) { read.push_back(leaf_of(col)); });
    for (int a : read) {
      for (int b : read) linked[a][b] = true;
    }
  }
  // Leaves grouped by source, groups in order of first appearance. A table
  // joins its source's group only when a condition links it to a table
  // already there: tables linked only through another source stay apart, or
  // the source would compute a cross product.
  std::vector<std::vector<int>> groups;
  std::vector<bool> placed(leaves.size(), false);
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (placed[i]) continue;
    std::string source = SourceOf(*leaves[i].node);
    groups.push_back({static_cast<int>(i)});
    placed[i] = true;
    for (bool grew = !source.empty(); grew;) {
      grew = false;
      for (size_t j = i + 1; j < leaves.size(); ++j) {
        if (placed[j] || SourceOf(*leaves[j].node) != source) continue;
        bool link = false;
        for (int member : groups.back()) link = link || linked[member][j];
        if (!link) continue;
        groups.back().push_back(static_cast<int>(j));
        placed[j] = true;
        grew = true;
      }
    }
  }
  OrderGroupsBySize(leaves, linked, &groups);
  // Old column -> new column, with the groups' tables side by side.
  std::map<int, int> position;
  std::vector<int> group_start;
  int width = 0;
  for (const auto& group : groups) {
    group_start.push_back(width);
    for (int i : group) {
      for (size_t c = 0; c < leaves[i].node->fields.size(); ++c) position[leaves[i].offset + c] = width + c;
      width += static_cast<int>(leaves[i].node->fields.size());
    }
  }
  for (auto& c : conditions) {
    RemapColumns(*c, [&](int col) -> absl::StatusOr<int> { return position.at(col); }).IgnoreError();
  }
  // Joins `right` onto `tree` (whose columns start at `base` in the new
  // layout) with every condition whose columns are now all there.
  auto join_onto = [&](std::unique_ptr<LogicalNode> tree, std::unique_ptr<LogicalNode> right, int base) {
    auto j = std::make_unique<LogicalNode>();
    j->kind = LogicalKind::kJoin;
    j->join_type = LogicalJoinType::kInner;
    j->fields = tree->fields;
    j->fields.insert(j->fields.end(), right->fields.begin(), right->fields.end());
    const int end = base + static_cast<int>(j->fields.size());
    ExprList here;
    for (auto& c : conditions) {
      if (c == nullptr) continue;
      bool ready = true;
      ForEachColumn(*c, [&](int col) { ready = ready && col >= base && col < end; });
      if (!ready) continue;
      if (base != 0) RemapColumns(*c, [&](int col) -> absl::StatusOr<int> { return col - base; }).IgnoreError();
      here.push_back(std::move(c));
    }
    j->condition = JoinConjuncts(std::move(here));
    j->inputs.push_back(std::move(tree));
    j->inputs.push_back(std::move(right));
    return j;
  };
  // Each source's tables joined among themselves first, then the groups.
  std::vector<std::unique_ptr<LogicalNode>> group_trees;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::unique_ptr<LogicalNode> tree = std::move(leaves[groups[g][0]].node);
    for (size_t k = 1; k < groups[g].size(); ++k) {
      tree = join_onto(std::move(tree), std::move(leaves[groups[g][k]].node), group_start[g]);
    }
    group_trees.push_back(std::move(tree));
  }
  std::unique_ptr<LogicalNode> tree = std::move(group_trees[0]);
  for (size_t g = 1; g < group_trees.size(); ++g) tree = join_onto(std::move(tree), std::move(group_trees[g]), 0);
  // The original column order.
  bool identity = true;
  for (const auto& [from, to] : position) identity = identity && from == to;
  if (identity) return tree;
  auto project = std::make_unique<LogicalNode>();
  project->kind = LogicalKind::kProject;
  project->fields = original_fields;
  for (size_t c = 0; c < original_fields.size(); ++c) {
    project->exprs.push_back(Expr::Column(position.at(static_cast<int>(c)), original_fields[c].type));
  }
  project->inputs.push_back(std::move(tree));
  return project;
}

std::unique_ptr<LogicalNode> Reorder(std::unique_ptr<LogicalNode> node) {
  if (IsInnerJoin(*node)) return ReorderChain(std::move(node));
  for (auto& in : node->inputs) in = Reorder(std::move(in));
  return node;
}

}  // namespace

std::unique_ptr<LogicalNode> ReorderJoins(std::unique_ptr<LogicalNode> plan) { return Reorder(std::move(plan)); }

}  // namespace tessera
