// File: engine/exec/join_hash_table.cc

#include "engine/exec/join_hash_table.h"

#include "engine/exec/batch_util.h"

namespace tessera {
namespace {

std::vector<DataType> KeyTypes(const Schema& schema, const std::vector<int>& keys) {
  std::vector<DataType> types;
  for (int k : keys) {
    if (k >= 0 && k < schema.num_fields()) types.push_back(schema.field(k).type);
  }
  return types;
}

}  // namespace

bool AnyNull(const KeyTable::Columns& columns, int64_t row) {
  for (const ColumnVector* c : columns) {
    if (c->IsNull(row)) return true;
  }
  return false;
}

JoinHashTable::JoinHashTable(std::shared_ptr<const Schema> schema, std::vector<int> keys)
    : schema_(std::move(schema)), keys_(std::move(keys)), rows_(schema_), table_(KeyTypes(*schema_, keys_)) {}

void JoinHashTable::Add(const RowBatch& batch) {
  const int64_t base = rows_.num_rows();
  const int64_t n = batch.num_rows();
  CopyBatchRange(batch, 0, n, rows_);
  if (keys_.empty()) return;
  KeyTable::Columns keys = SelectColumns(batch, keys_);
  KeyTable::HashRows(keys, n, hashes_);
  chain_next_.resize(base + n, -1);
  for (int64_t r = 0; r < n; ++r) {
    const int64_t row = base + r;
    if (AnyNull(keys, r)) {
      null_key_rows_.push_back(row);
      continue;
    }
    bool inserted;
    int64_t e = table_.FindOrInsert(keys, r, hashes_[r], &inserted);
    if (inserted) {
      chain_head_.push_back(row);
      chain_tail_.push_back(row);
    } else {
      chain_next_[chain_tail_[e]] = row;
      chain_tail_[e] = row;
    }
  }
}

void JoinHashTable::Lookup(const RowBatch& probe, const std::vector<int>& probe_keys, std::vector<int64_t>* first,
                           std::vector<uint8_t>* null_key) {
  const int64_t n = probe.num_rows();
  first->assign(n, -1);
  null_key->assign(n, 0);
  if (probe_keys.empty()) return;
  KeyTable::Columns keys = SelectColumns(probe, probe_keys);
  KeyTable::HashRows(keys, n, hashes_);
  for (int64_t r = 0; r < n; ++r) {
    if (AnyNull(keys, r)) {
      (*null_key)[r] = 1;
      continue;
    }
    int64_t e = table_.Find(keys, r, hashes_[r]);
    if (e >= 0) (*first)[r] = chain_head_[e];
  }
}

void JoinHashTable::Contains(const RowBatch& probe, int probe_key, std::vector<uint8_t>* found) const {
  const int64_t n = probe.num_rows();
  found->assign(n, 0);
  KeyTable::Columns keys = {&probe.column(probe_key)};
  std::vector<uint64_t> hashes;
  KeyTable::HashRows(keys, n, hashes);
  for (int64_t r = 0; r < n; ++r) {
    if (!AnyNull(keys, r) && table_.Find(keys, r, hashes[r]) >= 0) (*found)[r] = 1;
  }
}

int64_t JoinHashTable::MemoryBytes() const {
  return rows_.MemoryBytes() + table_.MemoryBytes() +
         static_cast<int64_t>((chain_head_.capacity() + chain_tail_.capacity() + chain_next_.capacity() +
                               null_key_rows_.capacity()) *
                              sizeof(int64_t));
}

void JoinHashTable::Clear() {
  rows_ = RowBatch(schema_);
  table_ = KeyTable(KeyTypes(*schema_, keys_));
  chain_head_ = {};
  chain_tail_ = {};
  chain_next_ = {};
  null_key_rows_ = {};
}

}  // namespace tessera
