// File: engine/exec/dedup_spec.h
//
// What makes two rows the same fact, for DedupOperator (see
// dedup_operator.h) and the plan node it is built from. Columns are indexes
// into the rows being deduplicated.

#ifndef TESSERA_ENGINE_EXEC_DEDUP_SPEC_H_
#define TESSERA_ENGINE_EXEC_DEDUP_SPEC_H_

#include <cstdint>
#include <vector>

namespace tessera {

struct DedupSpec {
  std::vector<int> keys;  // Columns that must be equal.
  int time = -1;          // A date or timestamp column.
  int64_t time_tolerance_micros = 0;
  int value = -1;  // A numeric column, or -1 to ignore values.
  double value_tolerance = 0.02;  // Relative: |a - b| <= tolerance * max(|a|, |b|).
  int source = -1;     // Text columns naming each row's origin, listed in
  int record_id = -1;  // the merged row's `sources` and `source_records`.
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_DEDUP_SPEC_H_
