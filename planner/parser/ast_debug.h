// File: planner/parser/ast_debug.h
//
// Prints a syntax tree back as fully parenthesized SQL, one canonical
// spelling per tree: tests assert whole trees by comparing these strings, and
// the planner can show expressions the same way. The output is meant for
// people; it is not SQL to send to a source (no identifier quoting).
//
// Conventions: every operator expression is wrapped in parentheses, so
// nesting is visible ("((a + b) * c)"); constructs of the AST print in upper
// case (CAST, COALESCE, EXISTS, CASE) and function calls as named, in lower
// case ("count(DISTINCT x)", "extract(year FROM t)"); each set-operation
// operand is parenthesized;
// joins print as "(left JOIN right ON cond)". Literals print as SQL literals
// ('text', 12, 1.50, TRUE, NULL), so a literal's type shows only through its
// spelling.

#ifndef TESSERA_PLANNER_PARSER_AST_DEBUG_H_
#define TESSERA_PLANNER_PARSER_AST_DEBUG_H_

#include <string>

#include "planner/parser/ast.h"

namespace tessera::ast {

std::string DebugString(const Expr& expr);
std::string DebugString(const WindowSpec& window);  // "(PARTITION BY a ORDER BY b)" or "w".
std::string DebugString(const TableRef& table);
std::string DebugString(const SelectStmt& select);
std::string DebugString(const Statement& statement);  // "EXPLAIN ANALYZE SELECT ...".

}  // namespace tessera::ast

#endif  // TESSERA_PLANNER_PARSER_AST_DEBUG_H_
