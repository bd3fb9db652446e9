// File: engine/wire/batch_codec.h
//
// Converts schemas and row batches to and from their wire form
// (proto/batch.proto). Decoding checks everything a peer could get wrong
// (unknown types, columns of the wrong length, text lengths that overrun the
// data), so that a garbled stream from a source or client is an error with a
// reason, never a crash.

#ifndef TESSERA_ENGINE_WIRE_BATCH_CODEC_H_
#define TESSERA_ENGINE_WIRE_BATCH_CODEC_H_

#include <memory>

#include "absl/status/statusor.h"
#include "engine/types/row_batch.h"
#include "engine/types/schema.h"
#include "proto/batch.pb.h"

namespace tessera {

v1::ColumnType EncodeType(const DataType& type);
absl::StatusOr<DataType> DecodeType(const v1::ColumnType& type);

void EncodeSchema(const Schema& schema, v1::Schema* out);
absl::StatusOr<std::shared_ptr<const Schema>> DecodeSchema(const v1::Schema& schema);

// Replaces `out`'s contents with `batch`.
void EncodeBatch(const RowBatch& batch, v1::RowBatch* out);

// Fills `out` (which must have the schema the batch was sent under) with the
// batch's rows, replacing what it held.
absl::Status DecodeBatch(const v1::RowBatch& batch, RowBatch& out);

}  // namespace tessera

#endif  // TESSERA_ENGINE_WIRE_BATCH_CODEC_H_
