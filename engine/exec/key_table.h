// File: engine/exec/key_table.h
//
// A hash table of distinct keys (one or more columns), the core of hash join,
// hash aggregate, distinct and the set operations. Each distinct key gets a
// dense entry id, 0, 1, 2, ... in insertion order, which callers use to index
// their own per-key state (a join's row chains, an aggregate's accumulators).
//
// Layout: the keys are stored column by column (one ColumnVector per key
// column, entry id = row), beside each entry's 64-bit hash. The index is an
// open-addressing array of entry ids with linear probing, kept at most half
// full and doubled when it fills; a probe compares the stored hash before
// comparing cells. Two keys are equal when every column is equal, a NULL
// equal to a NULL (GROUP BY, DISTINCT and set operations treat NULLs so; a
// join leaves rows with NULL keys out of the table instead).

#ifndef TESSERA_ENGINE_EXEC_KEY_TABLE_H_
#define TESSERA_ENGINE_EXEC_KEY_TABLE_H_

#include <cstdint>
#include <vector>

#include "engine/types/column_vector.h"
#include "engine/types/data_type.h"

namespace tessera {

class KeyTable {
 public:
  // Columns of the keys a row is looked up by, in key order.
  using Columns = std::vector<const ColumnVector*>;

  explicit KeyTable(const std::vector<DataType>& key_types);

  // Computes the hash of each of the first `rows` rows of `columns` into
  // `hashes` (resized to `rows`). Equal keys hash equal, NULLs included.
  static void HashRows(const Columns& columns, int64_t rows, std::vector<uint64_t>& hashes);

  // The entry id of the key at `row` of `columns` (whose hash is `hash`),
  // inserting the key if it is new; `*inserted` tells which.
  int64_t FindOrInsert(const Columns& columns, int64_t row, uint64_t hash, bool* inserted);

  // The entry id of the key at `row` of `columns`, or -1 when absent.
  int64_t Find(const Columns& columns, int64_t row, uint64_t hash) const;

  // The number of distinct keys.
  int64_t size() const { return static_cast<int64_t>(hashes_.size()); }

  // Key column `i` of the stored keys, one row per entry id.
  const ColumnVector& key_column(int i) const { return keys_[i]; }
  int num_key_columns() const { return static_cast<int>(keys_.size()); }

  // Bytes held, for memory accounting.
  int64_t MemoryBytes() const;

 private:
  bool Equals(const Columns& columns, int64_t row, int64_t entry) const;
  size_t SlotOf(uint64_t hash) const { return (hash * 0x9E3779B97F4A7C15ULL) >> shift_; }
  void Grow();

  std::vector<ColumnVector> keys_;
  std::vector<uint64_t> hashes_;  // Per entry.
  std::vector<int64_t> slots_;    // Entry id or -1; size a power of two.
  int shift_;                     // 64 - log2(slots_.size()).
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_KEY_TABLE_H_
