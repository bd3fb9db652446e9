#include "engine/exec/window_operator.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"
#include "engine/exec/key_table.h"
#include "engine/expr/compare.h"
#include "engine/types/decimal.h"

namespace tessera {
namespace {

bool IsShift(WindowOp op) { return op == WindowOp::kLag || op == WindowOp::kLead; }

const char* FunctionName(WindowOp op) { return WindowOpName(op); }

bool IsAggregate(WindowOp op) {
  return op == WindowOp::kCount || op == WindowOp::kSum || op == WindowOp::kAvg || op == WindowOp::kMin ||
         op == WindowOp::kMax;
}

// Rank-like functions and counts are bigint; avg double; the others the
// argument's type (sum of bigint bigint, of decimal the same decimal).
DataType ResultType(const Schema& input, const WindowFunctionSpec& f) {
  if (f.op == WindowOp::kAvg) return DataType::Double();
  if (f.op == WindowOp::kCount || f.op == WindowOp::kCountStar) return DataType::Int64();
  if ((IsShift(f.op) || IsAggregate(f.op)) && f.arg >= 0 && f.arg < input.num_fields()) {
    return input.field(f.arg).type;
  }
  return DataType::Int64();
}

bool IsNullable(WindowOp op) {
  return IsShift(op) || op == WindowOp::kSum || op == WindowOp::kAvg || op == WindowOp::kMin ||
         op == WindowOp::kMax;
}

std::shared_ptr<const Schema> MakeSchema(const Schema& input,
                                         const std::vector<WindowFunctionSpec>& functions) {
  std::vector<Field> fields = input.fields();
  for (const WindowFunctionSpec& f : functions)
    fields.push_back(Field{f.name, ResultType(input, f), IsNullable(f.op)});
  return std::make_shared<const Schema>(std::move(fields));
}

}  // namespace

WindowOperator::WindowOperator(std::unique_ptr<Operator> child, std::vector<int> partition_columns,
                               std::vector<ColumnSortKey> order_keys,
                               std::vector<WindowFunctionSpec> functions)
    : child_(std::move(child)),
      partition_columns_(std::move(partition_columns)),
      comparator_(std::move(order_keys)),
      functions_(std::move(functions)),
      schema_(MakeSchema(*child_->schema(), functions_)),
      buffer_(child_->schema()) {}

absl::Status WindowOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  const Schema& in = *child_->schema();
  auto valid = [&](int c) { return c >= 0 && c < in.num_fields(); };
  for (int c : partition_columns_) {
    if (!valid(c)) return absl::InternalError(absl::StrCat("window partition column out of range: #", c));
  }
  for (const ColumnSortKey& k : comparator_.keys()) {
    if (!valid(k.column))
      return absl::InternalError(absl::StrCat("window order column out of range: #", k.column));
  }
  for (const WindowFunctionSpec& f : functions_) {
    if (IsAggregate(f.op)) {
      if (!valid(f.arg)) return absl::InternalError(absl::StrCat("window argument out of range: #", f.arg));
      const TypeId t = in.field(f.arg).type.id;
      const bool numeric = t == TypeId::kInt64 || t == TypeId::kDecimal || t == TypeId::kDouble;
      if ((f.op == WindowOp::kSum || f.op == WindowOp::kAvg) && !numeric) {
        return absl::InternalError(absl::StrCat(FunctionName(f.op), " over a window needs a number, not ",
                                                in.field(f.arg).type.ToString()));
      }
      continue;
    }
    if (!IsShift(f.op)) continue;
    if (!valid(f.arg)) return absl::InternalError(absl::StrCat("window argument out of range: #", f.arg));
    if (f.default_column != -1 &&
        (!valid(f.default_column) || in.field(f.default_column).type != in.field(f.arg).type)) {
      return absl::InternalError(
          absl::StrCat("window default #", f.default_column, " unusable for #", f.arg));
    }
  }
  consumed_ = false;
  next_ = 0;
  return child_->Open(ctx);
}

absl::StatusOr<bool> WindowOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  if (!consumed_) {
    RETURN_IF_ERROR(Consume());
    consumed_ = true;
  }
  RETURN_IF_ERROR(CheckCancelled(*ctx_));
  if (next_ < order_.size()) {
    const size_t end = std::min(order_.size(), next_ + static_cast<size_t>(kDefaultBatchRows));
    CopyBatchRows(buffer_, absl::MakeConstSpan(order_).subspan(next_, end - next_), out);
    const int nc = buffer_.num_columns();
    for (size_t f = 0; f < results_.size(); ++f) {
      CopyRange(results_[f], static_cast<int64_t>(next_), static_cast<int64_t>(end),
                out.column(nc + static_cast<int>(f)));
    }
    next_ = end;
  }
  if (next_ >= order_.size() && (buffer_.num_rows() > 0 || reservation_.bytes() > 0)) {
    buffer_ = RowBatch(child_->schema());
    partition_of_ = {};
    order_ = {};
    partition_end_ = {};
    results_.clear();
    reservation_.Release();
  }
  return RecordBatch(out, stats_);
}

absl::Status WindowOperator::Consume() {
  const Schema& in = *child_->schema();
  std::vector<DataType> partition_types;
  for (int c : partition_columns_) partition_types.push_back(in.field(c).type);
  KeyTable partitions(partition_types);
  RowBatch batch(child_->schema());
  std::vector<uint64_t> hashes;
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, child_->Next(batch));
    if (!more) break;
    const int64_t n = batch.num_rows();
    CopyBatchRange(batch, 0, n, buffer_);
    if (partition_columns_.empty()) {
      partition_of_.resize(partition_of_.size() + n, 0);
    } else {
      KeyTable::Columns cols = SelectColumns(batch, partition_columns_);
      KeyTable::HashRows(cols, n, hashes);
      for (int64_t r = 0; r < n; ++r) {
        bool inserted;
        partition_of_.push_back(partitions.FindOrInsert(cols, r, hashes[r], &inserted));
      }
    }
    RETURN_IF_ERROR(reservation_.Resize(MemoryBytes() + partitions.MemoryBytes()));
  }
  const int64_t n = buffer_.num_rows();
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0);
  RowComparator::Columns keys = comparator_.KeyColumns(buffer_);
  std::stable_sort(order_.begin(), order_.end(), [&](int64_t a, int64_t b) {
    if (partition_of_[a] != partition_of_[b]) return partition_of_[a] < partition_of_[b];
    return comparator_.Compare(keys, a, keys, b) < 0;
  });
  RETURN_IF_ERROR(CheckCancelled(*ctx_));
  partition_end_.assign(n, n);
  for (int64_t i = n - 1; i > 0; --i) {
    partition_end_[i - 1] = partition_of_[order_[i - 1]] != partition_of_[order_[i]] ? i : partition_end_[i];
  }
  results_.clear();
  for (const WindowFunctionSpec& f : functions_) {
    results_.emplace_back(ResultType(in, f));
    RETURN_IF_ERROR(Compute(f, results_.back()));
    RETURN_IF_ERROR(reservation_.Resize(MemoryBytes()));
  }
  return absl::OkStatus();
}

absl::Status WindowOperator::Compute(const WindowFunctionSpec& f, ColumnVector& result) {
  if (f.op == WindowOp::kCountStar || IsAggregate(f.op)) return ComputeAggregate(f, result);
  const int64_t n = static_cast<int64_t>(order_.size());
  RowComparator::Columns keys = comparator_.KeyColumns(buffer_);
  int64_t start = 0;  // The current partition's first position.
  int64_t rank = 0;
  int64_t dense = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (i % (16 * kDefaultBatchRows) == 0) RETURN_IF_ERROR(CheckCancelled(*ctx_));
    const bool first = i == 0 || partition_of_[order_[i - 1]] != partition_of_[order_[i]];
    if (first) start = i;
    switch (f.op) {
      case WindowOp::kRowNumber:
        result.AppendInt64(i - start + 1);
        break;
      case WindowOp::kRank:
      case WindowOp::kDenseRank: {
        const bool peer = !first && comparator_.Compare(keys, order_[i - 1], keys, order_[i]) == 0;
        if (!peer) {
          rank = i - start + 1;
          dense = first ? 1 : dense + 1;
        }
        result.AppendInt64(f.op == WindowOp::kRank ? rank : dense);
        break;
      }
      case WindowOp::kCountStar:
      case WindowOp::kCount:
      case WindowOp::kSum:
      case WindowOp::kAvg:
      case WindowOp::kMin:
      case WindowOp::kMax:
        break;  // ComputeAggregate.
      case WindowOp::kLag:
      case WindowOp::kLead: {
        const __int128 target = f.op == WindowOp::kLag ? static_cast<__int128>(i) - f.offset
                                                       : static_cast<__int128>(i) + f.offset;
        if (target >= start && target < partition_end_[i]) {
          CopyCell(buffer_.column(f.arg), order_[static_cast<int64_t>(target)], result);
        } else if (f.default_column >= 0) {
          CopyCell(buffer_.column(f.default_column), order_[i], result);
        } else {
          result.AppendNull();
        }
        break;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status WindowOperator::ComputeAggregate(const WindowFunctionSpec& f, ColumnVector& result) {
  const int64_t n = static_cast<int64_t>(order_.size());
  RowComparator::Columns keys = comparator_.KeyColumns(buffer_);
  const ColumnVector* arg = f.op == WindowOp::kCountStar ? nullptr : &buffer_.column(f.arg);
  const DataType arg_type = arg != nullptr ? arg->type() : DataType::Int64();
  const bool as_double = arg_type.id == TypeId::kDouble;
  const int scale = arg_type.id == TypeId::kDecimal ? arg_type.scale : 0;
  // The running state over the partition so far.
  int64_t count = 0;
  __int128 isum = 0;
  double dsum = 0;
  ColumnVector best(arg_type);  // min/max: its last cell is the best so far.
  int64_t i = 0;
  while (i < n) {
    if (i % (16 * kDefaultBatchRows) == 0) RETURN_IF_ERROR(CheckCancelled(*ctx_));
    const bool first = i == 0 || partition_of_[order_[i - 1]] != partition_of_[order_[i]];
    if (first) {
      count = 0;
      isum = 0;
      dsum = 0;
      best.Clear();
    }
    // The current row's peers (equal on every order key; without ORDER BY,
    // the whole partition) all end the frame at the last of them.
    int64_t end = i + 1;
    while (end < partition_end_[i] &&
           (comparator_.keys().empty() || comparator_.Compare(keys, order_[i], keys, order_[end]) == 0)) {
      ++end;
    }
    for (int64_t j = i; j < end; ++j) {
      const int64_t row = order_[j];
      if (arg == nullptr) {
        ++count;
        continue;
      }
      if (arg->IsNull(row)) continue;
      ++count;
      switch (f.op) {
        case WindowOp::kSum:
        case WindowOp::kAvg:
          if (as_double) {
            dsum += arg->GetDouble(row);
          } else {
            isum += arg->GetInt64(row);
          }
          break;
        case WindowOp::kMin:
        case WindowOp::kMax: {
          if (best.size() > 0) {
            const int c = CompareCells(*arg, row, best, best.size() - 1);
            if (f.op == WindowOp::kMin ? c >= 0 : c <= 0) break;
          }
          CopyCell(*arg, row, best);
          break;
        }
        default:
          break;
      }
    }
    for (int64_t j = i; j < end; ++j) {
      switch (f.op) {
        case WindowOp::kCountStar:
        case WindowOp::kCount:
          result.AppendInt64(count);
          break;
        case WindowOp::kMin:
        case WindowOp::kMax:
          if (best.size() == 0) {
            result.AppendNull();
          } else {
            CopyCell(best, best.size() - 1, result);
          }
          break;
        case WindowOp::kSum:
        case WindowOp::kAvg:
          if (count == 0) {
            result.AppendNull();
          } else if (as_double) {
            result.AppendDouble(f.op == WindowOp::kSum ? dsum : dsum / static_cast<double>(count));
          } else if (f.op == WindowOp::kAvg) {
            // As the hash aggregate computes avg, so both agree to the bit.
            long double v = static_cast<long double>(isum) / static_cast<long double>(count);
            result.AppendDouble(static_cast<double>(v / static_cast<long double>(PowerOfTen(scale))));
          } else if (isum > std::numeric_limits<int64_t>::max() || isum < std::numeric_limits<int64_t>::min()) {
            return absl::InvalidArgumentError(arg_type.id == TypeId::kInt64 ? "bigint out of range"
                                                                            : "decimal out of range");
          } else {
            result.AppendInt64(static_cast<int64_t>(isum));
          }
          break;
        default:
          result.AppendNull();
      }
    }
    // Superseded min/max cells pile up; keep only the best.
    if (best.size() > kDefaultBatchRows) {
      ColumnVector compact(arg_type);
      CopyCell(best, best.size() - 1, compact);
      best = std::move(compact);
    }
    i = end;
  }
  return absl::OkStatus();
}

int64_t WindowOperator::MemoryBytes() const {
  int64_t bytes =
      buffer_.MemoryBytes() +
      static_cast<int64_t>((partition_of_.capacity() + order_.capacity() + partition_end_.capacity()) *
                           sizeof(int64_t));
  for (const ColumnVector& c : results_) bytes += c.MemoryBytes();
  return bytes;
}

std::string WindowOperator::Describe() const {
  std::string out = "Window";
  if (!partition_columns_.empty())
    absl::StrAppend(&out, " partition by ", DescribeColumns(partition_columns_));
  if (!comparator_.keys().empty()) absl::StrAppend(&out, " order by ", DescribeSortKeys(comparator_.keys()));
  for (size_t i = 0; i < functions_.size(); ++i) {
    const WindowFunctionSpec& f = functions_[i];
    absl::StrAppend(&out, i == 0 ? ": " : ", ", FunctionName(f.op), "(");
    if (IsShift(f.op)) {
      absl::StrAppend(&out, "#", f.arg, ", ", f.offset);
      if (f.default_column >= 0) absl::StrAppend(&out, ", #", f.default_column);
    }
    absl::StrAppend(&out, ")");
  }
  return out;
}

}  // namespace tessera
