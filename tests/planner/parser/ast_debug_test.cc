// Tests for the canonical spelling of trees the parser does not build itself
// (the planner's folded literals) and of malformed ones.

#include "planner/parser/ast_debug.h"

#include <memory>
#include <utility>

#include "absl/time/civil_time.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"
#include "gtest/gtest.h"
#include "planner/parser/ast.h"

namespace tessera::ast {
namespace {

std::unique_ptr<Expr> Literal(Value value) {
  auto expr = std::make_unique<Expr>();
  expr->kind = ExprKind::kLiteral;
  expr->value = std::move(value);
  return expr;
}

TEST(AstDebug, SpellsLiteralsAsSql) {
  EXPECT_EQ(DebugString(*Literal(Value::Int64(-3))), "-3");
  EXPECT_EQ(DebugString(*Literal(Value::Decimal(1250, 2))), "12.50");
  EXPECT_EQ(DebugString(*Literal(Value::Double(0.25))), "0.25");
  EXPECT_EQ(DebugString(*Literal(Value::Text("O'Brien"))), "'O''Brien'");
  EXPECT_EQ(DebugString(*Literal(Value::Bool(true))), "TRUE");
  EXPECT_EQ(DebugString(*Literal(Value::Null(DataType::Int64()))), "NULL");
  EXPECT_EQ(DebugString(*Literal(Value::Date(absl::CivilDay(2024, 2, 29)))), "DATE '2024-02-29'");
  EXPECT_EQ(DebugString(*Literal(Value::Timestamp(absl::CivilSecond(2024, 2, 29, 13, 45, 0)))),
            "TIMESTAMP '2024-02-29 13:45:00'");
}

TEST(AstDebug, MarksMissingParts) {
  Expr binary;
  binary.kind = ExprKind::kBinary;
  binary.op = "+";
  binary.args.push_back(Literal(Value::Int64(1)));
  EXPECT_EQ(DebugString(binary), "(1 + <null>)");
  Statement statement;
  EXPECT_EQ(DebugString(statement), "<null>");
}

TEST(AstDebug, SpellsWindowSpecifications) {
  WindowSpec named;
  named.ref_name = "w";
  EXPECT_EQ(DebugString(named), "w");
  WindowSpec empty;
  EXPECT_EQ(DebugString(empty), "()");
  WindowSpec framed;
  framed.ref_name = "w";
  framed.has_frame = true;
  EXPECT_EQ(DebugString(framed), "(w <frame>)");
}

}  // namespace
}  // namespace tessera::ast
