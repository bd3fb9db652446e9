// File: engine/devicehub/indexed_rows.cc

#include "engine/devicehub/indexed_rows.h"

#include <algorithm>
#include <string>

#include "engine/exec/batch_util.h"

namespace tessera::devicehub {
namespace {

bool IsIndexColumn(const Expr& e, int column) { return e.op == ExprOp::kColumn && e.column == column; }

// The registrations `e` restricts the index column to, when it does.
std::optional<std::vector<std::string>> Keys(const Expr& e, int column) {
  if (e.op == ExprOp::kAnd) {
    for (const auto& a : e.args) {
      if (auto keys = Keys(*a, column)) return keys;
    }
    return std::nullopt;
  }
  std::vector<const Expr*> constants;
  if (e.op == ExprOp::kEqual && e.args.size() == 2) {
    if (IsIndexColumn(*e.args[0], column)) constants.push_back(e.args[1].get());
    if (IsIndexColumn(*e.args[1], column)) constants.push_back(e.args[0].get());
  } else if (e.op == ExprOp::kInList && !e.args.empty() && IsIndexColumn(*e.args[0], column)) {
    for (size_t i = 1; i < e.args.size(); ++i) constants.push_back(e.args[i].get());
  }
  if (constants.empty()) return std::nullopt;
  std::vector<std::string> keys;
  for (const Expr* c : constants) {
    if (c->op != ExprOp::kConstant) return std::nullopt;
    if (c->constant.is_null()) continue;  // Matches nothing.
    if (c->constant.type().id != TypeId::kText) return std::nullopt;
    keys.push_back(c->constant.text_value());
  }
  return keys;
}

}  // namespace

std::optional<std::vector<RowBatch>> IndexedRows(const HubTable& table, const Expr& filter) {
  if (table.index_column < 0) return std::nullopt;
  std::optional<std::vector<std::string>> keys = Keys(filter, table.index_column);
  if (!keys.has_value()) return std::nullopt;
  std::vector<RowPosition> rows;
  std::sort(keys->begin(), keys->end());
  keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
  for (const std::string& key : *keys) {
    auto it = table.index.find(key);
    if (it != table.index.end()) rows.insert(rows.end(), it->second.begin(), it->second.end());
  }
  std::sort(rows.begin(), rows.end(), [](const RowPosition& a, const RowPosition& b) {
    return a.batch != b.batch ? a.batch < b.batch : a.row < b.row;
  });
  std::vector<RowBatch> out;
  for (size_t i = 0; i < rows.size();) {
    const int32_t b = rows[i].batch;
    std::vector<int64_t> in_batch;
    for (; i < rows.size() && rows[i].batch == b; ++i) in_batch.push_back(rows[i].row);
    RowBatch batch(table.schema);
    CopyBatchRows((*table.batches)[b], in_batch, batch);
    out.push_back(std::move(batch));
  }
  return out;
}

}  // namespace tessera::devicehub
