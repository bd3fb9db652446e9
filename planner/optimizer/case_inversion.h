// File: planner/optimizer/case_inversion.h
//
// Turns a condition on a translated value back into the source's own terms.
// A code map is a CASE (`CASE WHEN test_code = 'HBA1C' THEN '4548-4' WHEN
// test_code = 'A1C' THEN '4548-4' ... END`); a filter comparing it with
// constants becomes a filter on the local column (`test_code IN ('HBA1C',
// 'A1C')`), which the source can run and index. When no local code maps to
// the constant the filter is FALSE, and constant folding drops the source.
// Likewise a source's integer id that a view shows as text
// (`CAST(patient_id AS text) = '17'`) is compared as the integer.

#ifndef TESSERA_PLANNER_OPTIMIZER_CASE_INVERSION_H_
#define TESSERA_PLANNER_OPTIMIZER_CASE_INVERSION_H_

#include <memory>

#include "engine/expr/expr.h"

namespace tessera {

// `conjunct` (one AND-ed part of a WHERE, where NULL and FALSE both drop the
// row) rewritten over the CASE's input where it compares such a CASE with
// constants (= or IN); otherwise `conjunct` unchanged.
std::unique_ptr<Expr> InvertCaseComparison(std::unique_ptr<Expr> conjunct);

}  // namespace tessera

#endif  // TESSERA_PLANNER_OPTIMIZER_CASE_INVERSION_H_
