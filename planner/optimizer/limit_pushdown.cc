// Pass 2: a LIMIT moves below projections, and a LIMIT (and an ORDER BY
// under it) over UNION ALL is copied into every input, so that each source returns at most the rows the query can
// use: "the 100 most recent results" asks each source for its own 100 most
// recent, not for all of them. The original LIMIT and ORDER BY stay on top
// to combine the inputs' rows.

#include "planner/binder/expr_rewrite.h"
#include "planner/optimizer/optimizer.h"

namespace tessera {
namespace {

// The UNION ALL under `node` through projections, with `keys` (over `node`'s
// output) rewritten over its columns; nullptr when there is none.
LogicalNode* FindUnionAll(LogicalNode* node, std::vector<SortKey>* keys) {
  while (node->kind == LogicalKind::kProject) {
    for (SortKey& k : *keys) k.expr = InlineColumns(std::move(k.expr), node->exprs);
    node = node->inputs[0].get();
  }
  if (node->kind != LogicalKind::kSetOp || node->set_op != LogicalSetOp::kUnionAll) return nullptr;
  return node;
}

std::unique_ptr<LogicalNode> Wrap(LogicalKind kind, std::unique_ptr<LogicalNode> input) {
  auto node = std::make_unique<LogicalNode>();
  node->kind = kind;
  node->fields = input->fields;
  node->inputs.push_back(std::move(input));
  return node;
}

// LIMIT commutes with a projection: below it, it meets the scan and can
// reach the source.
void SinkBelowProjects(std::unique_ptr<LogicalNode>& slot) {
  if (slot->kind == LogicalKind::kLimit && slot->inputs[0]->kind == LogicalKind::kProject) {
    std::unique_ptr<LogicalNode> limit = std::move(slot);
    std::unique_ptr<LogicalNode> project = std::move(limit->inputs[0]);
    limit->inputs[0] = std::move(project->inputs[0]);
    limit->fields = limit->inputs[0]->fields;
    project->inputs[0] = std::move(limit);
    slot = std::move(project);
    // The LIMIT is now the projection's input: keep sinking it there.
    SinkBelowProjects(slot->inputs[0]);
  }
}

void Push(std::unique_ptr<LogicalNode>& slot) {
  SinkBelowProjects(slot);
  LogicalNode& node = *slot;
  if (node.kind == LogicalKind::kLimit && node.limit.has_value()) {
    LogicalNode* child = node.inputs[0].get();
    const std::vector<SortKey>* order = nullptr;
    if (child->kind == LogicalKind::kSort) {
      order = &child->sort_keys;
      child = child->inputs[0].get();
    }
    std::vector<SortKey> keys;
    if (order != nullptr) {
      for (const SortKey& k : *order) keys.push_back({k.expr->Clone(), k.descending, k.nulls_first});
    }
    if (LogicalNode* union_all = FindUnionAll(child, &keys); union_all != nullptr) {
      for (auto& input : union_all->inputs) {
        // Below the input's own projections, which a LIMIT commutes with,
        // so that it meets the input's scan and can reach the source.
        std::unique_ptr<LogicalNode>* slot = &input;
        std::vector<SortKey> input_keys;
        for (const SortKey& k : keys) input_keys.push_back({k.expr->Clone(), k.descending, k.nulls_first});
        while ((*slot)->kind == LogicalKind::kProject) {
          for (SortKey& k : input_keys) k.expr = InlineColumns(std::move(k.expr), (*slot)->exprs);
          slot = &(*slot)->inputs[0];
        }
        // A key that is constant in this input ('lab' AS source) orders nothing.
        std::erase_if(input_keys, [](const SortKey& k) { return k.expr->op == ExprOp::kConstant; });
        std::unique_ptr<LogicalNode> in = std::move(*slot);
        if (!keys.empty()) {
          in = Wrap(LogicalKind::kSort, std::move(in));
          in->sort_keys = std::move(input_keys);
        }
        in = Wrap(LogicalKind::kLimit, std::move(in));
        in->limit = *node.limit + node.offset;
        *slot = std::move(in);
      }
    }
  }
  for (auto& in : node.inputs) Push(in);
}

}  // namespace

std::unique_ptr<LogicalNode> PushDownLimits(std::unique_ptr<LogicalNode> plan) {
  Push(plan);
  return plan;
}

}  // namespace tessera
