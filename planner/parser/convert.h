// File: planner/parser/convert.h
//
// Internal to planner/parser: the conversion of libpg_query's parse tree into
// ast.h. It is split over two files, parser.cc (statements, SELECT, FROM,
// WITH) and convert_expr.cc (expressions, window specifications, ORDER BY
// items), which are the only files that include the 131k-line generated
// pg_query.pb.h; text-only normalizations are in spelling.h. This header
// names the generated messages by forward declaration only, so that
// including it costs nothing.

#ifndef TESSERA_PLANNER_PARSER_CONVERT_H_
#define TESSERA_PLANNER_PARSER_CONVERT_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "planner/parser/ast.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace pg_query {
class Node;
class SelectStmt;
class SortBy;
class WindowDef;
}  // namespace pg_query

namespace tessera::parser_internal {

// Converts the parse tree of one query text. Every error it returns is
// InvalidArgument naming what was refused, with the position in that text.
class Converter {
 public:
  explicit Converter(absl::string_view sql) : sql_(sql) {}

  // A SELECT, VALUES or set operation (parser.cc). `location` is where it
  // starts in the text when the caller knows (a whole statement); -1 lets
  // the conversion use the position of its first element, since libpg_query
  // records none for SelectStmt itself.
  absl::StatusOr<std::unique_ptr<ast::SelectStmt>> ConvertSelect(const pg_query::SelectStmt& stmt,
                                                                 int location);

  // A subquery given as a Node (FROM, WITH, sublinks); anything but a
  // SelectStmt there (INSERT ... RETURNING in WITH) is refused.
  absl::StatusOr<std::unique_ptr<ast::SelectStmt>> ConvertSubquery(const pg_query::Node& node);

  // A value expression (convert_expr.cc).
  absl::StatusOr<std::unique_ptr<ast::Expr>> ConvertExpr(const pg_query::Node& node);

  // A window specification. In an OVER clause a bare name (`OVER w`) arrives
  // as the definition's own name and becomes ref_name; in the WINDOW clause
  // that name is the window being defined, which the caller keeps.
  absl::StatusOr<std::unique_ptr<ast::WindowSpec>> ConvertWindow(const pg_query::WindowDef& def,
                                                                 bool in_over_clause);

  // One ORDER BY item (of a query or a window).
  absl::StatusOr<ast::OrderItem> ConvertSortBy(const pg_query::SortBy& sort_by);

  // InvalidArgument "<construct> is not supported at position N".
  absl::Status Unsupported(absl::string_view construct, int location) const;

  // The same for a node of a kind the AST has no place for, named in words
  // where the kind is common ("COLLATE", "ARRAY constructor") and by its
  // parse-tree type otherwise.
  absl::Status UnsupportedNode(const pg_query::Node& node) const;

  // Where `message` points in the text: its own `location` if it has one,
  // else the first found in its fields, depth first in declaration order
  // (which mostly follows the text); -1 when there is none. For the
  // parse-tree messages that carry no location (JoinExpr, RangeSubselect,
  // SelectStmt, whose location becomes that of its first select item).
  static int FirstLocation(const google::protobuf::Message& message);

 private:
  absl::string_view sql_;
};

}  // namespace tessera::parser_internal

#endif  // TESSERA_PLANNER_PARSER_CONVERT_H_
