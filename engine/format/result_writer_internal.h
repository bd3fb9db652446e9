// File: engine/format/result_writer_internal.h
//
// The constructors of each output format, for result_writer.cc to choose from.

#ifndef TESSERA_ENGINE_FORMAT_RESULT_WRITER_INTERNAL_H_
#define TESSERA_ENGINE_FORMAT_RESULT_WRITER_INTERNAL_H_

#include "engine/format/result_writer.h"

namespace tessera {

std::unique_ptr<ResultWriter> MakeTableWriter(std::ostream& out);
std::unique_ptr<ResultWriter> MakeCsvWriter(std::ostream& out);
std::unique_ptr<ResultWriter> MakeJsonLinesWriter(std::ostream& out);

}  // namespace tessera

#endif  // TESSERA_ENGINE_FORMAT_RESULT_WRITER_INTERNAL_H_
