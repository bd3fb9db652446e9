#include "engine/exec/ordered_set_state.h"

#include <algorithm>
#include <cmath>

#include "engine/exec/batch_util.h"
#include "engine/expr/compare.h"

namespace tessera {

OrderedSetState::OrderedSetState(AggregateOp op, DataType value_type, double fraction, bool descending)
    : op_(op), fraction_(fraction), descending_(descending), values_(value_type) {}

void OrderedSetState::Resize(int64_t groups) {
  if (groups > static_cast<int64_t>(members_.size())) members_.resize(groups);
}

void OrderedSetState::Add(const ColumnVector& col, int64_t row, int64_t group) {
  CopyCell(col, row, values_);
  std::vector<int64_t>& m = members_[group];
  const size_t before = m.capacity();
  m.push_back(values_.size() - 1);
  member_slots_ += static_cast<int64_t>(m.capacity() - before);
}

void OrderedSetState::Finish(int64_t group, ColumnVector& out) const {
  const std::vector<int64_t>& m = members_[group];
  if (m.empty()) {
    out.AppendNull();
    return;
  }
  std::vector<int64_t> sorted = m;
  std::stable_sort(sorted.begin(), sorted.end(), [&](int64_t a, int64_t b) {
    const int c = CompareCells(values_, a, values_, b);
    return descending_ ? c > 0 : c < 0;
  });
  const int64_t n = static_cast<int64_t>(sorted.size());
  switch (op_) {
    case AggregateOp::kPercentileCont: {
      // Between the values at floor and ceil of fraction * (n - 1), 0-based.
      const double position = fraction_ * static_cast<double>(n - 1);
      const int64_t first = static_cast<int64_t>(std::floor(position));
      const int64_t second = static_cast<int64_t>(std::ceil(position));
      const double lo = values_.GetDouble(sorted[first]);
      if (second <= first) {
        out.AppendDouble(lo);
        return;
      }
      const double hi = values_.GetDouble(sorted[second]);
      out.AppendDouble(lo + (position - static_cast<double>(first)) * (hi - lo));
      return;
    }
    case AggregateOp::kPercentileDisc: {
      // The first value whose 1-based position is >= fraction * n.
      int64_t position = static_cast<int64_t>(std::ceil(fraction_ * static_cast<double>(n)));
      position = std::clamp<int64_t>(position, 1, n);
      CopyCell(values_, sorted[position - 1], out);
      return;
    }
    case AggregateOp::kMode: {
      // The longest run of equal values; the first of equally long ones.
      int64_t best = 0, best_count = 0;
      for (int64_t i = 0; i < n;) {
        int64_t j = i + 1;
        while (j < n && CompareCells(values_, sorted[i], values_, sorted[j]) == 0) ++j;
        if (j - i > best_count) {
          best = i;
          best_count = j - i;
        }
        i = j;
      }
      CopyCell(values_, sorted[best], out);
      return;
    }
    default:
      out.AppendNull();
  }
}

int64_t OrderedSetState::MemoryBytes() const {
  return values_.MemoryBytes() +
         static_cast<int64_t>(members_.capacity() * sizeof(std::vector<int64_t>)) +
         member_slots_ * static_cast<int64_t>(sizeof(int64_t));
}

}  // namespace tessera
