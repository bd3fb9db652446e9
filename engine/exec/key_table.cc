#include "engine/exec/key_table.h"

#include "engine/exec/batch_util.h"
#include "engine/expr/compare.h"
#include "engine/expr/hash.h"

namespace tessera {
namespace {

constexpr int kInitialSlotBits = 6;
constexpr uint64_t kHashSeed = 0;

}  // namespace

KeyTable::KeyTable(const std::vector<DataType>& key_types)
    : slots_(size_t{1} << kInitialSlotBits, -1), shift_(64 - kInitialSlotBits) {
  keys_.reserve(key_types.size());
  for (const DataType& t : key_types) keys_.emplace_back(t);
}

void KeyTable::HashRows(const Columns& columns, int64_t rows, std::vector<uint64_t>& hashes) {
  hashes.assign(rows, kHashSeed);
  for (const ColumnVector* col : columns) {
    if (col->size() == rows) {
      HashColumn(*col, &hashes);
    } else {
      for (int64_t r = 0; r < rows; ++r) hashes[r] = HashCell(*col, r, hashes[r]);
    }
  }
}

bool KeyTable::Equals(const Columns& columns, int64_t row, int64_t entry) const {
  for (size_t c = 0; c < keys_.size(); ++c) {
    if (!CellsEqual(*columns[c], row, keys_[c], entry)) return false;
  }
  return true;
}

int64_t KeyTable::Find(const Columns& columns, int64_t row, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t s = SlotOf(hash);; s = (s + 1) & mask) {
    int64_t e = slots_[s];
    if (e < 0) return -1;
    if (hashes_[e] == hash && Equals(columns, row, e)) return e;
  }
}

int64_t KeyTable::FindOrInsert(const Columns& columns, int64_t row, uint64_t hash, bool* inserted) {
  const size_t mask = slots_.size() - 1;
  size_t s = SlotOf(hash);
  for (;; s = (s + 1) & mask) {
    int64_t e = slots_[s];
    if (e < 0) break;
    if (hashes_[e] == hash && Equals(columns, row, e)) {
      *inserted = false;
      return e;
    }
  }
  int64_t entry = size();
  for (size_t c = 0; c < keys_.size(); ++c) CopyCell(*columns[c], row, keys_[c]);
  hashes_.push_back(hash);
  slots_[s] = entry;
  *inserted = true;
  if (static_cast<size_t>(size()) * 2 > slots_.size()) Grow();
  return entry;
}

void KeyTable::Grow() {
  std::vector<int64_t> slots(slots_.size() * 2, -1);
  slots_.swap(slots);
  --shift_;
  const size_t mask = slots_.size() - 1;
  for (int64_t e = 0; e < size(); ++e) {
    size_t s = SlotOf(hashes_[e]);
    while (slots_[s] >= 0) s = (s + 1) & mask;
    slots_[s] = e;
  }
}

int64_t KeyTable::MemoryBytes() const {
  int64_t total =
      static_cast<int64_t>(hashes_.capacity() * sizeof(uint64_t) + slots_.capacity() * sizeof(int64_t));
  for (const ColumnVector& c : keys_) total += c.MemoryBytes();
  return total;
}

}  // namespace tessera
