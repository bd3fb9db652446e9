// File: engine/format/result_writer.h
//
// Renders a stream of row batches for people and scripts: an aligned table,
// CSV (RFC 4180) or JSON lines. CSV and JSON lines stream batch by batch; the
// table waits for every row so that it can size its columns, as psql does.

#ifndef TESSERA_ENGINE_FORMAT_RESULT_WRITER_H_
#define TESSERA_ENGINE_FORMAT_RESULT_WRITER_H_

#include <memory>
#include <ostream>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/types/row_batch.h"
#include "engine/types/schema.h"

namespace tessera {

enum class OutputFormat { kTable, kCsv, kJsonLines };

// Reads "table", "csv" or "jsonl".
absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name);

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void Begin(const Schema& schema) = 0;
  virtual void Write(const RowBatch& batch) = 0;
  // Finishes the output; `rows` is the total written.
  virtual void End(int64_t rows) = 0;
};

std::unique_ptr<ResultWriter> MakeResultWriter(OutputFormat format, std::ostream& out);

}  // namespace tessera

#endif  // TESSERA_ENGINE_FORMAT_RESULT_WRITER_H_
