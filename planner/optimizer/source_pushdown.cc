// Pass 3: folds into kRemote nodes whatever one source can compute with the
// engine's meaning (see pushability.h), bottom-up: a table scan becomes a
// remote node, and a filter, projection, aggregate, sort, limit, DISTINCT or
// same-source join directly above remote nodes of one source joins them.
// A source without SQL takes only what it declared and what keeps its
// structured scan's shape (see table_scan_builder.h): filter conditions it
// evaluates, projections of columns, an order on columns, a limit.

#include <limits>

#include "engine/common/status_macros.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/pushability.h"
#include "planner/optimizer/structured_pushability.h"
#include "planner/physical/table_scan_builder.h"

namespace tessera {
namespace {

bool IsRemote(const LogicalNode& n) { return n.kind == LogicalKind::kRemote; }

DialectKind DialectOf(const LogicalNode& remote) { return remote.source->dialect()->kind(); }

// A source that takes structured scans rather than SQL.
bool IsStructured(const LogicalNode& remote) { return !remote.source->capabilities().sql; }

// How a filter condition over `remote` may be pushed.
Pushability ClassifyCondition(const Expr& c, const LogicalNode& remote, bool filter_fits) {
  if (!IsStructured(remote)) return ConditionPushability(c, DialectOf(remote));
  const Capabilities& caps = remote.source->capabilities();
  return filter_fits && caps.filter && CanSourceEvaluate(c, caps.filter_support) ? Pushability::kExact
                                                                                 : Pushability::kNo;
}

// Moves `node` (whose inputs are remote nodes of one source) into the remote
// plan: the remote node now computes it.
std::unique_ptr<LogicalNode> Fold(std::unique_ptr<LogicalNode> node) {
  std::unique_ptr<LogicalNode> remote = std::move(node->inputs[0]);
  node->inputs[0] = std::move(remote->remote_plan);
  for (size_t i = 1; i < node->inputs.size(); ++i) node->inputs[i] = std::move(node->inputs[i]->remote_plan);
  remote->fields = node->fields;
  remote->remote_plan = std::move(node);
  return remote;
}

std::unique_ptr<LogicalNode> FoldFilter(std::unique_ptr<LogicalNode> filter) {
  const LogicalNode& input = *filter->inputs[0];
  const bool filter_fits = !IsStructured(input) || FoldsIntoTableScan(*filter);
  std::vector<std::unique_ptr<Expr>> pushed, kept;
  for (auto& c : SplitConjuncts(std::move(filter->predicate))) {
    switch (ClassifyCondition(*c, input, filter_fits)) {
      case Pushability::kExact:
        pushed.push_back(std::move(c));
        break;
      case Pushability::kSuperset:
        pushed.push_back(c->Clone());
        kept.push_back(std::move(c));
        break;
      case Pushability::kNo:
        kept.push_back(std::move(c));
        break;
    }
  }
  std::unique_ptr<LogicalNode> remote = std::move(filter->inputs[0]);
  if (!pushed.empty()) {
    auto inner = std::make_unique<LogicalNode>();
    inner->kind = LogicalKind::kFilter;
    inner->fields = remote->fields;
    inner->predicate = JoinConjuncts(std::move(pushed));
    inner->inputs.push_back(std::move(remote));
    remote = Fold(std::move(inner));
  }
  if (kept.empty()) return remote;
  filter->predicate = JoinConjuncts(std::move(kept));
  filter->inputs[0] = std::move(remote);
  return filter;
}

// For a source without SQL: projections of columns, an order on columns
// and a limit, as far as it declared them.
bool CanFoldStructured(const LogicalNode& n) {
  const Capabilities& caps = n.inputs[0]->source->capabilities();
  bool declared = false;
  switch (n.kind) {
    case LogicalKind::kProject:
      declared = caps.projection;
      break;
    case LogicalKind::kSort:
      declared = caps.order_by;
      break;
    case LogicalKind::kLimit:
      declared = caps.limit;
      break;
    default:
      return false;
  }
  return declared && n.inputs.size() == 1 && FoldsIntoTableScan(n);
}

bool CanFold(const LogicalNode& n) {
  for (const auto& in : n.inputs) {
    if (!IsRemote(*in) || in->source != n.inputs[0]->source) return false;
  }
  if (IsStructured(*n.inputs[0])) return CanFoldStructured(n);
  const DialectKind d = DialectOf(*n.inputs[0]);
  switch (n.kind) {
    case LogicalKind::kProject:
      for (const auto& e : n.exprs) {
        if (!CanPushExact(*e, d)) return false;
      }
      return true;
    case LogicalKind::kAggregate:
      for (const auto& g : n.group_by) {
        if (!CanPushExact(*g, d) || !CanPushOrdering(g->type, d)) return false;
      }
      for (const AggregateExpr& a : n.aggregates) {
        if (!CanPushAggregate(a, d)) return false;
      }
      return true;
    case LogicalKind::kSort:
      for (const SortKey& k : n.sort_keys) {
        if (!CanPushExact(*k.expr, d) || !CanPushOrdering(k.expr->type, d)) return false;
      }
      return true;
    case LogicalKind::kLimit:
      return true;
    case LogicalKind::kDistinct:
      for (const Field& f : n.fields) {
        if (!CanPushOrdering(f.type, d)) return false;
      }
      return true;
    case LogicalKind::kJoin:
      if (n.join_type == LogicalJoinType::kSemi || n.join_type == LogicalJoinType::kAnti ||
          n.join_type == LogicalJoinType::kMark) {
        return false;
      }
      if (n.scalar_subquery) return false;
      if (n.join_type == LogicalJoinType::kFull && d == DialectKind::kMariaDb) return false;
      return n.condition == nullptr || CanPushExact(*n.condition, d);
    default:
      return false;
  }
}

// An inner join between remote nodes of one source where a side still has a
// local filter on top (a condition the source only approximates): the
// filter moves above the join, so the source can compute the join.
std::unique_ptr<LogicalNode> LiftFiltersOverJoin(std::unique_ptr<LogicalNode> join) {
  if (join->kind != LogicalKind::kJoin || join->join_type != LogicalJoinType::kInner) return join;
  auto remote_under = [](const LogicalNode& n) -> const LogicalNode* {
    if (n.kind == LogicalKind::kRemote) return &n;
    if (n.kind == LogicalKind::kFilter && n.inputs[0]->kind == LogicalKind::kRemote) return n.inputs[0].get();
    return nullptr;
  };
  const LogicalNode* left = remote_under(*join->inputs[0]);
  const LogicalNode* right = remote_under(*join->inputs[1]);
  if (left == nullptr || right == nullptr || left->source != right->source) return join;
  if (IsStructured(*left)) return join;  // It cannot compute the join anyway.
  const int left_width = static_cast<int>(join->inputs[0]->fields.size());
  std::vector<std::unique_ptr<Expr>> lifted;
  for (int side = 0; side < 2; ++side) {
    std::unique_ptr<LogicalNode>& input = join->inputs[side];
    if (input->kind != LogicalKind::kFilter) continue;
    std::unique_ptr<Expr> p = std::move(input->predicate);
    if (side == 1) RemapColumns(*p, [&](int c) -> absl::StatusOr<int> { return c + left_width; }).IgnoreError();
    lifted.push_back(std::move(p));
    input = std::move(input->inputs[0]);
  }
  if (lifted.empty()) return join;
  auto filter = std::make_unique<LogicalNode>();
  filter->kind = LogicalKind::kFilter;
  filter->fields = join->fields;
  filter->predicate = JoinConjuncts(std::move(lifted));
  filter->inputs.push_back(CanFold(*join) ? Fold(std::move(join)) : std::move(join));
  return filter;
}

// A source without SQL takes no offset: it is asked for the first
// limit + offset rows, and the engine skips the offset.
std::unique_ptr<LogicalNode> PushLimitBelowOffset(std::unique_ptr<LogicalNode> limit) {
  if (*limit->limit > std::numeric_limits<int64_t>::max() - limit->offset) return limit;
  auto pushed = std::make_unique<LogicalNode>();
  pushed->kind = LogicalKind::kLimit;
  pushed->fields = limit->inputs[0]->fields;
  pushed->limit = *limit->limit + limit->offset;
  pushed->inputs.push_back(std::move(limit->inputs[0]));
  if (CanFold(*pushed)) {
    limit->inputs[0] = Fold(std::move(pushed));
  } else {
    limit->inputs[0] = std::move(pushed->inputs[0]);
  }
  return limit;
}

std::unique_ptr<LogicalNode> Visit(std::unique_ptr<LogicalNode> node) {
  for (auto& in : node->inputs) in = Visit(std::move(in));
  if (node->kind == LogicalKind::kJoin) {
    node = LiftFiltersOverJoin(std::move(node));
    // The join now sits (folded, if the source can compute it) below the
    // lifted filter.
    if (node->kind == LogicalKind::kFilter) return node;
  }
  if (node->kind == LogicalKind::kScan) {
    auto remote = std::make_unique<LogicalNode>();
    remote->kind = LogicalKind::kRemote;
    remote->fields = node->fields;
    remote->source = node->table->source;
    remote->source_name = node->table->source_name;
    remote->remote_plan = std::move(node);
    return remote;
  }
  if (node->kind == LogicalKind::kFilter && IsRemote(*node->inputs[0])) return FoldFilter(std::move(node));
  if (!node->inputs.empty() && CanFold(*node)) return Fold(std::move(node));
  if (node->kind == LogicalKind::kLimit && node->offset > 0 && node->limit.has_value() &&
      IsRemote(*node->inputs[0]) && IsStructured(*node->inputs[0])) {
    return PushLimitBelowOffset(std::move(node));
  }
  return node;
}

}  // namespace

absl::StatusOr<std::unique_ptr<LogicalNode>> PushIntoSources(std::unique_ptr<LogicalNode> plan) {
  return Visit(std::move(plan));
}

}  // namespace tessera
