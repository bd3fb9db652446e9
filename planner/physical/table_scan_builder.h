// File: planner/physical/table_scan_builder.h
//
// The structured sub-query of a source without SQL (a gRPC service), built
// from a remote plan as SQL is for the others. Such a plan is a table scan
// with, above it, filters, column-only projections, one sort on columns and
// a limit without offset; a filter never sits above the limit. The
// optimizer folds into these sources only what keeps that shape.

#ifndef TESSERA_PLANNER_PHYSICAL_TABLE_SCAN_BUILDER_H_
#define TESSERA_PLANNER_PHYSICAL_TABLE_SCAN_BUILDER_H_

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "planner/logical/logical_plan.h"

namespace tessera {

// `plan` is a kRemote node's remote_plan. A plan of another shape is
// Unimplemented, naming what does not fit.
absl::StatusOr<TableScan> BuildTableScan(const LogicalNode& plan);

// Whether `node`, whose first input is a kRemote node, still has the shape
// above once folded into that remote node.
bool FoldsIntoTableScan(const LogicalNode& node);

// The sub-query for `plan` (a remote plan) in the form `source` takes:
// generated SQL, or a structured scan.
absl::StatusOr<ScanRequest> MakeScanRequest(const LogicalNode& plan, const Connector& source);

// Whether a bind join may restrict `remote` (a kRemote node) with an
// IN-list of keys of `key_type` on its column of `column_type`. SQL sources
// always can; a structured source when it evaluates IN-lists, the types
// match and the plan has no limit (which must apply after the keys).
bool CanRestrictWithKeys(const LogicalNode& remote, const DataType& column_type, const DataType& key_type);

}  // namespace tessera

#endif  // TESSERA_PLANNER_PHYSICAL_TABLE_SCAN_BUILDER_H_
