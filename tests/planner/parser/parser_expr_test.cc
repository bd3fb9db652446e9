// Tests for ParseSql: value expressions, each parsed as "SELECT <expr>".

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "planner/parser/ast.h"
#include "planner/parser/ast_debug.h"
#include "planner/parser/parser.h"
#include "tests/planner/parser/parse_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::CanonicalExpr;
using ::tessera::testing::ParseError;
using ::tessera::testing::ParseExpr;

// The literal "SELECT <sql>" yields, with its kept source text.
struct Literal {
  Value value;
  std::string text;
};

Literal ParseLiteral(absl::string_view sql) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr(sql, &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kLiteral) << sql;
  if (expr.kind != ast::ExprKind::kLiteral || !expr.value.has_value()) {
    return {Value::Null(DataType::Text()), ""};
  }
  return {*expr.value, expr.text};
}

// --- Names, parameters, literals ---------------------------------------------

TEST(Parser, ParsesColumnReferences) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("ehr.vital_sign.weight", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kColumnRef);
  EXPECT_EQ(expr.names, (std::vector<std::string>{"ehr", "vital_sign", "weight"}));
  EXPECT_EQ(expr.location, 7);
  EXPECT_EQ(CanonicalExpr("v.weight"), "v.weight");
}

TEST(Parser, ParsesParameters) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("$2", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kParam);
  EXPECT_EQ(expr.param_number, 2);
  EXPECT_EQ(CanonicalExpr("$1 + $12"), "($1 + $12)");
}

TEST(Parser, ParsesIntegerLiterals) {
  Literal small = ParseLiteral("42");
  EXPECT_EQ(small.value, Value::Int64(42));
  EXPECT_EQ(small.text, "42");
  // Past 32 bits libpg_query keeps the text; it still is an int64.
  Literal large = ParseLiteral("12345678901");
  EXPECT_EQ(large.value, Value::Int64(12345678901));
  EXPECT_EQ(large.text, "12345678901");
  EXPECT_EQ(ParseLiteral("-2147483648").value, Value::Int64(-2147483648LL));
  EXPECT_EQ(ParseLiteral("9223372036854775807").value, Value::Int64(9223372036854775807LL));
  // Past 64 bits it becomes a double.
  EXPECT_EQ(ParseLiteral("9223372036854775808").value, Value::Double(9223372036854775808.0));
}

TEST(Parser, FoldsNegationIntoConstants) {
  Literal negative = ParseLiteral("-5");
  EXPECT_EQ(negative.value, Value::Int64(-5));
  EXPECT_EQ(negative.text, "-5");
  EXPECT_EQ(ParseLiteral("- 2.5").value, Value::Decimal(-25, 1));
}

TEST(Parser, ParsesDecimalLiteralsWithTheirScale) {
  Literal decimal = ParseLiteral("1.5");
  EXPECT_EQ(decimal.value, Value::Decimal(15, 1));
  EXPECT_EQ(decimal.text, "1.5");
  EXPECT_EQ(ParseLiteral("18.016").value, Value::Decimal(18016, 3));
  EXPECT_EQ(ParseLiteral("0.000").value, Value::Decimal(0, 3));
  EXPECT_EQ(ParseLiteral(".5").value, Value::Decimal(5, 1));
  EXPECT_EQ(ParseLiteral("7.").value, Value::Decimal(7, 0));
  EXPECT_EQ(ParseLiteral("123456789.123456789").value, Value::Decimal(123456789123456789LL, 9));
}

TEST(Parser, ParsesOtherNumbersAsDoubles) {
  Literal exponent = ParseLiteral("1.5e3");
  EXPECT_EQ(exponent.value, Value::Double(1500));
  EXPECT_EQ(exponent.text, "1.5e3");
  // More than 18 digits, or a scale past the engine's decimals.
  EXPECT_EQ(ParseLiteral("1234567890.123456789").value, Value::Double(1234567890.123456789));
  EXPECT_EQ(ParseLiteral("0.0000000001").value, Value::Double(1e-10));
}

TEST(Parser, ParsesStringBooleanAndNullLiterals) {
  EXPECT_EQ(ParseLiteral("'it''s'").value, Value::Text("it's"));
  EXPECT_EQ(ParseLiteral("E'a\\nb'").value, Value::Text("a\nb"));
  EXPECT_EQ(ParseLiteral("TRUE").value, Value::Bool(true));
  EXPECT_EQ(ParseLiteral("false").value, Value::Bool(false));
  EXPECT_EQ(ParseLiteral("NULL").value, Value::Null(DataType::Text()));
  EXPECT_EQ(ParseLiteral("'x'").text, "");
  EXPECT_EQ(CanonicalExpr("'it''s'"), "'it''s'");
}

// --- Operators ---------------------------------------------------------------

TEST(Parser, ParsesUnaryOperators) {
  ast::Statement statement;
  const ast::Expr& minus = ParseExpr("-x", &statement);
  EXPECT_EQ(minus.kind, ast::ExprKind::kUnary);
  EXPECT_EQ(minus.op, "-");
  EXPECT_EQ(CanonicalExpr("+x"), "(+x)");
  EXPECT_EQ(CanonicalExpr("NOT done"), "(NOT done)");
  EXPECT_EQ(CanonicalExpr("- (a + 1)"), "(-(a + 1))");
}

TEST(Parser, ParsesArithmeticWithPrecedence) {
  EXPECT_EQ(CanonicalExpr("a + b * c - d / 2 % 3"), "((a + (b * c)) - ((d / 2) % 3))");
  EXPECT_EQ(CanonicalExpr("(a + b) * c"), "((a + b) * c)");
}

TEST(Parser, ParsesComparisonsAndConcatenation) {
  EXPECT_EQ(CanonicalExpr("a = 1"), "(a = 1)");
  EXPECT_EQ(CanonicalExpr("a <> 1"), "(a <> 1)");
  EXPECT_EQ(CanonicalExpr("a != 1"), "(a <> 1)");
  EXPECT_EQ(CanonicalExpr("a < 1"), "(a < 1)");
  EXPECT_EQ(CanonicalExpr("a <= 1"), "(a <= 1)");
  EXPECT_EQ(CanonicalExpr("a > 1"), "(a > 1)");
  EXPECT_EQ(CanonicalExpr("a >= 1"), "(a >= 1)");
  EXPECT_EQ(CanonicalExpr("family || ', ' || given"), "((family || ', ') || given)");
}

TEST(Parser, KeepsAndOrBinaryAndLeftNested) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("a AND b AND c", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kBinary);
  EXPECT_EQ(expr.op, "AND");
  ASSERT_EQ(expr.args.size(), 2);
  EXPECT_EQ(CanonicalExpr("a AND b AND c"), "((a AND b) AND c)");
  EXPECT_EQ(CanonicalExpr("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(CanonicalExpr("(a OR b) AND NOT c"), "((a OR b) AND (NOT c))");
}

TEST(Parser, ParsesNullTests) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("x IS NOT NULL", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kIsNull);
  EXPECT_TRUE(expr.negated);
  EXPECT_EQ(CanonicalExpr("x IS NULL"), "(x IS NULL)");
  EXPECT_EQ(CanonicalExpr("x ISNULL"), "(x IS NULL)");
  EXPECT_EQ(CanonicalExpr("x NOTNULL"), "(x IS NOT NULL)");
}

TEST(Parser, ParsesBooleanTests) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("x IS NOT FALSE", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kIsBool);
  EXPECT_EQ(expr.op, "FALSE");
  EXPECT_TRUE(expr.negated);
  EXPECT_EQ(CanonicalExpr("x IS TRUE"), "(x IS TRUE)");
  EXPECT_EQ(CanonicalExpr("x IS NOT TRUE"), "(x IS NOT TRUE)");
  EXPECT_EQ(CanonicalExpr("x IS FALSE"), "(x IS FALSE)");
  EXPECT_EQ(CanonicalExpr("x IS UNKNOWN"), "(x IS UNKNOWN)");
  EXPECT_EQ(CanonicalExpr("x IS NOT UNKNOWN"), "(x IS NOT UNKNOWN)");
}

TEST(Parser, ParsesBetween) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("v NOT BETWEEN 1 AND 10", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kBetween);
  EXPECT_TRUE(expr.negated);
  ASSERT_EQ(expr.args.size(), 3);
  EXPECT_EQ(CanonicalExpr("v BETWEEN 1 AND 10"), "(v BETWEEN 1 AND 10)");
  EXPECT_EQ(CanonicalExpr("v NOT BETWEEN a + 1 AND 10"), "(v NOT BETWEEN (a + 1) AND 10)");
}

TEST(Parser, ParsesInLists) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("code IN ('GLU', 'HBA1C')", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kInList);
  EXPECT_FALSE(expr.negated);
  ASSERT_EQ(expr.args.size(), 3);
  EXPECT_EQ(CanonicalExpr("code IN ('GLU', 'HBA1C')"), "(code IN ('GLU', 'HBA1C'))");
  EXPECT_EQ(CanonicalExpr("code NOT IN (1)"), "(code NOT IN (1))");
}

TEST(Parser, ParsesLikeAndIlike) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("name NOT ILIKE 'smi%'", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kLike);
  EXPECT_TRUE(expr.negated);
  EXPECT_TRUE(expr.case_insensitive);
  EXPECT_EQ(CanonicalExpr("name LIKE 'E11%'"), "(name LIKE 'E11%')");
  EXPECT_EQ(CanonicalExpr("name NOT LIKE 'E11%'"), "(name NOT LIKE 'E11%')");
  EXPECT_EQ(CanonicalExpr("name ILIKE 'E11%'"), "(name ILIKE 'E11%')");
}

TEST(Parser, ParsesLikeOperatorForms) {
  EXPECT_EQ(CanonicalExpr("name ~~ 'a%'"), "(name LIKE 'a%')");
  EXPECT_EQ(CanonicalExpr("name !~~ 'a%'"), "(name NOT LIKE 'a%')");
  EXPECT_EQ(CanonicalExpr("name ~~* 'a%'"), "(name ILIKE 'a%')");
  EXPECT_EQ(CanonicalExpr("name !~~* 'a%'"), "(name NOT ILIKE 'a%')");
}

TEST(Parser, ParsesLikeEscape) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("code LIKE '10!%%' ESCAPE '!'", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kLike);
  ASSERT_EQ(expr.args.size(), 3);
  EXPECT_EQ(expr.args[2]->value, Value::Text("!"));
  EXPECT_EQ(CanonicalExpr("code NOT ILIKE 'a#_%' ESCAPE '#'"),
            "(code NOT ILIKE 'a#_%' ESCAPE '#')");
}

// --- CASE, casts and the function-like forms -------------------------------------

TEST(Parser, ParsesSearchedCase) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr(
      "CASE WHEN v > 180 THEN 'crisis' WHEN v > 140 THEN 'high' ELSE 'ok' END", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kCase);
  EXPECT_EQ(expr.case_operand, nullptr);
  EXPECT_EQ(expr.case_when.size(), 2);
  EXPECT_EQ(expr.case_then.size(), 2);
  ASSERT_NE(expr.case_else, nullptr);
  EXPECT_EQ(ast::DebugString(expr),
            "CASE WHEN (v > 180) THEN 'crisis' WHEN (v > 140) THEN 'high' ELSE 'ok' END");
}

TEST(Parser, ParsesSimpleCase) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("CASE unit WHEN 'mmol/L' THEN v * 18 END", &statement);
  ASSERT_NE(expr.case_operand, nullptr);
  EXPECT_EQ(expr.case_else, nullptr);
  EXPECT_EQ(ast::DebugString(expr), "CASE unit WHEN 'mmol/L' THEN (v * 18) END");
}

TEST(Parser, ParsesCastsWithNormalizedTypeNames) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("CAST(x AS INTEGER)", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kCast);
  EXPECT_EQ(expr.type_name, "integer");
  EXPECT_EQ(expr.location, 7);

  struct Case {
    const char* written;
    const char* normalized;
  };
  for (const Case& c : std::vector<Case>{
           {"int", "integer"},
           {"int4", "integer"},
           {"integer", "integer"},
           {"bigint", "bigint"},
           {"int8", "bigint"},
           {"smallint", "smallint"},
           {"numeric", "numeric"},
           {"decimal", "numeric"},
           {"numeric(10,2)", "numeric(10,2)"},
           {"decimal(10, 2)", "numeric(10,2)"},
           {"real", "real"},
           {"float", "double precision"},
           {"float8", "double precision"},
           {"double precision", "double precision"},
           {"boolean", "boolean"},
           {"bool", "boolean"},
           {"text", "text"},
           {"varchar", "varchar"},
           {"character varying", "varchar"},
           {"varchar(20)", "varchar(20)"},
           {"char(3)", "char(3)"},
           {"date", "date"},
           {"timestamp", "timestamp"},
           {"timestamp without time zone", "timestamp"},
           {"timestamptz", "timestamp with time zone"},
           {"timestamp with time zone", "timestamp with time zone"},
           {"interval", "interval"},
       }) {
    ast::Statement cast_statement;
    const ast::Expr& cast = ParseExpr(absl::StrCat("x::", c.written), &cast_statement);
    EXPECT_EQ(cast.kind, ast::ExprKind::kCast) << c.written;
    EXPECT_EQ(cast.type_name, c.normalized) << c.written;
  }
}

TEST(Parser, ParsesDoubleColonCasts) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("value::numeric(5,1)", &statement);
  EXPECT_EQ(expr.location, 12);  // The "::".
  EXPECT_EQ(ast::DebugString(expr), "CAST(value AS numeric(5,1))");
  EXPECT_EQ(CanonicalExpr("$1::date"), "CAST($1 AS date)");
  EXPECT_EQ(CanonicalExpr("DATE '2024-02-29'"), "CAST('2024-02-29' AS date)");
  EXPECT_EQ(CanonicalExpr("TIMESTAMP '2024-02-29 13:45:00'"),
            "CAST('2024-02-29 13:45:00' AS timestamp)");
}

TEST(Parser, ParsesCoalesceNullIfGreatestLeast) {
  ast::Statement statement;
  EXPECT_EQ(ParseExpr("COALESCE(a, b, 0)", &statement).kind, ast::ExprKind::kCoalesce);
  EXPECT_EQ(ParseExpr("NULLIF(a, '')", &statement).kind, ast::ExprKind::kNullIf);
  EXPECT_EQ(ParseExpr("GREATEST(a, b)", &statement).kind, ast::ExprKind::kGreatest);
  EXPECT_EQ(ParseExpr("LEAST(a, b)", &statement).kind, ast::ExprKind::kLeast);
  EXPECT_EQ(CanonicalExpr("COALESCE(a, b, 0)"), "COALESCE(a, b, 0)");
  EXPECT_EQ(CanonicalExpr("NULLIF(a, '')"), "NULLIF(a, '')");
  EXPECT_EQ(CanonicalExpr("greatest(a, b, c)"), "GREATEST(a, b, c)");
  EXPECT_EQ(CanonicalExpr("least(a, 1)"), "LEAST(a, 1)");
}

// --- Function calls --------------------------------------------------------------

TEST(Parser, ParsesFunctionCalls) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("Upper(family_name)", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kFunction);
  EXPECT_EQ(expr.name, "upper");
  EXPECT_FALSE(expr.distinct);
  EXPECT_FALSE(expr.star);
  EXPECT_EQ(expr.window, nullptr);
  EXPECT_EQ(CanonicalExpr("round(v, 1)"), "round(v, 1)");
  EXPECT_EQ(CanonicalExpr("terminology.to_loinc(code)"), "terminology.to_loinc(code)");
  // pg_catalog is where the grammar puts SQL-syntax functions; it is dropped.
  EXPECT_EQ(CanonicalExpr("pg_catalog.lower(x)"), "lower(x)");
  EXPECT_EQ(CanonicalExpr("substring(x FROM 1 FOR 3)"), "substring(x, 1, 3)");
  EXPECT_EQ(CanonicalExpr("trim(x)"), "btrim(x)");
}

TEST(Parser, ParsesAggregates) {
  ast::Statement statement;
  const ast::Expr& star = ParseExpr("count(*)", &statement);
  EXPECT_TRUE(star.star);
  EXPECT_TRUE(star.args.empty());
  EXPECT_EQ(CanonicalExpr("count(*)"), "count(*)");
  ast::Statement distinct_statement;
  const ast::Expr& distinct = ParseExpr("count(DISTINCT patient_id)", &distinct_statement);
  EXPECT_TRUE(distinct.distinct);
  EXPECT_EQ(distinct.args.size(), 1);
  EXPECT_EQ(ast::DebugString(distinct), "count(DISTINCT patient_id)");
  EXPECT_EQ(CanonicalExpr("avg(value) + max(value)"), "(avg(value) + max(value))");
}

TEST(Parser, ParsesWithinGroup) {
  ast::Statement statement;
  const ast::Expr& expr =
      ParseExpr("percentile_cont(0.5) WITHIN GROUP (ORDER BY systolic DESC)", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kFunction);
  EXPECT_EQ(expr.name, "percentile_cont");
  EXPECT_TRUE(expr.within_group);
  ASSERT_EQ(expr.args.size(), 1);
  ASSERT_EQ(expr.within_group_order.size(), 1);
  EXPECT_TRUE(expr.within_group_order[0].descending);
  EXPECT_EQ(ast::DebugString(expr), "percentile_cont(0.5) WITHIN GROUP (ORDER BY systolic DESC)");
  EXPECT_EQ(CanonicalExpr("mode() WITHIN GROUP (ORDER BY units)"),
            "mode() WITHIN GROUP (ORDER BY units)");
  // A plain call has no WITHIN GROUP.
  ast::Statement plain_statement;
  EXPECT_FALSE(ParseExpr("percentile_cont(0.5)", &plain_statement).within_group);
}

TEST(Parser, ParsesWindowFunctions) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr(
      "lag(weight, 1) OVER (PARTITION BY patient_id, kind ORDER BY measured_at DESC NULLS LAST)",
      &statement);
  ASSERT_NE(expr.window, nullptr);
  EXPECT_EQ(expr.window->ref_name, "");
  EXPECT_EQ(expr.window->partition_by.size(), 2);
  ASSERT_EQ(expr.window->order_by.size(), 1);
  EXPECT_TRUE(expr.window->order_by[0].descending);
  EXPECT_EQ(expr.window->location, 27);  // The "(" after OVER.
  EXPECT_EQ(ast::DebugString(expr),
            "lag(weight, 1) OVER (PARTITION BY patient_id, kind ORDER BY measured_at DESC NULLS "
            "LAST)");
  EXPECT_EQ(CanonicalExpr("row_number() OVER ()"), "row_number() OVER ()");
}

TEST(Parser, NormalizesExtractAndDatePart) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("extract(YEAR FROM birth_date)", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kFunction);
  EXPECT_EQ(expr.name, "extract");
  ASSERT_EQ(expr.args.size(), 2);
  EXPECT_EQ(expr.args[0]->value, Value::Text("year"));
  EXPECT_EQ(ast::DebugString(expr), "extract(year FROM birth_date)");
  EXPECT_EQ(CanonicalExpr("EXTRACT(epoch FROM t)"), "extract(epoch FROM t)");
  EXPECT_EQ(CanonicalExpr("date_part('Month', t)"), "extract(month FROM t)");
  // date_part with a computed field is left alone.
  EXPECT_EQ(CanonicalExpr("date_part(f, t)"), "date_part(f, t)");
}

TEST(Parser, ParsesCurrentDateAndTime) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("CURRENT_DATE", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kCurrent);
  EXPECT_EQ(expr.op, "current_date");
  EXPECT_EQ(ParseExpr("current_timestamp", &statement).op, "current_timestamp");
  EXPECT_EQ(ParseExpr("LOCALTIMESTAMP", &statement).op, "localtimestamp");
  // now() is an ordinary function.
  const ast::Expr& now = ParseExpr("now()", &statement);
  EXPECT_EQ(now.kind, ast::ExprKind::kFunction);
  EXPECT_EQ(now.name, "now");
}

TEST(Parser, ParsesIntervalLiterals) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("INTERVAL '7 days'", &statement);
  EXPECT_EQ(expr.kind, ast::ExprKind::kInterval);
  EXPECT_EQ(expr.text, "7 days");
  EXPECT_EQ(expr.location, 7);
  EXPECT_EQ(CanonicalExpr("'1 hour'::interval"), "INTERVAL '1 hour'");
  EXPECT_EQ(CanonicalExpr("CAST('90 days' AS INTERVAL)"), "INTERVAL '90 days'");
  EXPECT_EQ(CanonicalExpr("INTERVAL '7' DAY"), "INTERVAL '7 day'");
  EXPECT_EQ(CanonicalExpr("INTERVAL '2' YEAR"), "INTERVAL '2 year'");
  EXPECT_EQ(CanonicalExpr("now() - INTERVAL '90 days'"), "(now() - INTERVAL '90 days')");
  // A cast of anything but a string constant stays a cast.
  EXPECT_EQ(CanonicalExpr("x::interval"), "CAST(x AS interval)");
}

// --- Subqueries ------------------------------------------------------------------

TEST(Parser, ParsesExistsAndNotExists) {
  ast::Statement statement;
  const ast::Expr& exists = ParseExpr("EXISTS (SELECT 1 FROM t)", &statement);
  EXPECT_EQ(exists.kind, ast::ExprKind::kSubquery);
  EXPECT_EQ(exists.subquery_kind, ast::SubqueryKind::kExists);
  EXPECT_FALSE(exists.negated);
  EXPECT_TRUE(exists.args.empty());
  ASSERT_NE(exists.subquery, nullptr);
  EXPECT_EQ(exists.subquery->location, 22);

  ast::Statement not_statement;
  const ast::Expr& not_exists = ParseExpr("NOT EXISTS (SELECT 1 FROM t)", &not_statement);
  EXPECT_EQ(not_exists.kind, ast::ExprKind::kSubquery);
  EXPECT_EQ(not_exists.subquery_kind, ast::SubqueryKind::kExists);
  EXPECT_TRUE(not_exists.negated);
  EXPECT_EQ(not_exists.location, 7);
  EXPECT_EQ(ast::DebugString(not_exists), "NOT EXISTS (SELECT 1 FROM t)");
}

TEST(Parser, ParsesInAndNotInSubqueries) {
  ast::Statement statement;
  const ast::Expr& in = ParseExpr("id IN (SELECT patient_id FROM lab.lab_result)", &statement);
  EXPECT_EQ(in.kind, ast::ExprKind::kSubquery);
  EXPECT_EQ(in.subquery_kind, ast::SubqueryKind::kIn);
  EXPECT_EQ(in.subquery_op, "=");
  ASSERT_EQ(in.args.size(), 1);
  EXPECT_EQ(in.args[0]->names, std::vector<std::string>{"id"});
  EXPECT_EQ(ast::DebugString(in), "(id IN (SELECT patient_id FROM lab.lab_result))");

  ast::Statement not_statement;
  const ast::Expr& not_in = ParseExpr("id NOT IN (SELECT x FROM t)", &not_statement);
  EXPECT_EQ(not_in.subquery_kind, ast::SubqueryKind::kIn);
  EXPECT_TRUE(not_in.negated);
  EXPECT_EQ(ast::DebugString(not_in), "(id NOT IN (SELECT x FROM t))");
}

TEST(Parser, ParsesScalarSubqueries) {
  ast::Statement statement;
  const ast::Expr& expr = ParseExpr("(SELECT max(v) FROM t) + 1", &statement);
  ASSERT_EQ(expr.args.size(), 2);
  EXPECT_EQ(expr.args[0]->subquery_kind, ast::SubqueryKind::kScalar);
  EXPECT_EQ(ast::DebugString(expr), "((SELECT max(v) FROM t) + 1)");
}

TEST(Parser, ParsesAnyAndAllSubqueries) {
  ast::Statement statement;
  const ast::Expr& any = ParseExpr("v > ANY (SELECT limit_value FROM t)", &statement);
  EXPECT_EQ(any.subquery_kind, ast::SubqueryKind::kAny);
  EXPECT_EQ(any.subquery_op, ">");
  EXPECT_EQ(ast::DebugString(any), "(v > ANY (SELECT limit_value FROM t))");
  EXPECT_EQ(CanonicalExpr("v = SOME (SELECT 1)"), "(v = ANY (SELECT 1))");
  EXPECT_EQ(CanonicalExpr("v <= ALL (SELECT 1)"), "(v <= ALL (SELECT 1))");
  EXPECT_EQ(CanonicalExpr("NOT v = ANY (SELECT 1)"), "(NOT (v = ANY (SELECT 1)))");
}

// --- Refusals ----------------------------------------------------------------------

TEST(Parser, RefusesExpressionsTheTreeCannotHold) {
  struct Case {
    const char* sql;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"SELECT a IS DISTINCT FROM b", "IS DISTINCT FROM is not supported at position 10"},
           {"SELECT a IS NOT DISTINCT FROM b",
            "IS NOT DISTINCT FROM is not supported at position 10"},
           {"SELECT a SIMILAR TO 'x%'", "SIMILAR TO is not supported at position 10"},
           {"SELECT a BETWEEN SYMMETRIC 1 AND 2",
            "BETWEEN SYMMETRIC is not supported at position 10"},
           {"SELECT a = ANY (ARRAY[1, 2])",
            "ANY or ALL over an array is not supported at position 10"},
           {"SELECT ARRAY[1, 2]", "an ARRAY constructor is not supported at position 8"},
           {"SELECT ARRAY(SELECT 1)", "ARRAY(subquery) is not supported at position 8"},
           {"SELECT (a, b) IN (SELECT 1, 2)", "a ROW constructor is not supported at position 8"},
           {"SELECT ROW(1, 2)", "a ROW constructor is not supported at position 8"},
           {"SELECT arr[1] FROM t",
            "a subscript or field selection is not supported at position 8"},
           {"SELECT a COLLATE \"C\" FROM t", "COLLATE is not supported at position 10"},
           {"SELECT 2 ^ 3", "operator ^ is not supported at position 10"},
           {"SELECT |/ 16", "prefix operator |/ is not supported at position 8"},
           {"SELECT OPERATOR(lab.+)(1, 2)",
            "a schema-qualified OPERATOR() is not supported at position 8"},
           {"SELECT B'101'", "a bit-string literal is not supported at position 8"},
           {"SELECT x::int[]", "an array type is not supported at position 11"},
           {"SELECT CAST(x AS interval day)",
            "an INTERVAL type with fields or precision is not supported at position 18"},
           {"SELECT INTERVAL '1 day' HOUR",
            "an INTERVAL literal with a field or precision qualifier is not supported at position "
            "8"},
           {"SELECT CURRENT_TIMESTAMP(3)",
            "a precision on CURRENT_TIMESTAMP or LOCALTIMESTAMP is not supported at position 8"},
           {"SELECT CURRENT_TIME", "CURRENT_TIME or LOCALTIME is not supported at position 8"},
           {"SELECT CURRENT_USER",
            "CURRENT_USER, CURRENT_SCHEMA and the like is not supported at position 8"},
           {"SELECT string_agg(x, ',' ORDER BY x) FROM t",
            "ORDER BY inside an aggregate call is not supported at position 8"},
           {"SELECT count(*) FILTER (WHERE x > 1) FROM t", "FILTER is not supported at position 8"},
           {"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v USING <) FROM t",
            "ORDER BY ... USING is not supported at position 60"},
           {"SELECT f(VARIADIC ARRAY[1])", "VARIADIC is not supported at position 8"},
           {"SELECT f(a => 1)", "a named function argument is not supported at position 10"},
           {"SELECT x > ALL (SELECT 1) FROM t WHERE x @> y",
            "operator @> is not supported at position 42"},
       }) {
    absl::Status status = ParseError(c.sql);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.sql;
    EXPECT_EQ(status.message(), c.message) << c.sql;
  }
}

}  // namespace
}  // namespace tessera
