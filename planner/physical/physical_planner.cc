#include "planner/physical/physical_planner.h"

#include <map>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/dedup_operator.h"
#include "engine/exec/distinct_operator.h"
#include "engine/exec/filter_operator.h"
#include "engine/exec/hash_aggregate_operator.h"
#include "engine/exec/hash_join_operator.h"
#include "engine/exec/key_collector_operator.h"
#include "engine/exec/key_filter_operator.h"
#include "engine/exec/limit_operator.h"
#include "engine/exec/mark_join_operator.h"
#include "engine/exec/nested_loop_join_operator.h"
#include "engine/exec/project_operator.h"
#include "engine/exec/remote_scan_operator.h"
#include "engine/exec/set_operation_operator.h"
#include "engine/exec/single_row_operator.h"
#include "engine/exec/sort_operator.h"
#include "engine/exec/values_operator.h"
#include "engine/exec/window_operator.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/logical/cardinality.h"
#include "planner/physical/key_filter_spot.h"
#include "planner/physical/sql_generator.h"
#include "planner/physical/table_scan_builder.h"

namespace tessera {
namespace {

using OperatorPtr = std::unique_ptr<Operator>;

std::shared_ptr<const Schema> SchemaOf(const std::vector<Field>& fields) {
  return std::make_shared<const Schema>(fields);
}

// The child's columns followed by `extra`; returns each extra's column. An
// extra that already is a plain column is used as it is.
absl::StatusOr<OperatorPtr> WithColumns(OperatorPtr child, std::vector<const Expr*> extra, std::vector<int>* positions) {
  const Schema& schema = *child->schema();
  std::vector<std::unique_ptr<Expr>> exprs;
  std::vector<std::string> names;
  for (int i = 0; i < schema.num_fields(); ++i) {
    exprs.push_back(Expr::Column(i, schema.field(i).type));
    names.push_back(schema.field(i).name);
  }
  bool added = false;
  for (const Expr* e : extra) {
    if (e->op == ExprOp::kColumn) {
      positions->push_back(e->column);
      continue;
    }
    positions->push_back(static_cast<int>(exprs.size()));
    exprs.push_back(e->Clone());
    names.push_back(absl::StrCat("$key", exprs.size()));
    added = true;
  }
  if (!added) return child;
  return OperatorPtr(std::make_unique<ProjectOperator>(std::move(child), std::move(exprs), std::move(names)));
}

// Keeps the first `width` columns of `op` (dropping helper columns).
OperatorPtr KeepColumns(OperatorPtr op, const std::vector<Field>& fields) {
  const Schema& schema = *op->schema();
  if (schema.num_fields() == static_cast<int>(fields.size())) return op;
  std::vector<std::unique_ptr<Expr>> exprs;
  std::vector<std::string> names;
  for (size_t i = 0; i < fields.size(); ++i) {
    exprs.push_back(Expr::Column(static_cast<int>(i), schema.field(static_cast<int>(i)).type));
    names.push_back(fields[i].name);
  }
  return std::make_unique<ProjectOperator>(std::move(op), std::move(exprs), std::move(names));
}

JoinType PhysicalJoinType(LogicalJoinType t) {
  switch (t) {
    case LogicalJoinType::kInner:
      return JoinType::kInner;
    case LogicalJoinType::kLeft:
      return JoinType::kLeft;
    case LogicalJoinType::kRight:
      return JoinType::kRight;
    case LogicalJoinType::kFull:
      return JoinType::kFull;
    case LogicalJoinType::kSemi:
      return JoinType::kSemi;
    case LogicalJoinType::kAnti:
    case LogicalJoinType::kMark:  // Built by BuildMarkJoin.
      return JoinType::kAnti;
  }
  return JoinType::kInner;
}

absl::StatusOr<OperatorPtr> Build(LogicalNode& n);

// Bind joins: a side estimated much smaller than the other (from the
// sources' row estimates, see cardinality.h; without them, a side that looks
// small: a key lookup, a LIMIT, an aggregate) is read first and its join
// keys are sent to the other side's source as IN-lists, so the big side
// ships only rows that can join. Estimates are guesses; the join falls back
// to reading the big side whole when the small side turns out to have more
// than kMaxBindKeys keys: past two sub-queries' worth, the IN-lists cost the
// source more than a scan (a link index's 9,883 patients sent to the EHR's
// vital signs took 0.9 s where the whole scan took 0.3 s).
constexpr int64_t kMaxBindKeys = 2000;
constexpr size_t kBindKeysPerQuery = 1000;

bool HasKeyLookup(const Expr& predicate) {
  if (predicate.op == ExprOp::kAnd) {
    for (const auto& a : predicate.args) {
      if (HasKeyLookup(*a)) return true;
    }
    return false;
  }
  if (predicate.op == ExprOp::kEqual) {
    return (predicate.args[0]->op == ExprOp::kColumn && predicate.args[1]->op == ExprOp::kConstant) ||
           (predicate.args[1]->op == ExprOp::kColumn && predicate.args[0]->op == ExprOp::kConstant);
  }
  return predicate.op == ExprOp::kInList && predicate.args[0]->op == ExprOp::kColumn;
}

bool LooksSmall(const LogicalNode& n) {
  switch (n.kind) {
    case LogicalKind::kRemote:
      return LooksSmall(*n.remote_plan);
    case LogicalKind::kLimit:
    case LogicalKind::kValues:
    case LogicalKind::kAggregate:
      return true;
    case LogicalKind::kScan:
      return false;
    case LogicalKind::kFilter:
      return HasKeyLookup(*n.predicate) || LooksSmall(*n.inputs[0]);
    case LogicalKind::kJoin:
      if (n.join_type != LogicalJoinType::kInner && n.join_type != LogicalJoinType::kSemi) {
        return LooksSmall(*n.inputs[0]);
      }
      return LooksSmall(*n.inputs[0]) || LooksSmall(*n.inputs[1]);
    default:
      return !n.inputs.empty() && LooksSmall(*n.inputs[0]);
  }
}

// How much smaller a side must be estimated to be built on (or sent as
// keys) instead of the other.
constexpr double kSmallerSideRatio = 4;

// Whether `small` is much smaller than `big`: by the estimates when both
// have one, else by their shapes.
bool MuchSmaller(const LogicalNode& small, const LogicalNode& big, bool as_keys) {
  std::optional<double> s = EstimateRows(small);
  std::optional<double> b = EstimateRows(big);
  if (s.has_value() && b.has_value()) {
    return *s * kSmallerSideRatio <= *b && (!as_keys || *s <= static_cast<double>(kMaxBindKeys));
  }
  return LooksSmall(small) && !LooksSmall(big);
}

// The probe side of a bind join: `remote`'s sub-query restricted to
// `key_column IN (keys)`, in chunks.
std::unique_ptr<RemoteScanOperator> BuildBindProbe(const LogicalNode& remote, int key_column,
                                                   const ScanRequest& unfiltered) {
  std::shared_ptr<LogicalNode> plan = ClonePlan(*remote.remote_plan);
  Connector* source = remote.source;
  const DataType key_type = remote.fields[key_column].type;
  auto make = [plan, source, key_column, key_type, unfiltered](const std::optional<std::vector<Value>>& keys)
      -> absl::StatusOr<std::vector<ScanRequest>> {
    if (!keys.has_value()) return std::vector<ScanRequest>{unfiltered};
    std::vector<ScanRequest> requests;
    for (size_t begin = 0; begin < keys->size(); begin += kBindKeysPerQuery) {
      size_t end = std::min(keys->size(), begin + kBindKeysPerQuery);
      std::vector<std::unique_ptr<Expr>> args;
      args.push_back(Expr::Column(key_column, key_type));
      for (size_t i = begin; i < end; ++i) args.push_back(Expr::Constant((*keys)[i]));
      auto filter = std::make_unique<LogicalNode>();
      filter->kind = LogicalKind::kFilter;
      filter->fields = plan->fields;
      filter->predicate = Expr::Call(ExprOp::kInList, DataType::Bool(), std::move(args));
      filter->inputs.push_back(ClonePlan(*plan));
      ASSIGN_OR_RETURN(ScanRequest request, MakeScanRequest(*filter, *source));
      requests.push_back(std::move(request));
    }
    return requests;
  };
  return RemoteScanOperator::Deferred(source, SchemaOf(remote.fields), unfiltered, std::move(make));
}

// For an inner join whose left side is much smaller than its right, the
// sides are swapped (the hash join builds on the right, and a bind join
// sends the right side's keys) and the columns put back in order afterwards.
// Without estimates, only for a bind join into a remote right side.
bool ShouldSwapForBindJoin(const LogicalNode& n) {
  if (n.join_type != LogicalJoinType::kInner || n.condition == nullptr) return false;
  if (EstimateRows(*n.inputs[0]).has_value() && EstimateRows(*n.inputs[1]).has_value()) {
    return MuchSmaller(*n.inputs[0], *n.inputs[1], /*as_keys=*/false);
  }
  return n.inputs[1]->kind == LogicalKind::kRemote && MuchSmaller(*n.inputs[0], *n.inputs[1], /*as_keys=*/true);
}

absl::StatusOr<OperatorPtr> BuildJoin(LogicalNode& n);

// Key filters (see key_filter_spot.h) chosen by joins being built, for the
// nodes below them.
struct PendingKeyFilter {
  int column;
  std::shared_ptr<BuiltKeys> keys;
  bool placed = false;
};
thread_local std::map<const LogicalNode*, PendingKeyFilter> pending_key_filters;

// `input` (built from `n`'s input) under the key filter a join chose for `n`, if any.
OperatorPtr WithKeyFilter(const LogicalNode& n, OperatorPtr input) {
  auto it = pending_key_filters.find(&n);
  if (it == pending_key_filters.end()) return input;
  it->second.placed = true;
  return std::make_unique<KeyFilterOperator>(std::move(input), it->second.column, it->second.keys);
}

absl::StatusOr<OperatorPtr> BuildSwappedJoin(LogicalNode& n) {
  const int left_width = static_cast<int>(n.inputs[0]->fields.size());
  const int right_width = static_cast<int>(n.inputs[1]->fields.size());
  LogicalNode swapped;
  swapped.kind = LogicalKind::kJoin;
  swapped.join_type = LogicalJoinType::kInner;
  swapped.fields = n.inputs[1]->fields;
  swapped.fields.insert(swapped.fields.end(), n.inputs[0]->fields.begin(), n.inputs[0]->fields.end());
  swapped.condition = n.condition->Clone();
  RETURN_IF_ERROR(RemapColumns(*swapped.condition, [&](int c) -> absl::StatusOr<int> {
    return c < left_width ? c + right_width : c - left_width;
  }));
  swapped.inputs.push_back(std::move(n.inputs[1]));
  swapped.inputs.push_back(std::move(n.inputs[0]));
  ASSIGN_OR_RETURN(OperatorPtr join, BuildJoin(swapped));
  n.inputs[0] = std::move(swapped.inputs[1]);  // Kept for EXPLAIN's logical plan.
  n.inputs[1] = std::move(swapped.inputs[0]);
  std::vector<std::unique_ptr<Expr>> exprs;
  std::vector<std::string> names;
  const Schema& s = *join->schema();
  for (int i = 0; i < left_width; ++i) exprs.push_back(Expr::Column(right_width + i, s.field(right_width + i).type));
  for (int i = 0; i < right_width; ++i) exprs.push_back(Expr::Column(i, s.field(i).type));
  for (const Field& f : n.fields) names.push_back(f.name);
  return OperatorPtr(std::make_unique<ProjectOperator>(std::move(join), std::move(exprs), std::move(names)));
}

// A mark join (see LogicalJoinType::kMark): hashed on the equalities of its
// condition, else on its IN comparison, else a loop over every pair.
absl::StatusOr<OperatorPtr> BuildMarkJoin(LogicalNode& n) {
  const int left_width = static_cast<int>(n.inputs[0]->fields.size());
  auto sides_of = [&](const Expr& e) {
    int sides = 0;
    ForEachColumn(e, [&](int col) { sides |= col < left_width ? 1 : 2; });
    return sides;
  };
  // Splits `c` (l = r) into its left and right expressions, if it is one.
  auto split_equality = [&](Expr& c, std::vector<std::unique_ptr<Expr>>& lk,
                            std::vector<std::unique_ptr<Expr>>& rk) {
    if (c.op != ExprOp::kEqual) return false;
    const int a = sides_of(*c.args[0]);
    const int b = sides_of(*c.args[1]);
    if (!((a == 1 && b == 2) || (a == 2 && b == 1))) return false;
    const int l = a == 1 ? 0 : 1;
    lk.push_back(std::move(c.args[l]));
    auto r = std::move(c.args[1 - l]);
    RemapColumns(*r, [&](int col) -> absl::StatusOr<int> { return col - left_width; }).IgnoreError();
    rk.push_back(std::move(r));
    return true;
  };
  std::vector<std::unique_ptr<Expr>> residual, left_keys, right_keys;
  for (auto& c : SplitConjuncts(n.condition ? n.condition->Clone() : nullptr)) {
    if (!split_equality(*c, left_keys, right_keys)) residual.push_back(std::move(c));
  }
  std::unique_ptr<Expr> compare = n.mark_compare ? n.mark_compare->Clone() : nullptr;
  bool compare_is_key = false;
  if (left_keys.empty() && compare != nullptr && split_equality(*compare, left_keys, right_keys)) {
    compare_is_key = true;
    compare = nullptr;
  }
  ASSIGN_OR_RETURN(OperatorPtr left, Build(*n.inputs[0]));
  ASSIGN_OR_RETURN(OperatorPtr right, Build(*n.inputs[1]));
  std::vector<const Expr*> lk, rk;
  for (const auto& e : left_keys) lk.push_back(e.get());
  for (const auto& e : right_keys) rk.push_back(e.get());
  std::vector<int> lpos, rpos;
  ASSIGN_OR_RETURN(left, WithColumns(std::move(left), lk, &lpos));
  ASSIGN_OR_RETURN(right, WithColumns(std::move(right), rk, &rpos));
  const int added_left = left->schema()->num_fields() - left_width;
  std::unique_ptr<Expr> rest = JoinConjuncts(std::move(residual));
  for (Expr* e : {rest.get(), compare.get()}) {
    if (e == nullptr || added_left == 0) continue;
    RETURN_IF_ERROR(RemapColumns(*e, [&](int col) -> absl::StatusOr<int> {
      return col >= left_width ? col + added_left : col;
    }));
  }
  OperatorPtr join = std::make_unique<MarkJoinOperator>(std::move(left), std::move(right), std::move(lpos),
                                                        std::move(rpos), std::move(rest), std::move(compare),
                                                        compare_is_key, n.fields.back().name);
  if (added_left == 0) return join;
  const Schema& s = *join->schema();
  std::vector<std::unique_ptr<Expr>> exprs;
  std::vector<std::string> names;
  for (int i = 0; i < left_width; ++i) exprs.push_back(Expr::Column(i, s.field(i).type));
  exprs.push_back(Expr::Column(s.num_fields() - 1, DataType::Bool()));
  for (const Field& f : n.fields) names.push_back(f.name);
  return OperatorPtr(std::make_unique<ProjectOperator>(std::move(join), std::move(exprs), std::move(names)));
}

absl::StatusOr<OperatorPtr> BuildJoin(LogicalNode& n) {
  if (n.join_type == LogicalJoinType::kMark) return BuildMarkJoin(n);
  if (ShouldSwapForBindJoin(n)) return BuildSwappedJoin(n);
  const int left_width = static_cast<int>(n.inputs[0]->fields.size());
  const JoinType type = PhysicalJoinType(n.join_type);
  // Equalities between an expression of each side are hash keys.
  std::vector<std::unique_ptr<Expr>> residual;
  std::vector<std::unique_ptr<Expr>> left_keys, right_keys;
  for (auto& c : SplitConjuncts(n.condition ? n.condition->Clone() : nullptr)) {
    if (c->op == ExprOp::kEqual) {
      int sides[2] = {0, 0};
      for (int k = 0; k < 2; ++k) {
        ForEachColumn(*c->args[k], [&](int col) { sides[k] |= col < left_width ? 1 : 2; });
      }
      if ((sides[0] == 1 && sides[1] == 2) || (sides[0] == 2 && sides[1] == 1)) {
        int l = sides[0] == 1 ? 0 : 1;
        left_keys.push_back(std::move(c->args[l]));
        auto r = std::move(c->args[1 - l]);
        RemapColumns(*r, [&](int col) -> absl::StatusOr<int> { return col - left_width; }).IgnoreError();
        right_keys.push_back(std::move(r));
        continue;
      }
    }
    residual.push_back(std::move(c));
  }
  // A bind join probes a remote left side with the right side's keys.
  const bool bindable_type = n.join_type == LogicalJoinType::kInner || n.join_type == LogicalJoinType::kSemi ||
                             n.join_type == LogicalJoinType::kRight;
  RemoteScanOperator* probe = nullptr;
  OperatorPtr left;
  // The remote side may sit under filters its source could not take (a
  // MariaDB text comparison is checked again here, its collation ignoring
  // case): they then run above the probe, over the same columns.
  std::vector<const LogicalNode*> local_filters;
  LogicalNode* probed = n.inputs[0].get();
  while (probed->kind == LogicalKind::kFilter) {
    local_filters.push_back(probed);
    probed = probed->inputs[0].get();
  }
  if (!left_keys.empty() && bindable_type && probed->kind == LogicalKind::kRemote &&
      left_keys[0]->op == ExprOp::kColumn &&
      MuchSmaller(*n.inputs[1], *n.inputs[0], /*as_keys=*/true) &&
      CanRestrictWithKeys(*probed, left_keys[0]->type, right_keys[0]->type)) {
    LogicalNode& remote = *probed;
    ASSIGN_OR_RETURN(ScanRequest request, MakeScanRequest(*remote.remote_plan, *remote.source));
    remote.remote_sql = ScanRequestText(request);
    std::unique_ptr<RemoteScanOperator> scan = BuildBindProbe(remote, left_keys[0]->column, request);
    scan->set_estimated_rows(EstimateRows(remote));
    probe = scan.get();
    left = std::move(scan);
    for (auto f = local_filters.rbegin(); f != local_filters.rend(); ++f) {
      left = std::make_unique<FilterOperator>(std::move(left), (*f)->predicate->Clone());
    }
  }
  // Otherwise the left side may take a key filter (see FindKeyFilterSpot).
  std::optional<KeyFilterSpot> spot;
  if (probe == nullptr && left_keys.size() == 1 && left_keys[0]->op == ExprOp::kColumn && !n.null_aware &&
      (n.join_type == LogicalJoinType::kInner || n.join_type == LogicalJoinType::kSemi)) {
    spot = FindKeyFilterSpot(*n.inputs[0], left_keys[0]->column);
    if (spot.has_value()) pending_key_filters[spot->node] = {spot->column, std::make_shared<BuiltKeys>()};
  }
  std::shared_ptr<BuiltKeys> filtered_keys;
  if (probe == nullptr) {
    absl::StatusOr<OperatorPtr> built = Build(*n.inputs[0]);
    if (spot.has_value()) {
      PendingKeyFilter pending = pending_key_filters.extract(spot->node).mapped();
      if (pending.placed) filtered_keys = std::move(pending.keys);
    }
    if (!built.ok()) return built.status();
    left = *std::move(built);
  }
  ASSIGN_OR_RETURN(OperatorPtr right, Build(*n.inputs[1]));
  if (n.scalar_subquery) right = std::make_unique<SingleRowOperator>(std::move(right));
  if (probe != nullptr) {
    // The small side's key may be computed (a link index's text ids read
    // as the source's integers): it becomes a column of its own.
    std::vector<int> key_column;
    ASSIGN_OR_RETURN(right, WithColumns(std::move(right), {right_keys[0].get()}, &key_column));
    right = std::make_unique<KeyCollectorOperator>(
        std::move(right), key_column[0], kMaxBindKeys,
        [probe](const std::optional<std::vector<Value>>& keys) { probe->SupplyKeys(keys); });
  }
  if (left_keys.empty()) {
    return OperatorPtr(std::make_unique<NestedLoopJoinOperator>(std::move(left), std::move(right), type,
                                                                n.condition ? n.condition->Clone() : nullptr));
  }
  std::vector<const Expr*> lk, rk;
  for (const auto& e : left_keys) lk.push_back(e.get());
  for (const auto& e : right_keys) rk.push_back(e.get());
  std::vector<int> lpos, rpos;
  ASSIGN_OR_RETURN(left, WithColumns(std::move(left), lk, &lpos));
  ASSIGN_OR_RETURN(right, WithColumns(std::move(right), rk, &rpos));
  const int added_left = left->schema()->num_fields() - left_width;
  std::unique_ptr<Expr> rest = JoinConjuncts(std::move(residual));
  if (rest != nullptr && added_left > 0) {
    RETURN_IF_ERROR(RemapColumns(*rest, [&](int col) -> absl::StatusOr<int> {
      return col >= left_width ? col + added_left : col;
    }));
  }
  auto hash_join = std::make_unique<HashJoinOperator>(std::move(left), std::move(right), type, std::move(lpos),
                                                      std::move(rpos), std::move(rest), n.null_aware);
  if (probe != nullptr) hash_join->BuildInOpen();
  if (filtered_keys != nullptr) hash_join->PublishKeys(std::move(filtered_keys));
  OperatorPtr join = std::move(hash_join);
  if (join->schema()->num_fields() == static_cast<int>(n.fields.size())) return join;
  // Drop the computed key columns: left keys sit after the left columns,
  // right keys after the right ones.
  const Schema& s = *join->schema();
  std::vector<std::unique_ptr<Expr>> exprs;
  std::vector<std::string> names;
  const bool semi = type == JoinType::kSemi || type == JoinType::kAnti;
  const int right_start = left_width + added_left;
  for (int i = 0; i < left_width; ++i) exprs.push_back(Expr::Column(i, s.field(i).type));
  if (!semi) {
    const int right_width = static_cast<int>(n.fields.size()) - left_width;
    for (int i = 0; i < right_width; ++i) {
      exprs.push_back(Expr::Column(right_start + i, s.field(right_start + i).type));
    }
  }
  for (const Field& f : n.fields) names.push_back(f.name);
  return OperatorPtr(std::make_unique<ProjectOperator>(std::move(join), std::move(exprs), std::move(names)));
}

absl::StatusOr<OperatorPtr> Build(LogicalNode& n) {
  switch (n.kind) {
    case LogicalKind::kRemote:
    case LogicalKind::kScan: {
      const LogicalNode& plan = n.kind == LogicalKind::kRemote ? *n.remote_plan : n;
      Connector* source = n.kind == LogicalKind::kRemote ? n.source : n.table->source;
      ASSIGN_OR_RETURN(ScanRequest request, MakeScanRequest(plan, *source));
      n.remote_sql = ScanRequestText(request);
      auto scan = std::make_unique<RemoteScanOperator>(source, std::move(request), SchemaOf(n.fields));
      scan->set_estimated_rows(EstimateRows(n));
      return OperatorPtr(std::move(scan));
    }
    case LogicalKind::kValues:
      return OperatorPtr(ValuesOperator::FromRows(SchemaOf(n.fields), n.rows));
    case LogicalKind::kFilter: {
      ASSIGN_OR_RETURN(OperatorPtr child, Build(*n.inputs[0]));
      return OperatorPtr(std::make_unique<FilterOperator>(std::move(child), n.predicate->Clone()));
    }
    case LogicalKind::kProject: {
      ASSIGN_OR_RETURN(OperatorPtr child, Build(*n.inputs[0]));
      std::vector<std::unique_ptr<Expr>> exprs;
      std::vector<std::string> names;
      for (size_t i = 0; i < n.exprs.size(); ++i) {
        exprs.push_back(n.exprs[i]->Clone());
        names.push_back(n.fields[i].name);
      }
      return OperatorPtr(std::make_unique<ProjectOperator>(std::move(child), std::move(exprs), std::move(names)));
    }
    case LogicalKind::kJoin:
      return BuildJoin(n);
    case LogicalKind::kAggregate: {
      ASSIGN_OR_RETURN(OperatorPtr child, Build(*n.inputs[0]));
      child = WithKeyFilter(n, std::move(child));
      std::vector<const Expr*> needed;
      for (const auto& g : n.group_by) needed.push_back(g.get());
      for (const AggregateExpr& a : n.aggregates) {
        if (a.arg != nullptr) needed.push_back(a.arg.get());
      }
      std::vector<int> pos;
      ASSIGN_OR_RETURN(child, WithColumns(std::move(child), needed, &pos));
      std::vector<int> groups(pos.begin(), pos.begin() + n.group_by.size());
      std::vector<AggregateSpec> specs;
      size_t next = n.group_by.size();
      for (size_t i = 0; i < n.aggregates.size(); ++i) {
        const AggregateExpr& a = n.aggregates[i];
        AggregateSpec spec;
        spec.op = a.op;
        spec.distinct = a.distinct;
        spec.arg = a.arg != nullptr ? pos[next++] : -1;
        spec.type = a.type;
        spec.fraction = a.fraction;
        spec.descending = a.descending;
        spec.name = n.fields[n.group_by.size() + i].name;
        specs.push_back(spec);
      }
      return OperatorPtr(std::make_unique<HashAggregateOperator>(std::move(child), std::move(groups), std::move(specs)));
    }
    case LogicalKind::kSort:
    case LogicalKind::kLimit: {
      // A limit over a sort is a top-N.
      LogicalNode* sort = n.kind == LogicalKind::kSort ? &n : nullptr;
      if (n.kind == LogicalKind::kLimit && n.inputs[0]->kind == LogicalKind::kSort) sort = n.inputs[0].get();
      if (sort == nullptr) {
        ASSIGN_OR_RETURN(OperatorPtr child, Build(*n.inputs[0]));
        return OperatorPtr(std::make_unique<LimitOperator>(std::move(child), n.limit, n.offset));
      }
      ASSIGN_OR_RETURN(OperatorPtr child, Build(*sort->inputs[0]));
      std::vector<const Expr*> needed;
      for (const SortKey& k : sort->sort_keys) needed.push_back(k.expr.get());
      std::vector<int> pos;
      ASSIGN_OR_RETURN(child, WithColumns(std::move(child), needed, &pos));
      std::vector<ColumnSortKey> keys;
      for (size_t i = 0; i < pos.size(); ++i) {
        keys.push_back({pos[i], sort->sort_keys[i].descending, sort->sort_keys[i].nulls_first});
      }
      OperatorPtr op = sort == &n ? std::make_unique<SortOperator>(std::move(child), std::move(keys))
                                  : std::make_unique<SortOperator>(std::move(child), std::move(keys), n.limit, n.offset);
      return KeepColumns(std::move(op), n.fields);
    }
    case LogicalKind::kDistinct: {
      ASSIGN_OR_RETURN(OperatorPtr child, Build(*n.inputs[0]));
      return OperatorPtr(std::make_unique<DistinctOperator>(std::move(child)));
    }
    case LogicalKind::kDedup: {
      ASSIGN_OR_RETURN(OperatorPtr child, Build(*n.inputs[0]));
      child = WithKeyFilter(n, std::move(child));
      return OperatorPtr(std::make_unique<DedupOperator>(std::move(child), n.dedup));
    }
    case LogicalKind::kSetOp: {
      std::vector<OperatorPtr> children;
      for (auto& in : n.inputs) {
        ASSIGN_OR_RETURN(OperatorPtr c, Build(*in));
        children.push_back(std::move(c));
      }
      SetOpKind kind = n.set_op == LogicalSetOp::kUnionAll       ? SetOpKind::kUnionAll
                       : n.set_op == LogicalSetOp::kIntersect    ? SetOpKind::kIntersect
                       : n.set_op == LogicalSetOp::kIntersectAll ? SetOpKind::kIntersectAll
                       : n.set_op == LogicalSetOp::kExcept       ? SetOpKind::kExcept
                                                                 : SetOpKind::kExceptAll;
      return OperatorPtr(std::make_unique<SetOperationOperator>(kind, std::move(children)));
    }
    case LogicalKind::kWindow: {
      ASSIGN_OR_RETURN(OperatorPtr child, Build(*n.inputs[0]));
      const int input_width = static_cast<int>(n.inputs[0]->fields.size());
      std::vector<int> results;
      for (WindowFunction& w : n.windows) {
        std::vector<const Expr*> needed;
        for (const auto& p : w.partition_by) needed.push_back(p.get());
        for (const SortKey& k : w.order_by) needed.push_back(k.expr.get());
        if (w.function.arg) needed.push_back(w.function.arg.get());
        if (w.function.default_value) needed.push_back(w.function.default_value.get());
        std::vector<int> pos;
        ASSIGN_OR_RETURN(child, WithColumns(std::move(child), needed, &pos));
        size_t next = 0;
        std::vector<int> partition(pos.begin(), pos.begin() + w.partition_by.size());
        next += w.partition_by.size();
        std::vector<ColumnSortKey> order;
        for (const SortKey& k : w.order_by) order.push_back({pos[next++], k.descending, k.nulls_first});
        WindowFunctionSpec spec;
        spec.op = w.function.op;
        spec.offset = w.function.offset;
        spec.arg = w.function.arg ? pos[next++] : -1;
        spec.default_column = w.function.default_value ? pos[next++] : -1;
        spec.name = n.fields[input_width + results.size()].name;
        child = std::make_unique<WindowOperator>(std::move(child), std::move(partition), std::move(order),
                                                 std::vector<WindowFunctionSpec>{spec});
        results.push_back(child->schema()->num_fields() - 1);
      }
      std::vector<std::unique_ptr<Expr>> exprs;
      std::vector<std::string> names;
      const Schema& s = *child->schema();
      for (int i = 0; i < input_width; ++i) exprs.push_back(Expr::Column(i, s.field(i).type));
      for (int r : results) exprs.push_back(Expr::Column(r, s.field(r).type));
      for (const Field& f : n.fields) names.push_back(f.name);
      return OperatorPtr(std::make_unique<ProjectOperator>(std::move(child), std::move(exprs), std::move(names)));
    }
  }
  return absl::InternalError("unknown logical operator");
}

}  // namespace

absl::StatusOr<std::unique_ptr<Operator>> BuildOperators(LogicalNode& plan) { return Build(plan); }

}  // namespace tessera
