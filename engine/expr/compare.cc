#include "engine/expr/compare.h"

namespace tessera {
namespace {

template <typename T>
int Sign(T x, T y) {
  return (x > y) - (x < y);
}

int ScaleOf(const DataType& t) { return t.id == TypeId::kDecimal ? t.scale : 0; }

}  // namespace

int CompareCells(const ColumnVector& a, int64_t i, const ColumnVector& b, int64_t j) {
  switch (a.type().id) {
    case TypeId::kDouble:
      return CompareDoubles(a.GetDouble(i), b.GetDouble(j));
    case TypeId::kText: {
      const int c = a.GetText(i).compare(b.GetText(j));
      return (c > 0) - (c < 0);
    }
    case TypeId::kDecimal:
    case TypeId::kInt64: {
      const int sa = ScaleOf(a.type()), sb = ScaleOf(b.type());
      if (sa == sb) return Sign(a.GetInt64(i), b.GetInt64(j));
      // Scales differ only when the caller mixed decimal columns; align
      // exactly in 128 bits.
      __int128 x = a.GetInt64(i), y = b.GetInt64(j);
      for (int s = sa; s < sb; ++s) x *= 10;
      for (int s = sb; s < sa; ++s) y *= 10;
      return Sign(x, y);
    }
    default:
      return Sign(a.GetInt64(i), b.GetInt64(j));
  }
}

int CompareForSort(const ColumnVector& a, int64_t i, const ColumnVector& b, int64_t j,
                   bool descending, NullOrder nulls) {
  const bool a_null = a.IsNull(i), b_null = b.IsNull(j);
  if (a_null || b_null) {
    if (a_null && b_null) return 0;
    const int null_first = nulls == NullOrder::kNullsFirst ? -1 : 1;
    return a_null ? null_first : -null_first;
  }
  const int c = CompareCells(a, i, b, j);
  return descending ? -c : c;
}

bool CellsEqual(const ColumnVector& a, int64_t i, const ColumnVector& b, int64_t j) {
  const bool a_null = a.IsNull(i), b_null = b.IsNull(j);
  if (a_null || b_null) return a_null && b_null;
  switch (a.type().id) {
    case TypeId::kText:
      return a.GetText(i) == b.GetText(j);
    case TypeId::kDouble:
      return CompareDoubles(a.GetDouble(i), b.GetDouble(j)) == 0;
    case TypeId::kDecimal:
    case TypeId::kInt64:
      if (ScaleOf(a.type()) != ScaleOf(b.type())) return CompareCells(a, i, b, j) == 0;
      return a.GetInt64(i) == b.GetInt64(j);
    default:
      return a.GetInt64(i) == b.GetInt64(j);
  }
}

}  // namespace tessera
