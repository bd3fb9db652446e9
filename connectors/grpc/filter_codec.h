// File: connectors/grpc/filter_codec.h
//
// Filter conditions on the wire (proto/source.proto's FilterExpr): the
// engine encodes the conditions it pushes into a gRPC source, and a source
// built on the engine's own evaluator (the sample device hub) decodes them
// back into bound expressions. Decoding checks every node a peer could get
// wrong (an unknown column, mismatched types, a kind the source did not
// declare), so a bad request is InvalidArgument with a reason.

#ifndef TESSERA_CONNECTORS_GRPC_FILTER_CODEC_H_
#define TESSERA_CONNECTORS_GRPC_FILTER_CODEC_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/table_scan.h"
#include "engine/expr/expr.h"
#include "engine/types/schema.h"
#include "proto/source.pb.h"

namespace tessera::grpc_source {

// `condition`'s columns index `table_columns`. Only the node kinds of
// FilterSupport are encodable; anything else is InvalidArgument (the planner
// never pushes it).
absl::StatusOr<v1::FilterExpr> EncodeFilter(const Expr& condition, const std::vector<std::string>& table_columns);

// A boolean expression over `table`'s columns, using only `allowed` kinds.
absl::StatusOr<std::unique_ptr<Expr>> DecodeFilter(const v1::FilterExpr& filter, const Schema& table,
                                                   const FilterSupport& allowed);

// What a source's declared filter kinds allow, and back.
FilterSupport SupportFromKinds(const v1::SourceCapabilities& capabilities);
void KindsFromSupport(const FilterSupport& support, v1::SourceCapabilities* out);

}  // namespace tessera::grpc_source

#endif  // TESSERA_CONNECTORS_GRPC_FILTER_CODEC_H_
