// File: planner/optimizer/structured_pushability.h
//
// Which filter conditions a source without SQL (a gRPC service) evaluates:
// exactly the node kinds it declared (FilterSupport), over column
// references and literals of matching types. Such a source evaluates them
// with the engine's meaning by contract, so a condition is pushed whole or
// kept local, never approximated.

#ifndef TESSERA_PLANNER_OPTIMIZER_STRUCTURED_PUSHABILITY_H_
#define TESSERA_PLANNER_OPTIMIZER_STRUCTURED_PUSHABILITY_H_

#include "connectors/table_scan.h"
#include "engine/expr/expr.h"

namespace tessera {

bool CanSourceEvaluate(const Expr& condition, const FilterSupport& support);

}  // namespace tessera

#endif  // TESSERA_PLANNER_OPTIMIZER_STRUCTURED_PUSHABILITY_H_
