// File: planner/parser/parser.h
//
// SQL text to syntax tree, through PostgreSQL's own grammar (libpg_query).
// Accepts SELECT (with everything ast.h can hold) and EXPLAIN [ANALYZE] of a
// SELECT; anything else is refused with a message that says what it was.

#ifndef TESSERA_PLANNER_PARSER_PARSER_H_
#define TESSERA_PLANNER_PARSER_PARSER_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "planner/parser/ast.h"

namespace tessera {

// Parses every statement of `sql` (separated by ';'). A syntax error is
// InvalidArgument whose message ends in " at position N" (N counts
// characters from 1, as PostgreSQL's error position does), e.g.
// `syntax error at or near "FORM" at position 10`, and which carries the
// byte offset for ErrorPosition.
absl::StatusOr<std::vector<ast::Statement>> ParseSql(absl::string_view sql);

// Returns `status` with " at position N" appended to its message and the
// 0-based byte `offset` into `sql` attached as a payload. Used by the parser
// and the binder for every error that has a place in the query text.
absl::Status WithPosition(absl::Status status, absl::string_view sql, int offset);

// The 0-based byte offset an error points at, if it carries one.
std::optional<int> ErrorPosition(const absl::Status& status);

}  // namespace tessera

#endif  // TESSERA_PLANNER_PARSER_PARSER_H_
