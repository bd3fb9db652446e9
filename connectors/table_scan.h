// File: connectors/table_scan.h
//
// The structured form of a sub-query, for sources that take no SQL (services
// behind the gRPC source contract): one table, the columns to return, the
// filter conditions the source declared it evaluates, an order and a limit.
// The planner builds it from the same remote plan it generates SQL from.

#ifndef TESSERA_CONNECTORS_TABLE_SCAN_H_
#define TESSERA_CONNECTORS_TABLE_SCAN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/expr/expr.h"

namespace tessera {

struct TableScanOrder {
  std::string column;
  bool descending = false;
  bool nulls_first = false;
};

struct TableScan {
  std::string table;
  // Every column of the table, in the table's order: the filter's column
  // references are indexes into this list.
  std::vector<std::string> table_columns;
  // The columns returned, in order.
  std::vector<std::string> columns;
  // Rows where this is true are returned; null means every row. Shared so
  // that requests copy cheaply.
  std::shared_ptr<const Expr> filter;
  std::vector<TableScanOrder> order_by;
  std::optional<int64_t> limit;
};

// The request as one readable line for EXPLAIN and messages:
// "readings [reading_id, value] WHERE (type = 'weight') ORDER BY measured_at DESC LIMIT 5".
std::string TableScanToString(const TableScan& scan);

// Which filter conditions a source without SQL evaluates itself, with the
// engine's meaning. Arguments are column references and typed literals.
struct FilterSupport {
  bool comparison = false;  // = <> < <= > >= between values of one type.
  bool and_ = false;
  bool or_ = false;
  bool not_ = false;
  bool is_null = false;  // IS NULL, IS NOT NULL.
  bool in_list = false;  // column IN (literals).
  bool like = false;     // LIKE and ILIKE with a literal pattern.
};

}  // namespace tessera

#endif  // TESSERA_CONNECTORS_TABLE_SCAN_H_
