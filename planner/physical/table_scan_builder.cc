// File: planner/physical/table_scan_builder.cc
//
// Remote plans to structured scans.

#include "planner/physical/table_scan_builder.h"

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/physical/sql_generator.h"

namespace tessera {
namespace {

struct Shape {
  const TableInfo* table = nullptr;
  std::vector<int> columns;  // Output column -> table column.
  std::vector<std::unique_ptr<Expr>> conjuncts;  // Over table columns.
  std::vector<TableScanOrder> order_by;
  bool sorted = false;
  std::optional<int64_t> limit;
};

absl::Status Unfit(absl::string_view what) {
  return absl::UnimplementedError(absl::StrCat("a source without SQL cannot compute ", what));
}

absl::Status Walk(const LogicalNode& n, Shape* s) {
  if (n.kind == LogicalKind::kScan) {
    s->table = &n.table->info;
    s->columns = n.scan_columns;
    return absl::OkStatus();
  }
  if (n.inputs.size() != 1) return Unfit("a join or set operation");
  RETURN_IF_ERROR(Walk(*n.inputs[0], s));
  switch (n.kind) {
    case LogicalKind::kFilter: {
      if (s->limit.has_value()) return Unfit("a filter after a limit");
      std::unique_ptr<Expr> p = n.predicate->Clone();
      RETURN_IF_ERROR(RemapColumns(*p, [&](int c) -> absl::StatusOr<int> {
        if (c < 0 || c >= static_cast<int>(s->columns.size())) return absl::InternalError("filter column out of range");
        return s->columns[c];
      }));
      for (auto& c : SplitConjuncts(std::move(p))) s->conjuncts.push_back(std::move(c));
      return absl::OkStatus();
    }
    case LogicalKind::kProject: {
      std::vector<int> columns;
      for (const auto& e : n.exprs) {
        if (e->op != ExprOp::kColumn) return Unfit(absl::StrCat("the expression ", e->ToString()));
        columns.push_back(s->columns[e->column]);
      }
      s->columns = std::move(columns);
      return absl::OkStatus();
    }
    case LogicalKind::kSort:
      if (s->limit.has_value() || s->sorted) return Unfit("a sort after a limit or another sort");
      for (const SortKey& k : n.sort_keys) {
        if (k.expr->op != ExprOp::kColumn) return Unfit(absl::StrCat("ordering by ", k.expr->ToString()));
        s->order_by.push_back({s->table->columns[s->columns[k.expr->column]].name, k.descending, k.nulls_first});
      }
      s->sorted = true;
      return absl::OkStatus();
    case LogicalKind::kLimit:
      if (n.offset != 0) return Unfit("an offset");
      if (n.limit.has_value()) s->limit = s->limit.has_value() ? std::min(*s->limit, *n.limit) : *n.limit;
      return absl::OkStatus();
    default:
      return Unfit("this operator (only filters, projections of columns, order and limit)");
  }
}

bool HasLimit(const LogicalNode& n) {
  if (n.kind == LogicalKind::kLimit) return true;
  return !n.inputs.empty() && HasLimit(*n.inputs[0]);
}

}  // namespace

absl::StatusOr<TableScan> BuildTableScan(const LogicalNode& plan) {
  Shape s;
  RETURN_IF_ERROR(Walk(plan, &s));
  TableScan scan;
  scan.table = s.table->name;
  for (const ColumnInfo& c : s.table->columns) scan.table_columns.push_back(c.name);
  for (int c : s.columns) scan.columns.push_back(scan.table_columns[c]);
  if (!s.conjuncts.empty()) scan.filter = JoinConjuncts(std::move(s.conjuncts));
  scan.order_by = std::move(s.order_by);
  scan.limit = s.limit;
  return scan;
}

bool FoldsIntoTableScan(const LogicalNode& node) {
  std::unique_ptr<LogicalNode> copy = ClonePlan(node);
  if (copy->inputs.size() != 1 || copy->inputs[0]->kind != LogicalKind::kRemote) return false;
  copy->inputs[0] = std::move(copy->inputs[0]->remote_plan);
  return BuildTableScan(*copy).ok();
}

absl::StatusOr<ScanRequest> MakeScanRequest(const LogicalNode& plan, const Connector& source) {
  ScanRequest request;
  if (source.capabilities().sql) {
    ASSIGN_OR_RETURN(GeneratedSql sql, GenerateSql(plan, *source.dialect()));
    request.sql = std::move(sql.sql);
    request.paging_key = std::move(sql.paging_key);
    return request;
  }
  ASSIGN_OR_RETURN(request.table_scan, BuildTableScan(plan));
  return request;
}

bool CanRestrictWithKeys(const LogicalNode& remote, const DataType& column_type, const DataType& key_type) {
  const Capabilities& caps = remote.source->capabilities();
  if (caps.sql) return true;
  return caps.filter && caps.filter_support.in_list && column_type == key_type && !HasLimit(*remote.remote_plan);
}

}  // namespace tessera
