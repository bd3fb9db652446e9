// File: engine/exec/dedup_operator.cc

#include "engine/exec/dedup_operator.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"
#include "engine/exec/key_table.h"
#include "engine/types/decimal.h"

namespace tessera {

DedupOperator::DedupOperator(std::unique_ptr<Operator> child, DedupSpec spec)
    : child_(std::move(child)), spec_(std::move(spec)) {
  std::vector<Field> fields = child_->schema()->fields();
  fields.push_back({"sources", DataType::Text(), false});
  fields.push_back({"source_records", DataType::Text(), false});
  fields.push_back({"conflicting", DataType::Bool(), false});
  schema_ = std::make_shared<const Schema>(std::move(fields));
}

std::string DedupOperator::Describe() const {
  const Schema& in = *child_->schema();
  std::vector<std::string> keys;
  for (int k : spec_.keys) keys.push_back(in.field(k).name);
  return absl::StrCat("Deduplicate on [", absl::StrJoin(keys, ", "), "]",
                      spec_.time >= 0 ? absl::StrCat(", ", in.field(spec_.time).name, " within ",
                                                     spec_.time_tolerance_micros / 1000000, " s")
                                      : "",
                      spec_.value >= 0 ? absl::StrCat(", ", in.field(spec_.value).name, " within ",
                                                      spec_.value_tolerance * 100, "%")
                                       : "");
}

absl::Status DedupOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  input_.clear();
  merged_.clear();
  next_ = 0;
  read_ = false;
  return child_->Open(ctx);
}

double DedupOperator::ValueOf(RowRef r, bool* is_null) const {
  const ColumnVector& c = input_[r.batch].column(spec_.value);
  *is_null = c.IsNull(r.row);
  if (*is_null) return 0;
  switch (c.type().id) {
    case TypeId::kDouble: return c.GetDouble(r.row);
    case TypeId::kDecimal: return static_cast<double>(c.GetInt64(r.row)) / PowerOfTen(c.type().scale);
    default: return static_cast<double>(c.GetInt64(r.row));
  }
}

int64_t DedupOperator::TimeOf(RowRef r, bool* is_null) const {
  const ColumnVector& c = input_[r.batch].column(spec_.time);
  *is_null = c.IsNull(r.row);
  if (*is_null) return 0;
  // Dates count days; the tolerance counts microseconds.
  return c.type().id == TypeId::kDate ? c.GetInt64(r.row) * 86400 * int64_t{1000000} : c.GetInt64(r.row);
}

absl::Status DedupOperator::ReadInput() {
  std::vector<DataType> key_types;
  for (int k : spec_.keys) key_types.push_back(child_->schema()->field(k).type);
  KeyTable keys(key_types);
  std::vector<std::vector<RowRef>> groups;  // By key entry id: first-seen order, for a stable output.
  std::vector<uint64_t> hashes;
  int64_t bytes = 0;
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    RowBatch batch(child_->schema());
    ASSIGN_OR_RETURN(bool more, child_->Next(batch));
    if (!more) break;
    bytes += batch.MemoryBytes();
    RETURN_IF_ERROR(reservation_.Resize(bytes + keys.MemoryBytes()));
    const int32_t b = static_cast<int32_t>(input_.size());
    KeyTable::Columns columns;
    for (int k : spec_.keys) columns.push_back(&batch.column(k));
    KeyTable::HashRows(columns, batch.num_rows(), hashes);
    for (int32_t r = 0; r < batch.num_rows(); ++r) {
      bool added = false;
      const int64_t group = keys.FindOrInsert(columns, r, hashes[r], &added);
      if (added) groups.emplace_back();
      groups[group].push_back({b, r});
    }
    input_.push_back(std::move(batch));
  }
  for (std::vector<RowRef>& group : groups) MergeGroup(group);
  return absl::OkStatus();
}

void DedupOperator::MergeGroup(std::vector<RowRef>& group) {
  // By time, so that one fact's reports are neighbours.
  if (spec_.time >= 0) {
    std::stable_sort(group.begin(), group.end(), [&](RowRef a, RowRef b) {
      bool na, nb;
      int64_t ta = TimeOf(a, &na), tb = TimeOf(b, &nb);
      return na != nb ? nb : ta < tb;
    });
  }
  size_t start = 0;
  while (start < group.size()) {
    // One fact: the rows within the tolerance of the first one's time.
    size_t end = start + 1;
    bool null_time = false;
    int64_t t0 = spec_.time >= 0 ? TimeOf(group[start], &null_time) : 0;
    while (end < group.size() && spec_.time >= 0 && !null_time) {
      bool n;
      int64_t t = TimeOf(group[end], &n);
      if (n || t - t0 > spec_.time_tolerance_micros) break;
      ++end;
    }
    if (spec_.time < 0) end = group.size();
    // Within it, rows whose values agree merge; disagreeing ones are kept apart.
    std::vector<Merged> fact;
    for (size_t i = start; i < end; ++i) {
      bool null_v = true;
      double v = spec_.value >= 0 ? ValueOf(group[i], &null_v) : 0;
      Merged* home = nullptr;
      for (Merged& m : fact) {
        bool null_m = true;
        double mv = spec_.value >= 0 ? ValueOf(m.rows[0], &null_m) : 0;
        bool agree = spec_.value < 0 || (null_v && null_m) ||
                     (!null_v && !null_m &&
                      std::abs(v - mv) <= spec_.value_tolerance * std::max(std::abs(v), std::abs(mv)) + 1e-9);
        if (agree) {
          home = &m;
          break;
        }
      }
      if (home == nullptr) {
        fact.push_back({});
        home = &fact.back();
      }
      home->rows.push_back(group[i]);
    }
    for (Merged& m : fact) {
      m.conflicting = fact.size() > 1;
      merged_.push_back(std::move(m));
    }
    start = end;
  }
}

absl::StatusOr<bool> DedupOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  if (!read_) {
    RETURN_IF_ERROR(ReadInput());
    read_ = true;
  }
  const int width = child_->schema()->num_fields();
  int64_t rows = 0;
  std::vector<std::string> sources;
  std::string records;
  while (next_ < merged_.size() && rows < kDefaultBatchRows) {
    const Merged& m = merged_[next_++];
    const RowBatch& first = input_[m.rows[0].batch];
    for (int c = 0; c < width; ++c) CopyCell(first.column(c), m.rows[0].row, out.column(c));
    // Most facts have one or two reports: a sorted vector beats a set.
    sources.clear();
    records.clear();
    for (RowRef r : m.rows) {
      const RowBatch& b = input_[r.batch];
      std::string source = spec_.source >= 0 ? b.column(spec_.source).FormatCell(r.row) : "";
      if (spec_.record_id >= 0) {
        absl::StrAppend(&records, records.empty() ? "" : ",", source, ":", b.column(spec_.record_id).FormatCell(r.row));
      }
      sources.push_back(std::move(source));
    }
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    out.column(width).AppendText(absl::StrJoin(sources, ","));
    out.column(width + 1).AppendText(records);
    out.column(width + 2).AppendBool(m.conflicting);
    ++rows;
  }
  out.SetNumRows(rows);
  if (next_ >= merged_.size() && rows == 0) {
    input_.clear();
    reservation_.Release();
  }
  return RecordBatch(out, stats_);
}

}  // namespace tessera
