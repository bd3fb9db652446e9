// Pass 2: every operator keeps only the columns something above it reads,
// so that sources are asked for the columns the query needs and no more.

#include <algorithm>
#include <set>

#include "engine/common/status_macros.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/optimizer/optimizer.h"

namespace tessera {
namespace {

using Required = std::set<int>;

struct Pruned {
  std::unique_ptr<LogicalNode> node;
  std::vector<int> mapping;  // Old output index -> new one, or -1 when dropped.
};

void Collect(const Expr* e, Required* out) {
  if (e != nullptr) ForEachColumn(*e, [&](int c) { out->insert(c); });
}

absl::Status Apply(Expr* e, const std::vector<int>& mapping) {
  if (e == nullptr) return absl::OkStatus();
  return RemapColumns(*e, [&](int c) -> absl::StatusOr<int> {
    if (c < 0 || c >= static_cast<int>(mapping.size()) || mapping[c] < 0) {
      return absl::InternalError("column pruning dropped a column still in use");
    }
    return mapping[c];
  });
}

std::vector<int> Identity(size_t n) {
  std::vector<int> m(n);
  for (size_t i = 0; i < n; ++i) m[i] = static_cast<int>(i);
  return m;
}

Required All(size_t n) {
  Required r;
  for (size_t i = 0; i < n; ++i) r.insert(static_cast<int>(i));
  return r;
}

absl::StatusOr<Pruned> Prune(std::unique_ptr<LogicalNode> node, Required required);

absl::StatusOr<Pruned> PruneChild(LogicalNode& node, int i, Required required) {
  ASSIGN_OR_RETURN(Pruned child, Prune(std::move(node.inputs[i]), std::move(required)));
  node.inputs[i] = std::move(child.node);
  return Pruned{nullptr, std::move(child.mapping)};
}

absl::StatusOr<Pruned> Prune(std::unique_ptr<LogicalNode> node, Required required) {
  LogicalNode& n = *node;
  switch (n.kind) {
    case LogicalKind::kScan: {
      if (required.empty()) required.insert(0);  // A row count still needs rows.
      std::vector<int> mapping(n.fields.size(), -1);
      std::vector<int> columns;
      std::vector<Field> fields;
      for (int c : required) {
        mapping[c] = static_cast<int>(columns.size());
        columns.push_back(n.scan_columns[c]);
        fields.push_back(n.fields[c]);
      }
      n.scan_columns = std::move(columns);
      n.fields = std::move(fields);
      return Pruned{std::move(node), std::move(mapping)};
    }
    case LogicalKind::kFilter: {
      Collect(n.predicate.get(), &required);
      ASSIGN_OR_RETURN(Pruned child, PruneChild(n, 0, required));
      RETURN_IF_ERROR(Apply(n.predicate.get(), child.mapping));
      n.fields = n.inputs[0]->fields;
      return Pruned{std::move(node), std::move(child.mapping)};
    }
    case LogicalKind::kProject: {
      std::vector<int> mapping(n.exprs.size(), -1);
      std::vector<std::unique_ptr<Expr>> exprs;
      std::vector<Field> fields;
      if (required.empty()) required.insert(0);
      Required child_required;
      for (int c : required) {
        mapping[c] = static_cast<int>(exprs.size());
        Collect(n.exprs[c].get(), &child_required);
        exprs.push_back(std::move(n.exprs[c]));
        fields.push_back(n.fields[c]);
      }
      ASSIGN_OR_RETURN(Pruned child, PruneChild(n, 0, child_required));
      for (auto& e : exprs) RETURN_IF_ERROR(Apply(e.get(), child.mapping));
      n.exprs = std::move(exprs);
      n.fields = std::move(fields);
      return Pruned{std::move(node), std::move(mapping)};
    }
    case LogicalKind::kJoin: {
      const int left_width = static_cast<int>(n.inputs[0]->fields.size());
      const bool semi = n.join_type == LogicalJoinType::kSemi || n.join_type == LogicalJoinType::kAnti;
      const bool mark = n.join_type == LogicalJoinType::kMark;
      Required left, right;
      Required all = required;
      // A mark join's output column left_width is its mark, not a right column.
      if (mark) all.erase(left_width);
      Collect(n.condition.get(), &all);
      Collect(n.mark_compare.get(), &all);
      for (int c : all) (c < left_width ? left : right).insert(c < left_width ? c : c - left_width);
      ASSIGN_OR_RETURN(Pruned l, PruneChild(n, 0, left));
      ASSIGN_OR_RETURN(Pruned r, PruneChild(n, 1, right));
      const int new_left_width = static_cast<int>(n.inputs[0]->fields.size());
      std::vector<int> mapping(n.fields.size(), -1);
      std::vector<int> combined(left_width + r.mapping.size(), -1);
      for (int i = 0; i < left_width; ++i) combined[i] = l.mapping[i];
      for (size_t i = 0; i < r.mapping.size(); ++i) {
        combined[left_width + i] = r.mapping[i] < 0 ? -1 : new_left_width + r.mapping[i];
      }
      RETURN_IF_ERROR(Apply(n.condition.get(), combined));
      RETURN_IF_ERROR(Apply(n.mark_compare.get(), combined));
      if (mark) {
        const Field mark_field = n.fields.back();
        n.fields = n.inputs[0]->fields;
        n.fields.push_back(mark_field);
        for (int i = 0; i < left_width; ++i) mapping[i] = combined[i];
        mapping[left_width] = new_left_width;
        return Pruned{std::move(node), std::move(mapping)};
      }
      n.fields = n.inputs[0]->fields;
      if (!semi) n.fields.insert(n.fields.end(), n.inputs[1]->fields.begin(), n.inputs[1]->fields.end());
      for (size_t i = 0; i < mapping.size(); ++i) mapping[i] = combined[i];
      return Pruned{std::move(node), std::move(mapping)};
    }
    case LogicalKind::kAggregate: {
      const int groups = static_cast<int>(n.group_by.size());
      std::vector<int> mapping(n.fields.size(), -1);
      std::vector<AggregateExpr> kept;
      std::vector<Field> fields(n.fields.begin(), n.fields.begin() + groups);
      for (int i = 0; i < groups; ++i) mapping[i] = i;
      for (size_t a = 0; a < n.aggregates.size(); ++a) {
        if (required.count(groups + static_cast<int>(a)) == 0) continue;
        mapping[groups + a] = static_cast<int>(fields.size());
        fields.push_back(n.fields[groups + a]);
        kept.push_back(std::move(n.aggregates[a]));
      }
      Required child_required;
      for (const auto& g : n.group_by) Collect(g.get(), &child_required);
      for (const auto& a : kept) Collect(a.arg.get(), &child_required);
      ASSIGN_OR_RETURN(Pruned child, PruneChild(n, 0, child_required));
      for (auto& g : n.group_by) RETURN_IF_ERROR(Apply(g.get(), child.mapping));
      for (auto& a : kept) RETURN_IF_ERROR(Apply(a.arg.get(), child.mapping));
      n.aggregates = std::move(kept);
      n.fields = std::move(fields);
      return Pruned{std::move(node), std::move(mapping)};
    }
    case LogicalKind::kSort: {
      for (const SortKey& k : n.sort_keys) Collect(k.expr.get(), &required);
      ASSIGN_OR_RETURN(Pruned child, PruneChild(n, 0, required));
      for (SortKey& k : n.sort_keys) RETURN_IF_ERROR(Apply(k.expr.get(), child.mapping));
      n.fields = n.inputs[0]->fields;
      return Pruned{std::move(node), std::move(child.mapping)};
    }
    case LogicalKind::kLimit: {
      ASSIGN_OR_RETURN(Pruned child, PruneChild(n, 0, required));
      n.fields = n.inputs[0]->fields;
      return Pruned{std::move(node), std::move(child.mapping)};
    }
    case LogicalKind::kWindow: {
      const int input_width = static_cast<int>(n.inputs[0]->fields.size());
      Required child_required;
      for (int c : required) {
        if (c < input_width) child_required.insert(c);
      }
      for (const WindowFunction& w : n.windows) {
        Collect(w.function.arg.get(), &child_required);
        Collect(w.function.default_value.get(), &child_required);
        for (const auto& p : w.partition_by) Collect(p.get(), &child_required);
        for (const SortKey& k : w.order_by) Collect(k.expr.get(), &child_required);
      }
      ASSIGN_OR_RETURN(Pruned child, PruneChild(n, 0, child_required));
      for (WindowFunction& w : n.windows) {
        RETURN_IF_ERROR(Apply(w.function.arg.get(), child.mapping));
        RETURN_IF_ERROR(Apply(w.function.default_value.get(), child.mapping));
        for (auto& p : w.partition_by) RETURN_IF_ERROR(Apply(p.get(), child.mapping));
        for (SortKey& k : w.order_by) RETURN_IF_ERROR(Apply(k.expr.get(), child.mapping));
      }
      const int new_width = static_cast<int>(n.inputs[0]->fields.size());
      std::vector<int> mapping(n.fields.size(), -1);
      for (int i = 0; i < input_width; ++i) mapping[i] = child.mapping[i];
      for (size_t w = 0; w < n.windows.size(); ++w) mapping[input_width + w] = new_width + static_cast<int>(w);
      std::vector<Field> fields = n.inputs[0]->fields;
      fields.insert(fields.end(), n.fields.begin() + input_width, n.fields.end());
      n.fields = std::move(fields);
      return Pruned{std::move(node), std::move(mapping)};
    }
    case LogicalKind::kSetOp: {
      // UNION ALL passes rows through: every input keeps just the columns
      // used above, in the same places. (The other set operations compare
      // whole rows, so they keep them.)
      if (n.set_op != LogicalSetOp::kUnionAll) break;
      if (required.empty()) required.insert(0);
      for (size_t i = 0; i < n.inputs.size(); ++i) {
        ASSIGN_OR_RETURN(Pruned child, PruneChild(n, static_cast<int>(i), required));
        auto select = std::make_unique<LogicalNode>();
        select->kind = LogicalKind::kProject;
        bool identity = n.inputs[i]->fields.size() == required.size();
        int k = 0;
        for (int c : required) {
          identity = identity && child.mapping[c] == k++;
          select->exprs.push_back(Expr::Column(child.mapping[c], n.inputs[i]->fields[child.mapping[c]].type));
          select->fields.push_back(n.inputs[i]->fields[child.mapping[c]]);
        }
        if (identity) continue;
        select->inputs.push_back(std::move(n.inputs[i]));
        n.inputs[i] = std::move(select);
      }
      std::vector<int> mapping(n.fields.size(), -1);
      std::vector<Field> fields;
      for (int c : required) {
        mapping[c] = static_cast<int>(fields.size());
        fields.push_back(n.fields[c]);
      }
      n.fields = std::move(fields);
      return Pruned{std::move(node), std::move(mapping)};
    }
    case LogicalKind::kDedup: {
      // The input keeps what is used above and what deduplication reads.
      const int width = static_cast<int>(n.inputs[0]->fields.size());
      DedupSpec& d = n.dedup;
      Required child_required;
      for (int c : required) {
        if (c < width) child_required.insert(c);
      }
      for (int c : d.keys) child_required.insert(c);
      for (int c : {d.time, d.value, d.source, d.record_id}) {
        if (c >= 0) child_required.insert(c);
      }
      ASSIGN_OR_RETURN(Pruned child, PruneChild(n, 0, child_required));
      for (int& c : d.keys) c = child.mapping[c];
      for (int* c : {&d.time, &d.value, &d.source, &d.record_id}) {
        if (*c >= 0) *c = child.mapping[*c];
      }
      const int new_width = static_cast<int>(n.inputs[0]->fields.size());
      std::vector<int> mapping(n.fields.size(), -1);
      for (int i = 0; i < width; ++i) mapping[i] = child.mapping[i];
      for (int i = 0; i < 3; ++i) mapping[width + i] = new_width + i;
      std::vector<Field> fields = n.inputs[0]->fields;
      fields.insert(fields.end(), n.fields.end() - 3, n.fields.end());
      n.fields = std::move(fields);
      return Pruned{std::move(node), std::move(mapping)};
    }
    default:
      break;
  }
  // Distinct, other set operations, values and remote nodes need every column.
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    ASSIGN_OR_RETURN(Pruned child, PruneChild(n, static_cast<int>(i), All(n.inputs[i]->fields.size())));
  }
  return Pruned{std::move(node), Identity(n.fields.size())};
}

}  // namespace

absl::StatusOr<std::unique_ptr<LogicalNode>> PruneColumns(std::unique_ptr<LogicalNode> plan) {
  Required all = All(plan->fields.size());
  ASSIGN_OR_RETURN(Pruned pruned, Prune(std::move(plan), std::move(all)));
  return std::move(pruned.node);
}

}  // namespace tessera
