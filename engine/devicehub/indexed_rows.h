// File: engine/devicehub/indexed_rows.h
//
// A scan of a hub table whose filter names registrations (registration_id =
// 'x', or IN a list, as one of its conjuncts) reads those registrations'
// rows through the table's index instead of every row. The whole filter
// still runs over them.

#ifndef TESSERA_ENGINE_DEVICEHUB_INDEXED_ROWS_H_
#define TESSERA_ENGINE_DEVICEHUB_INDEXED_ROWS_H_

#include <optional>
#include <vector>

#include "engine/devicehub/device_tables.h"
#include "engine/expr/expr.h"
#include "engine/types/row_batch.h"

namespace tessera::devicehub {

// The rows `filter` can match, in table order, when the index narrows them;
// nullopt when the filter names no registrations.
std::optional<std::vector<RowBatch>> IndexedRows(const HubTable& table, const Expr& filter);

}  // namespace tessera::devicehub

#endif  // TESSERA_ENGINE_DEVICEHUB_INDEXED_ROWS_H_
