// File: tests/engine/format/sample_batch.h
//
// A small batch with one column of every type, shared by the writer tests so
// that each format is checked against the same rows.

#ifndef TESSERA_TESTS_ENGINE_FORMAT_SAMPLE_BATCH_H_
#define TESSERA_TESTS_ENGINE_FORMAT_SAMPLE_BATCH_H_

#include <memory>

#include "engine/types/row_batch.h"

namespace tessera::testing {

// Columns: id bigint, name text, price decimal(18,2), ratio double precision,
// ok boolean, day date, at timestamp. Rows:
//   1    | apple                | 1.99  | 0.5  | true  | 2024-02-29 | 2024-02-29 13:45:00
//   NULL | a,b "q" <LF> line    | -0.05 | NULL | false | NULL       | 2024-02-29 13:45:00.000500
//   -20  | (empty)              | NULL  | 0.1  | NULL  | 1969-12-31 | NULL
std::unique_ptr<RowBatch> SampleBatch();

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_ENGINE_FORMAT_SAMPLE_BATCH_H_
