#include "tests/planner/parser/parse_test_util.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "planner/parser/ast_debug.h"
#include "planner/parser/parser.h"

namespace tessera::testing {

ast::Statement ParseOne(absl::string_view sql) {
  absl::StatusOr<std::vector<ast::Statement>> statements = ParseSql(sql);
  if (!statements.ok()) {
    ADD_FAILURE() << "parsing " << sql << ": " << statements.status();
    return {};
  }
  if (statements->size() != 1) {
    ADD_FAILURE() << "parsing " << sql << ": " << statements->size() << " statements";
    return {};
  }
  return std::move(statements->front());
}

std::string Canonical(absl::string_view sql) {
  absl::StatusOr<std::vector<ast::Statement>> statements = ParseSql(sql);
  if (!statements.ok()) return absl::StrCat("ERROR: ", statements.status().message());
  if (statements->size() != 1) return absl::StrCat("ERROR: ", statements->size(), " statements");
  return ast::DebugString(statements->front());
}

std::string CanonicalExpr(absl::string_view expr) {
  ast::Statement statement;
  return ast::DebugString(ParseExpr(expr, &statement));
}

const ast::Expr& ParseExpr(absl::string_view expr, ast::Statement* statement) {
  static const ast::Expr* const kMissing = new ast::Expr{ast::ExprKind::kLiteral};
  *statement = ParseOne(absl::StrCat("SELECT ", expr));
  if (statement->select == nullptr || statement->select->select_list.size() != 1) {
    ADD_FAILURE() << "SELECT " << expr << " is not one select item";
    return *kMissing;
  }
  return *statement->select->select_list[0].expr;
}

absl::Status ParseError(absl::string_view sql) { return ParseSql(sql).status(); }

}  // namespace tessera::testing
