// File: engine/exec/join_hash_table.h
//
// The build side of a hash join (and of a mark join): every build row, and
// for each key the chain of rows holding it, so that a probe row finds all
// its matches by walking one chain. Rows whose key has a NULL are kept (an
// outer join still outputs them, NOT IN must see them) but never match; their
// indexes are listed apart.

#ifndef TESSERA_ENGINE_EXEC_JOIN_HASH_TABLE_H_
#define TESSERA_ENGINE_EXEC_JOIN_HASH_TABLE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/exec/key_table.h"
#include "engine/types/row_batch.h"

namespace tessera {

class JoinHashTable {
 public:
  // Rows of `schema`, looked up by the columns `keys` (none: rows are only
  // kept, never indexed).
  JoinHashTable(std::shared_ptr<const Schema> schema, std::vector<int> keys);

  // Appends `batch`'s rows.
  void Add(const RowBatch& batch);

  // For each row of `probe` looked up by its columns `probe_keys` (of the
  // key types): the first build row with an equal key, or -1; and whether
  // its key has a NULL (then it is -1).
  void Lookup(const RowBatch& probe, const std::vector<int>& probe_keys, std::vector<int64_t>* first,
              std::vector<uint8_t>* null_key);
  // For a table of one key: whether each row of `probe`'s column
  // `probe_key` has a build row with an equal key. Unlike Lookup it keeps no
  // scratch state, so other threads may call it once the table is built.
  void Contains(const RowBatch& probe, int probe_key, std::vector<uint8_t>* found) const;
  // The build row after `row` with the same key, or -1.
  int64_t Next(int64_t row) const { return chain_next_[row]; }

  const RowBatch& rows() const { return rows_; }
  int64_t num_rows() const { return rows_.num_rows(); }
  // Build rows whose key has a NULL, in order.
  const std::vector<int64_t>& null_key_rows() const { return null_key_rows_; }

  // Bytes held, for the query's memory accounting.
  int64_t MemoryBytes() const;
  // Frees everything, leaving an empty table.
  void Clear();

 private:
  std::shared_ptr<const Schema> schema_;
  std::vector<int> keys_;
  RowBatch rows_;
  KeyTable table_;
  std::vector<int64_t> chain_head_;  // Per key entry: its first and last row.
  std::vector<int64_t> chain_tail_;
  std::vector<int64_t> chain_next_;  // Per row: the next with its key.
  std::vector<int64_t> null_key_rows_;
  std::vector<uint64_t> hashes_;
};

// Whether row `row` of `columns` has a NULL in any of them.
bool AnyNull(const KeyTable::Columns& columns, int64_t row);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_JOIN_HASH_TABLE_H_
