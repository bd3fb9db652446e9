#include "engine/expr/hash.h"

#include <limits>

#include "absl/hash/hash.h"

namespace tessera {
namespace {

// What every NULL hashes as, mixed with the seed like any value.
constexpr uint64_t kNullHash = 0x9e3779b97f4a7c15ull;

// One representative for values CompareDoubles calls equal.
double CanonicalDouble(double v) {
  if (v == 0) return 0.0;
  if (v != v) return std::numeric_limits<double>::quiet_NaN();
  return v;
}

// The NaN representative always has the same bits, so hashing the bits is
// consistent with equality.
uint64_t DoubleBits(double v) {
  uint64_t bits;
  v = CanonicalDouble(v);
  static_assert(sizeof(bits) == sizeof(v));
  __builtin_memcpy(&bits, &v, sizeof(bits));
  return bits;
}

template <typename T>
uint64_t Mix(uint64_t seed, const T& value) {
  return absl::HashOf(seed, value);
}

}  // namespace

uint64_t HashCell(const ColumnVector& column, int64_t row, uint64_t seed) {
  if (column.IsNull(row)) return Mix(seed, kNullHash);
  switch (column.type().id) {
    case TypeId::kDouble:
      return Mix(seed, DoubleBits(column.GetDouble(row)));
    case TypeId::kText:
      return Mix(seed, column.GetText(row));
    default:
      return Mix(seed, column.GetInt64(row));
  }
}

void HashColumn(const ColumnVector& column, std::vector<uint64_t>* hashes) {
  uint64_t* h = hashes->data();
  const int64_t rows = column.size();
  switch (column.type().id) {
    case TypeId::kDouble:
      for (int64_t i = 0; i < rows; ++i) {
        h[i] = column.IsNull(i) ? Mix(h[i], kNullHash) : Mix(h[i], DoubleBits(column.GetDouble(i)));
      }
      break;
    case TypeId::kText:
      for (int64_t i = 0; i < rows; ++i) {
        h[i] = column.IsNull(i) ? Mix(h[i], kNullHash) : Mix(h[i], column.GetText(i));
      }
      break;
    default:
      for (int64_t i = 0; i < rows; ++i) {
        h[i] = column.IsNull(i) ? Mix(h[i], kNullHash) : Mix(h[i], column.GetInt64(i));
      }
  }
}

}  // namespace tessera
