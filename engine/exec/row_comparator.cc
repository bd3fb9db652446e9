#include "engine/exec/row_comparator.h"

#include "absl/strings/str_cat.h"
#include "engine/expr/compare.h"

namespace tessera {

std::string DescribeSortKeys(const std::vector<ColumnSortKey>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) {
    const ColumnSortKey& k = keys[i];
    absl::StrAppend(&out, i == 0 ? "" : ", ", "#", k.column, k.descending ? " DESC" : "");
    if (k.nulls_first != k.descending) absl::StrAppend(&out, k.nulls_first ? " NULLS FIRST" : " NULLS LAST");
  }
  return out;
}

int RowComparator::Compare(const Columns& a, int64_t i, const Columns& b, int64_t j) const {
  for (size_t k = 0; k < keys_.size(); ++k) {
    const ColumnSortKey& key = keys_[k];
    int c = CompareForSort(*a[k], i, *b[k], j, key.descending,
                           key.nulls_first ? NullOrder::kNullsFirst : NullOrder::kNullsLast);
    if (c != 0) return c;
  }
  return 0;
}

}  // namespace tessera
