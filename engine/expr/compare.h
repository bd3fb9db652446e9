// File: engine/expr/compare.h
//
// Ordering and equality of single cells, for the operators that compare rows
// one pair at a time: sort, merge, hash join probing and grouping. The order
// is PostgreSQL's with the C collation: numbers by value, text bytewise
// (UTF-8 bytewise order is code point order), false before true, and NaN
// equal to itself and greater than every other double.

#ifndef TESSERA_ENGINE_EXPR_COMPARE_H_
#define TESSERA_ENGINE_EXPR_COMPARE_H_

#include <cstdint>

#include "engine/types/column_vector.h"

namespace tessera {

// -1, 0 or 1 as x orders before, with or after y: NaN equals NaN and sorts
// after every other value; -0.0 equals 0.0.
inline int CompareDoubles(double x, double y) {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x == y) return 0;
  const bool x_nan = x != x, y_nan = y != y;
  if (x_nan == y_nan) return 0;
  return x_nan ? 1 : -1;
}

// -1, 0 or 1 as a[i] orders before, with or after b[j].
// REQUIRES: a and b hold the same type (decimals of different scales are
// compared by value all the same); neither cell is NULL.
int CompareCells(const ColumnVector& a, int64_t i, const ColumnVector& b, int64_t j);

// Where NULL sorts relative to every value.
enum class NullOrder { kNullsFirst, kNullsLast };

// PostgreSQL's placement when ORDER BY names none: NULLS LAST ascending,
// NULLS FIRST descending (NULL sorts as if larger than every value).
inline NullOrder DefaultNullOrder(bool descending) {
  return descending ? NullOrder::kNullsFirst : NullOrder::kNullsLast;
}

// -1, 0 or 1 as a[i] sorts before, with or after b[j] under
// ORDER BY ... [DESC] NULLS FIRST|LAST: values as CompareCells, reversed when
// `descending`; two NULLs tie, and a NULL goes where `nulls` says whatever the
// direction. REQUIRES: a and b hold the same type.
int CompareForSort(const ColumnVector& a, int64_t i, const ColumnVector& b, int64_t j,
                   bool descending, NullOrder nulls);

// True when a[i] and b[j] are the same value, with NULL equal only to NULL
// (IS NOT DISTINCT FROM, the GROUP BY rule). A join, where NULL keys never
// match, checks for NULL first. REQUIRES: as CompareCells, apart from NULLs.
bool CellsEqual(const ColumnVector& a, int64_t i, const ColumnVector& b, int64_t j);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXPR_COMPARE_H_
