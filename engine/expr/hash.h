// File: engine/expr/hash.h
//
// Hashes of cells and rows for hash joins, hash aggregation and DISTINCT.
// Equal values of one type hash equal (including -0.0 and 0.0, and every NaN),
// and every NULL hashes the same, so that CellsEqual (compare.h) and these
// hashes agree. Hashes are for in-memory tables only: they may change between
// builds and must not be stored.

#ifndef TESSERA_ENGINE_EXPR_HASH_H_
#define TESSERA_ENGINE_EXPR_HASH_H_

#include <cstdint>
#include <vector>

#include "engine/types/column_vector.h"

namespace tessera {

// The hash of `column`'s cell at `row`, mixed with `seed` (pass the hash of
// the previous key column to hash a composite key, or 0 for the first).
// Decimals hash their unscaled value: compare keys of one scale.
uint64_t HashCell(const ColumnVector& column, int64_t row, uint64_t seed);

// hashes[i] = HashCell(column, i, hashes[i]) for every row: the batch form,
// one call per key column. REQUIRES: hashes->size() == column.size().
void HashColumn(const ColumnVector& column, std::vector<uint64_t>* hashes);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXPR_HASH_H_
