// File: tests/planner/parser/parse_test_util.h
//
// Shorthands for parser tests: parse one statement and compare its canonical
// spelling (ast_debug.h) or its error.

#ifndef TESSERA_TESTS_PLANNER_PARSER_PARSE_TEST_UTIL_H_
#define TESSERA_TESTS_PLANNER_PARSER_PARSE_TEST_UTIL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "planner/parser/ast.h"

namespace tessera::testing {

// Parses `sql`, which must hold exactly one statement; records a test
// failure (and returns an empty statement) otherwise.
ast::Statement ParseOne(absl::string_view sql);

// The canonical spelling of the one statement in `sql`, or "ERROR: " and the
// message when it does not parse.
std::string Canonical(absl::string_view sql);

// The canonical spelling of `expr` parsed as the only item of "SELECT expr".
std::string CanonicalExpr(absl::string_view expr);

// The expression of "SELECT expr", owned by `statement`.
const ast::Expr& ParseExpr(absl::string_view expr, ast::Statement* statement);

// The error ParseSql gives for `sql` (OK if it parses).
absl::Status ParseError(absl::string_view sql);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_PLANNER_PARSER_PARSE_TEST_UTIL_H_
