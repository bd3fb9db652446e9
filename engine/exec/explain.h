// File: engine/exec/explain.h
//
// Prints an operator tree for EXPLAIN: one operator a line, indented by
// depth, with each remote scan's exact SQL under it; after execution
// (EXPLAIN ANALYZE) with the rows and time of each operator and the rows
// each source returned.

#ifndef TESSERA_ENGINE_EXEC_EXPLAIN_H_
#define TESSERA_ENGINE_EXEC_EXPLAIN_H_

#include <string>
#include <vector>

#include "engine/exec/operator.h"

namespace tessera {

std::vector<std::string> ExplainLines(const Operator& root, bool with_stats);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_EXPLAIN_H_
