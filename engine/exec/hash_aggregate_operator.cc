#include "engine/exec/hash_aggregate_operator.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"
#include "engine/exec/ordered_set_state.h"
#include "engine/expr/compare.h"
#include "engine/types/decimal.h"

namespace tessera {
namespace {

using int128 = __int128;

bool IsNumeric(const DataType& t) {
  return t.id == TypeId::kInt64 || t.id == TypeId::kDecimal || t.id == TypeId::kDouble;
}

int ScaleOf(const DataType& t) { return t.id == TypeId::kDecimal ? t.scale : 0; }

// `v` in units of 10^-from as units of 10^-to, rounding half away from zero.
int128 Rescale(int128 v, int from, int to) {
  if (to >= from) return v * PowerOfTen(to - from);
  const int128 divisor = PowerOfTen(from - to);
  int128 q = v / divisor;
  int128 rem = v % divisor;
  if (2 * (rem < 0 ? -rem : rem) >= divisor) q += v < 0 ? -1 : 1;
  return q;
}

bool FitsInt64(int128 v) {
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

std::shared_ptr<const Schema> MakeSchema(const Schema& input, const std::vector<int>& group_columns,
                                         const std::vector<AggregateSpec>& aggregates) {
  std::vector<Field> fields;
  for (int g : group_columns) {
    fields.push_back(g >= 0 && g < input.num_fields() ? input.field(g) : Field{"?", DataType::Int64(), true});
  }
  for (const AggregateSpec& a : aggregates) {
    bool is_count = a.op == AggregateOp::kCount || a.op == AggregateOp::kCountStar;
    fields.push_back(Field{a.name, a.type, !is_count});
  }
  return std::make_shared<const Schema>(std::move(fields));
}

std::vector<DataType> GroupTypes(const Schema& input, const std::vector<int>& group_columns) {
  std::vector<DataType> types;
  for (int g : group_columns) {
    if (g >= 0 && g < input.num_fields()) types.push_back(input.field(g).type);
  }
  return types;
}

}  // namespace

// The running state of one aggregate for every group, indexed by group id.
struct HashAggregateOperator::Accumulator {
  Accumulator(const AggregateSpec& spec, DataType arg_type)
      : spec(spec), arg_type(arg_type), best_values(arg_type) {
    if (spec.distinct && spec.op != AggregateOp::kCountStar) {
      seen = std::make_unique<KeyTable>(std::vector<DataType>{DataType::Int64(), arg_type});
    }
    if (IsOrderedSetAggregate(spec.op)) {
      ordered = std::make_unique<OrderedSetState>(spec.op, arg_type, spec.fraction, spec.descending);
    }
  }

  void Resize(int64_t groups) {
    count.resize(groups, 0);
    if (spec.op == AggregateOp::kSum || spec.op == AggregateOp::kAvg) {
      if (arg_type.id == TypeId::kDouble) {
        dsum.resize(groups, 0.0);
      } else {
        isum.resize(groups, 0);
      }
    } else if (spec.op == AggregateOp::kMin || spec.op == AggregateOp::kMax) {
      best.resize(groups, -1);
    } else if (ordered != nullptr) {
      ordered->Resize(groups);
    }
  }

  // Folds the non-NULL argument values of `batch` (rows in `groups`) in;
  // for DISTINCT, only values not yet seen in their group.
  void Add(const RowBatch& batch, const std::vector<int64_t>& groups) {
    const int64_t n = batch.num_rows();
    if (spec.op == AggregateOp::kCountStar) {
      for (int64_t r = 0; r < n; ++r) ++count[groups[r]];
      return;
    }
    const ColumnVector& col = batch.column(spec.arg);
    rows.clear();
    if (seen != nullptr) {
      ColumnVector group_col(DataType::Int64());
      group_col.Reserve(n);
      for (int64_t r = 0; r < n; ++r) group_col.AppendInt64(groups[r]);
      KeyTable::Columns key = {&group_col, &col};
      KeyTable::HashRows(key, n, hashes);
      for (int64_t r = 0; r < n; ++r) {
        if (col.IsNull(r)) continue;
        bool inserted;
        seen->FindOrInsert(key, r, hashes[r], &inserted);
        if (inserted) rows.push_back(r);
      }
    } else {
      for (int64_t r = 0; r < n; ++r) {
        if (!col.IsNull(r)) rows.push_back(r);
      }
    }
    for (int64_t r : rows) ++count[groups[r]];
    switch (spec.op) {
      case AggregateOp::kSum:
      case AggregateOp::kAvg:
        if (arg_type.id == TypeId::kDouble) {
          for (int64_t r : rows) dsum[groups[r]] += col.GetDouble(r);
        } else {
          for (int64_t r : rows) isum[groups[r]] += col.GetInt64(r);
        }
        break;
      case AggregateOp::kMin:
      case AggregateOp::kMax: {
        const bool want_less = spec.op == AggregateOp::kMin;
        for (int64_t r : rows) {
          int64_t& b = best[groups[r]];
          if (b >= 0) {
            int c = CompareCells(col, r, best_values, b);
            if (want_less ? c >= 0 : c <= 0) continue;
          }
          CopyCell(col, r, best_values);
          b = best_values.size() - 1;
        }
        // Superseded values pile up in best_values; keep at most about
        // twice the live ones.
        if (best_values.size() > 2 * static_cast<int64_t>(best.size()) + kDefaultBatchRows) {
          ColumnVector compact(arg_type);
          for (int64_t& b2 : best) {
            if (b2 < 0) continue;
            CopyCell(best_values, b2, compact);
            b2 = compact.size() - 1;
          }
          best_values = std::move(compact);
        }
        break;
      }
      case AggregateOp::kPercentileCont:
      case AggregateOp::kPercentileDisc:
      case AggregateOp::kMode:
        for (int64_t r : rows) ordered->Add(col, r, groups[r]);
        break;
      default:
        break;
    }
  }

  // Appends the results of groups [begin, end) to `out`.
  absl::Status Finish(int64_t begin, int64_t end, ColumnVector& out) const {
    const DataType& rt = spec.type;
    for (int64_t g = begin; g < end; ++g) {
      switch (spec.op) {
        case AggregateOp::kCountStar:
        case AggregateOp::kCount:
          out.AppendInt64(count[g]);
          continue;
        case AggregateOp::kMin:
        case AggregateOp::kMax:
          CopyCell(best_values, best[g], out);
          continue;
        case AggregateOp::kPercentileCont:
        case AggregateOp::kPercentileDisc:
        case AggregateOp::kMode:
          ordered->Finish(g, out);
          continue;
        default:
          break;
      }
      if (count[g] == 0) {
        out.AppendNull();
        continue;
      }
      if (arg_type.id == TypeId::kDouble) {
        out.AppendDouble(spec.op == AggregateOp::kSum ? dsum[g] : dsum[g] / static_cast<double>(count[g]));
        continue;
      }
      const int from = ScaleOf(arg_type);
      if (spec.op == AggregateOp::kAvg && rt.id == TypeId::kDouble) {
        long double v = static_cast<long double>(isum[g]) / static_cast<long double>(count[g]);
        out.AppendDouble(static_cast<double>(v / static_cast<long double>(PowerOfTen(from))));
        continue;
      }
      if (rt.id == TypeId::kDouble) {  // sum into a double.
        out.AppendDouble(static_cast<double>(static_cast<long double>(isum[g]) /
                                             static_cast<long double>(PowerOfTen(from))));
        continue;
      }
      int128 v = Rescale(isum[g], from, ScaleOf(rt));
      if (spec.op == AggregateOp::kAvg) {  // avg into a decimal.
        int128 c = count[g];
        int128 q = v / c;
        int128 rem = v % c;
        if (2 * (rem < 0 ? -rem : rem) >= c) q += v < 0 ? -1 : 1;
        v = q;
      }
      if (!FitsInt64(v)) {
        return absl::InvalidArgumentError(rt.id == TypeId::kInt64 ? "bigint out of range"
                                                                  : "decimal out of range");
      }
      out.AppendInt64(static_cast<int64_t>(v));
    }
    return absl::OkStatus();
  }

  int64_t MemoryBytes() const {
    int64_t bytes =
        static_cast<int64_t>(count.capacity() * sizeof(int64_t) + isum.capacity() * sizeof(int128) +
                             dsum.capacity() * sizeof(double) + best.capacity() * sizeof(int64_t)) +
        best_values.MemoryBytes();
    if (seen != nullptr) bytes += seen->MemoryBytes();
    if (ordered != nullptr) bytes += ordered->MemoryBytes();
    return bytes;
  }

  const AggregateSpec spec;
  const DataType arg_type;
  std::vector<int64_t> count;  // Values folded in (rows, for count(*)).
  std::vector<int128> isum;    // sum/avg of integer-backed values, exact.
  std::vector<double> dsum;    // sum/avg of doubles.
  std::vector<int64_t> best;   // min/max: the row of best_values, or -1.
  ColumnVector best_values;
  std::unique_ptr<KeyTable> seen;  // DISTINCT: (group id, value) pairs folded in.
  std::unique_ptr<OrderedSetState> ordered;  // percentile_cont, percentile_disc, mode.
  std::vector<int64_t> rows;       // Scratch.
  std::vector<uint64_t> hashes;    // Scratch.
};

HashAggregateOperator::HashAggregateOperator(std::unique_ptr<Operator> child, std::vector<int> group_columns,
                                             std::vector<AggregateSpec> aggregates)
    : child_(std::move(child)),
      group_columns_(std::move(group_columns)),
      aggregates_(std::move(aggregates)),
      schema_(MakeSchema(*child_->schema(), group_columns_, aggregates_)) {}

HashAggregateOperator::~HashAggregateOperator() = default;

absl::Status HashAggregateOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  const Schema& in = *child_->schema();
  for (int g : group_columns_) {
    if (g < 0 || g >= in.num_fields())
      return absl::InternalError(absl::StrCat("group column out of range: #", g));
  }
  for (const AggregateSpec& a : aggregates_) {
    const std::string what = absl::StrCat(AggregateOpName(a.op), "(#", a.arg, ")");
    if (a.op == AggregateOp::kCountStar) {
      if (a.type.id != TypeId::kInt64) return absl::InternalError("count(*) must be bigint");
      continue;
    }
    if (a.arg < 0 || a.arg >= in.num_fields()) {
      return absl::InternalError(absl::StrCat("aggregate argument out of range: ", what));
    }
    const DataType& at = in.field(a.arg).type;
    bool ok = true;
    switch (a.op) {
      case AggregateOp::kCount:
        ok = a.type.id == TypeId::kInt64;
        break;
      case AggregateOp::kSum:
      case AggregateOp::kAvg:
        ok = IsNumeric(at) && IsNumeric(a.type) &&
             (at.id != TypeId::kDouble || a.type.id == TypeId::kDouble) &&
             (a.op == AggregateOp::kSum || a.type.id != TypeId::kInt64) &&
             !(at.id == TypeId::kDecimal && a.type.id == TypeId::kInt64);
        break;
      case AggregateOp::kMin:
      case AggregateOp::kMax:
        ok = a.type == at;
        break;
      case AggregateOp::kPercentileCont:
        ok = !a.distinct && at.id == TypeId::kDouble && a.type.id == TypeId::kDouble && a.fraction >= 0 &&
             a.fraction <= 1;
        break;
      case AggregateOp::kPercentileDisc:
        ok = !a.distinct && a.type == at && a.fraction >= 0 && a.fraction <= 1;
        break;
      case AggregateOp::kMode:
        ok = !a.distinct && a.type == at;
        break;
      default:
        break;
    }
    if (!ok) {
      return absl::InternalError(
          absl::StrCat("unsupported aggregate ", what, " of ", at.ToString(), " as ", a.type.ToString()));
    }
  }
  Reset();
  return child_->Open(ctx);
}

void HashAggregateOperator::Reset() {
  const Schema& in = *child_->schema();
  groups_ = std::make_unique<KeyTable>(GroupTypes(in, group_columns_));
  accumulators_.clear();
  for (const AggregateSpec& a : aggregates_) {
    DataType arg_type = a.arg >= 0 && a.arg < in.num_fields() ? in.field(a.arg).type : DataType::Int64();
    accumulators_.push_back(std::make_unique<Accumulator>(a, arg_type));
  }
  consumed_ = false;
  next_group_ = 0;
}

absl::StatusOr<bool> HashAggregateOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  if (!consumed_) {
    RETURN_IF_ERROR(Consume());
    consumed_ = true;
  }
  RETURN_IF_ERROR(CheckCancelled(*ctx_));
  const int64_t total = groups_ != nullptr ? groups_->size() : 0;
  if (next_group_ < total) {
    const int64_t end = std::min(total, next_group_ + kDefaultBatchRows);
    RETURN_IF_ERROR(Emit(next_group_, end, out));
    next_group_ = end;
  }
  if (next_group_ >= total && groups_ != nullptr) {
    groups_.reset();
    accumulators_.clear();
    reservation_.Release();
  }
  return RecordBatch(out, stats_);
}

absl::Status HashAggregateOperator::Consume() {
  if (group_columns_.empty()) {
    bool inserted;
    groups_->FindOrInsert({}, 0, 0, &inserted);  // The one group, even for no rows.
    for (auto& acc : accumulators_) acc->Resize(1);
  }
  RowBatch batch(child_->schema());
  std::vector<int64_t> group_of;
  std::vector<uint64_t> hashes;
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, child_->Next(batch));
    if (!more) break;
    const int64_t n = batch.num_rows();
    group_of.assign(n, 0);
    if (!group_columns_.empty()) {
      KeyTable::Columns keys = SelectColumns(batch, group_columns_);
      KeyTable::HashRows(keys, n, hashes);
      for (int64_t r = 0; r < n; ++r) {
        bool inserted;
        group_of[r] = groups_->FindOrInsert(keys, r, hashes[r], &inserted);
      }
      for (auto& acc : accumulators_) acc->Resize(groups_->size());
    }
    for (auto& acc : accumulators_) acc->Add(batch, group_of);
    RETURN_IF_ERROR(reservation_.Resize(MemoryBytes()));
  }
  return absl::OkStatus();
}

absl::Status HashAggregateOperator::Emit(int64_t begin, int64_t end, RowBatch& out) {
  const int ng = static_cast<int>(group_columns_.size());
  for (int c = 0; c < ng; ++c) CopyRange(groups_->key_column(c), begin, end, out.column(c));
  for (size_t a = 0; a < accumulators_.size(); ++a) {
    RETURN_IF_ERROR(accumulators_[a]->Finish(begin, end, out.column(ng + static_cast<int>(a))));
  }
  out.SetNumRows(end - begin);
  return absl::OkStatus();
}

int64_t HashAggregateOperator::MemoryBytes() const {
  int64_t bytes = groups_->MemoryBytes();
  for (const auto& acc : accumulators_) bytes += acc->MemoryBytes();
  return bytes;
}

std::string HashAggregateOperator::Describe() const {
  std::string out = "HashAggregate";
  if (!group_columns_.empty()) absl::StrAppend(&out, " by ", DescribeColumns(group_columns_));
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    const AggregateSpec& a = aggregates_[i];
    absl::StrAppend(&out, i == 0 ? ": " : ", ", AggregateOpName(a.op), "(");
    if (a.op == AggregateOp::kCountStar) {
      absl::StrAppend(&out, "*)");
    } else if (IsOrderedSetAggregate(a.op)) {
      if (a.op != AggregateOp::kMode) absl::StrAppend(&out, a.fraction, " ");
      absl::StrAppend(&out, "order by #", a.arg, a.descending ? " desc)" : ")");
    } else {
      absl::StrAppend(&out, a.distinct ? "DISTINCT " : "", "#", a.arg, ")");
    }
  }
  return out;
}

}  // namespace tessera
