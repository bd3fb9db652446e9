#include "planner/logical/logical_plan.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera {
namespace {

std::string JoinTypeName(LogicalJoinType t) {
  switch (t) {
    case LogicalJoinType::kInner:
      return "inner";
    case LogicalJoinType::kLeft:
      return "left";
    case LogicalJoinType::kRight:
      return "right";
    case LogicalJoinType::kFull:
      return "full";
    case LogicalJoinType::kSemi:
      return "semi";
    case LogicalJoinType::kAnti:
      return "anti";
    case LogicalJoinType::kMark:
      return "mark";
  }
  return "?";
}

std::string SetOpName(LogicalSetOp op) {
  switch (op) {
    case LogicalSetOp::kUnionAll:
      return "UNION ALL";
    case LogicalSetOp::kIntersect:
      return "INTERSECT";
    case LogicalSetOp::kIntersectAll:
      return "INTERSECT ALL";
    case LogicalSetOp::kExcept:
      return "EXCEPT";
    case LogicalSetOp::kExceptAll:
      return "EXCEPT ALL";
  }
  return "?";
}

std::string KeysToString(const std::vector<SortKey>& keys) {
  std::vector<std::string> parts;
  for (const SortKey& k : keys) {
    parts.push_back(absl::StrCat(k.expr->ToString(), k.descending ? " DESC" : "",
                                 k.nulls_first ? " NULLS FIRST" : " NULLS LAST"));
  }
  return absl::StrJoin(parts, ", ");
}

std::string ExprsToString(const std::vector<std::unique_ptr<Expr>>& exprs) {
  std::vector<std::string> parts;
  for (const auto& e : exprs) parts.push_back(e->ToString());
  return absl::StrJoin(parts, ", ");
}

std::string NodeLine(const LogicalNode& n) {
  switch (n.kind) {
    case LogicalKind::kScan: {
      std::vector<std::string> cols;
      for (int c : n.scan_columns) cols.push_back(n.table->info.columns[c].name);
      return absl::StrCat("Scan ", n.table->source_name, ".", n.table->info.name,
                          n.alias != n.table->info.name ? absl::StrCat(" AS ", n.alias) : "", " [",
                          absl::StrJoin(cols, ", "), "]");
    }
    case LogicalKind::kValues:
      return absl::StrCat("Values (", n.rows.size(), " rows)");
    case LogicalKind::kFilter:
      return absl::StrCat("Filter ", n.predicate->ToString());
    case LogicalKind::kProject:
      return absl::StrCat("Project ", ExprsToString(n.exprs));
    case LogicalKind::kJoin:
      return absl::StrCat("Join ", JoinTypeName(n.join_type), n.null_aware ? " (null-aware)" : "",
                          n.condition ? absl::StrCat(" on ", n.condition->ToString()) : " (cross)",
                          n.mark_compare ? absl::StrCat(" mark ", n.mark_compare->ToString()) : "");
    case LogicalKind::kAggregate: {
      std::vector<std::string> aggs;
      for (const AggregateExpr& a : n.aggregates) {
        const char* name = AggregateOpName(a.op);
        if (a.arg == nullptr) {
          aggs.push_back("count(*)");
        } else if (IsOrderedSetAggregate(a.op)) {
          aggs.push_back(absl::StrCat(name, "(", a.op == AggregateOp::kMode ? "" : absl::StrCat(a.fraction),
                                      ") within group (order by ", a.arg->ToString(),
                                      a.descending ? " desc" : "", ")"));
        } else {
          aggs.push_back(absl::StrCat(name, "(", a.distinct ? "DISTINCT " : "", a.arg->ToString(), ")"));
        }
      }
      return absl::StrCat("Aggregate group by [", ExprsToString(n.group_by), "] compute [",
                          absl::StrJoin(aggs, ", "), "]");
    }
    case LogicalKind::kSort:
      return absl::StrCat("Sort ", KeysToString(n.sort_keys));
    case LogicalKind::kLimit:
      return absl::StrCat("Limit ", n.limit.has_value() ? absl::StrCat(*n.limit) : "ALL",
                          n.offset > 0 ? absl::StrCat(" offset ", n.offset) : "");
    case LogicalKind::kDistinct:
      return "Distinct";
    case LogicalKind::kSetOp:
      return absl::StrCat("SetOp ", SetOpName(n.set_op));
    case LogicalKind::kWindow: {
      std::vector<std::string> parts;
      for (const WindowFunction& w : n.windows) {
        parts.push_back(absl::StrCat(WindowOpName(w.function.op), "(",
                                     w.function.arg ? w.function.arg->ToString() : "", ") over (partition by ",
                                     ExprsToString(w.partition_by), " order by ", KeysToString(w.order_by), ")"));
      }
      return absl::StrCat("Window ", absl::StrJoin(parts, ", "));
    }
    case LogicalKind::kRemote:
      return absl::StrCat("Remote ", n.source_name);
    case LogicalKind::kDedup:
      return absl::StrCat("Deduplicate on [", absl::StrJoin(n.dedup.keys, ", "), "]");
  }
  return "?";
}

void Append(const LogicalNode& n, int depth, std::string* out) {
  absl::StrAppend(out, std::string(depth * 2, ' '), NodeLine(n), "\n");
  if (n.kind == LogicalKind::kRemote && n.remote_plan != nullptr) {
    Append(*n.remote_plan, depth + 1, out);
  }
  for (const auto& in : n.inputs) Append(*in, depth + 1, out);
}

std::vector<std::unique_ptr<Expr>> CloneExprs(const std::vector<std::unique_ptr<Expr>>& exprs) {
  std::vector<std::unique_ptr<Expr>> out;
  for (const auto& e : exprs) out.push_back(e->Clone());
  return out;
}

std::vector<SortKey> CloneKeys(const std::vector<SortKey>& keys) {
  std::vector<SortKey> out;
  for (const SortKey& k : keys) out.push_back({k.expr->Clone(), k.descending, k.nulls_first});
  return out;
}

}  // namespace

std::string PlanToString(const LogicalNode& node) {
  std::string out;
  Append(node, 0, &out);
  return out;
}

std::unique_ptr<LogicalNode> ClonePlan(const LogicalNode& n) {
  auto c = std::make_unique<LogicalNode>();
  c->kind = n.kind;
  c->fields = n.fields;
  for (const auto& in : n.inputs) c->inputs.push_back(ClonePlan(*in));
  c->table = n.table;
  c->scan_columns = n.scan_columns;
  c->alias = n.alias;
  c->rows = n.rows;
  if (n.predicate) c->predicate = n.predicate->Clone();
  c->exprs = CloneExprs(n.exprs);
  c->join_type = n.join_type;
  if (n.condition) c->condition = n.condition->Clone();
  c->null_aware = n.null_aware;
  if (n.mark_compare) c->mark_compare = n.mark_compare->Clone();
  c->scalar_subquery = n.scalar_subquery;
  c->group_by = CloneExprs(n.group_by);
  for (const AggregateExpr& a : n.aggregates) {
    c->aggregates.push_back({a.op, a.distinct, a.arg ? a.arg->Clone() : nullptr, a.type, a.fraction, a.descending});
  }
  c->sort_keys = CloneKeys(n.sort_keys);
  c->limit = n.limit;
  c->offset = n.offset;
  c->set_op = n.set_op;
  for (const WindowFunction& w : n.windows) {
    WindowFunction copy;
    copy.function.op = w.function.op;
    copy.function.arg = w.function.arg ? w.function.arg->Clone() : nullptr;
    copy.function.offset = w.function.offset;
    copy.function.default_value = w.function.default_value ? w.function.default_value->Clone() : nullptr;
    copy.function.type = w.function.type;
    copy.partition_by = CloneExprs(w.partition_by);
    copy.order_by = CloneKeys(w.order_by);
    c->windows.push_back(std::move(copy));
  }
  c->source_name = n.source_name;
  c->source = n.source;
  if (n.remote_plan) c->remote_plan = ClonePlan(*n.remote_plan);
  c->remote_sql = n.remote_sql;
  c->paging_key = n.paging_key;
  c->dedup = n.dedup;
  return c;
}

}  // namespace tessera
