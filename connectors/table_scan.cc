// File: connectors/table_scan.cc
//
// The readable form of a structured sub-query.

#include "connectors/table_scan.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera {
namespace {

// Names the filter's columns instead of numbering them.
void NameColumns(Expr& e, const std::vector<std::string>& names) {
  if (e.op == ExprOp::kColumn && e.column >= 0 && e.column < static_cast<int>(names.size())) {
    e.display = names[e.column];
  }
  for (auto& a : e.args) NameColumns(*a, names);
}

}  // namespace

std::string TableScanToString(const TableScan& scan) {
  std::string out = absl::StrCat(scan.table, " [", absl::StrJoin(scan.columns, ", "), "]");
  if (scan.filter != nullptr) {
    std::unique_ptr<Expr> named = scan.filter->Clone();
    NameColumns(*named, scan.table_columns);
    absl::StrAppend(&out, " WHERE ", named->ToString());
  }
  if (!scan.order_by.empty()) {
    std::vector<std::string> keys;
    for (const TableScanOrder& k : scan.order_by) {
      keys.push_back(absl::StrCat(k.column, k.descending ? " DESC" : "", k.nulls_first ? " NULLS FIRST" : " NULLS LAST"));
    }
    absl::StrAppend(&out, " ORDER BY ", absl::StrJoin(keys, ", "));
  }
  if (scan.limit.has_value()) absl::StrAppend(&out, " LIMIT ", *scan.limit);
  return out;
}

}  // namespace tessera
