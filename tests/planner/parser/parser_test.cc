// Tests for ParseSql: statements, the clauses of SELECT, errors and
// positions. Expressions are in parser_expr_test.cc, whole dashboard queries
// in dashboard_queries_test.cc.

#include "planner/parser/parser.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "planner/parser/ast.h"
#include "planner/parser/ast_debug.h"
#include "tests/planner/parser/parse_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Canonical;
using ::tessera::testing::ParseError;
using ::tessera::testing::ParseOne;
using ::testing::HasSubstr;

// --- SELECT and its select list ---------------------------------------------

TEST(Parser, ParsesSelectListWithAliases) {
  EXPECT_EQ(Canonical("SELECT a, b AS bee, c cee FROM t"), "SELECT a, b AS bee, c AS cee FROM t");

  ast::Statement statement = ParseOne("SELECT a, b AS bee FROM t");
  ASSERT_NE(statement.select, nullptr);
  const ast::SelectStmt& select = *statement.select;
  ASSERT_EQ(select.select_list.size(), 2);
  EXPECT_EQ(select.select_list[0].alias, "");
  EXPECT_EQ(select.select_list[1].alias, "bee");
  EXPECT_EQ(select.select_list[1].location, 10);
  EXPECT_EQ(select.select_list[1].expr->kind, ast::ExprKind::kColumnRef);
  EXPECT_EQ(select.select_list[1].expr->names, std::vector<std::string>{"b"});
  EXPECT_EQ(select.set_op, ast::SetOp::kNone);
  EXPECT_FALSE(select.distinct);
}

TEST(Parser, FoldsUnquotedNamesAndKeepsQuotedOnes) {
  EXPECT_EQ(Canonical("SELECT PatientId, \"MixedCase\" FROM EHR.Patient"),
            "SELECT patientid, MixedCase FROM ehr.patient");
}

TEST(Parser, ParsesStars) {
  EXPECT_EQ(Canonical("SELECT *, t.* FROM t"), "SELECT *, t.* FROM t");
  ast::Statement statement = ParseOne("SELECT *, t.* FROM t");
  ASSERT_NE(statement.select, nullptr);
  EXPECT_EQ(statement.select->select_list[0].expr->names, std::vector<std::string>{"*"});
  EXPECT_EQ(statement.select->select_list[1].expr->names, (std::vector<std::string>{"t", "*"}));
}

TEST(Parser, ParsesDistinct) {
  ast::Statement statement = ParseOne("SELECT DISTINCT code FROM lab.lab_result");
  ASSERT_NE(statement.select, nullptr);
  EXPECT_TRUE(statement.select->distinct);
  EXPECT_TRUE(statement.select->distinct_on.empty());
  EXPECT_EQ(ast::DebugString(statement), "SELECT DISTINCT code FROM lab.lab_result");
}

TEST(Parser, ParsesDistinctOn) {
  ast::Statement statement =
      ParseOne("SELECT DISTINCT ON (patient_id, code) patient_id, code, value FROM observation");
  ASSERT_NE(statement.select, nullptr);
  // DISTINCT ON is its own form: `distinct` stays false.
  EXPECT_FALSE(statement.select->distinct);
  ASSERT_EQ(statement.select->distinct_on.size(), 2);
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT DISTINCT ON (patient_id, code) patient_id, code, value FROM observation");
}

TEST(Parser, ParsesSelectWithoutFrom) { EXPECT_EQ(Canonical("SELECT 1, 'a'"), "SELECT 1, 'a'"); }

// --- FROM ---------------------------------------------------------------------

TEST(Parser, ParsesSchemaQualifiedTables) {
  ast::Statement statement = ParseOne("SELECT r.value FROM lab.lab_result r, patient");
  ASSERT_NE(statement.select, nullptr);
  ASSERT_EQ(statement.select->from.size(), 2);
  const ast::TableRef& lab = *statement.select->from[0];
  EXPECT_EQ(lab.kind, ast::TableRef::Kind::kTable);
  EXPECT_EQ(lab.schema, "lab");
  EXPECT_EQ(lab.name, "lab_result");
  EXPECT_EQ(lab.alias, "r");
  EXPECT_EQ(lab.location, 20);
  const ast::TableRef& patient = *statement.select->from[1];
  EXPECT_EQ(patient.schema, "");
  EXPECT_EQ(patient.name, "patient");
  EXPECT_EQ(patient.alias, "");
  EXPECT_EQ(ast::DebugString(statement), "SELECT r.value FROM lab.lab_result AS r, patient");
}

TEST(Parser, ParsesTableColumnAliases) {
  ast::Statement statement = ParseOne("SELECT * FROM ehr.vital_sign AS v(id, kind, val)");
  ASSERT_NE(statement.select, nullptr);
  EXPECT_EQ(statement.select->from[0]->alias, "v");
  EXPECT_EQ(statement.select->from[0]->column_aliases,
            (std::vector<std::string>{"id", "kind", "val"}));
  EXPECT_EQ(ast::DebugString(statement), "SELECT * FROM ehr.vital_sign AS v(id, kind, val)");
}

TEST(Parser, ParsesSubqueriesInFrom) {
  ast::Statement statement =
      ParseOne("SELECT s.n FROM (SELECT count(*) AS n FROM patient) AS s(n)");
  ASSERT_NE(statement.select, nullptr);
  const ast::TableRef& ref = *statement.select->from[0];
  EXPECT_EQ(ref.kind, ast::TableRef::Kind::kSubquery);
  EXPECT_FALSE(ref.lateral);
  EXPECT_EQ(ref.alias, "s");
  EXPECT_EQ(ref.column_aliases, std::vector<std::string>{"n"});
  ASSERT_NE(ref.subquery, nullptr);
  // libpg_query keeps no position for a subquery: it is that of its first item.
  EXPECT_EQ(ref.location, 24);
  EXPECT_EQ(ref.subquery->location, 24);
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT s.n FROM (SELECT count(*) AS n FROM patient) AS s(n)");
}

TEST(Parser, ParsesLateralSubqueries) {
  ast::Statement statement = ParseOne(
      "SELECT p.id, l.value FROM patient p, "
      "LATERAL (SELECT value FROM observation o WHERE o.patient_id = p.id LIMIT 1) l");
  ASSERT_NE(statement.select, nullptr);
  ASSERT_EQ(statement.select->from.size(), 2);
  EXPECT_TRUE(statement.select->from[1]->lateral);
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT p.id, l.value FROM patient AS p, LATERAL (SELECT value FROM observation AS o "
            "WHERE (o.patient_id = p.id) LIMIT 1) AS l");
}

TEST(Parser, ParsesJoinsWithOn) {
  ast::Statement statement =
      ParseOne("SELECT * FROM patient p JOIN observation o ON o.patient_id = p.id");
  ASSERT_NE(statement.select, nullptr);
  ASSERT_EQ(statement.select->from.size(), 1);
  const ast::TableRef& join = *statement.select->from[0];
  EXPECT_EQ(join.kind, ast::TableRef::Kind::kJoin);
  EXPECT_EQ(join.join_type, ast::JoinType::kInner);
  EXPECT_FALSE(join.natural);
  EXPECT_EQ(join.left->name, "patient");
  EXPECT_EQ(join.right->name, "observation");
  ASSERT_NE(join.on, nullptr);
  EXPECT_EQ(join.location, 14);  // That of its left side.
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT * FROM (patient AS p JOIN observation AS o ON (o.patient_id = p.id))");
}

TEST(Parser, ParsesJoinsWithUsing) {
  ast::Statement statement = ParseOne(
      "SELECT * FROM ehr.encounter INNER JOIN ehr.condition USING (patient_id, encounter_id)");
  ASSERT_NE(statement.select, nullptr);
  const ast::TableRef& join = *statement.select->from[0];
  EXPECT_EQ(join.join_type, ast::JoinType::kInner);
  EXPECT_EQ(join.on, nullptr);
  EXPECT_EQ(join.using_columns, (std::vector<std::string>{"patient_id", "encounter_id"}));
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT * FROM (ehr.encounter JOIN ehr.condition USING (patient_id, encounter_id))");
}

TEST(Parser, ParsesOuterJoins) {
  EXPECT_EQ(Canonical("SELECT * FROM a LEFT JOIN b ON a.x = b.x RIGHT OUTER JOIN c ON b.y = c.y "
                      "FULL JOIN d ON c.z = d.z"),
            "SELECT * FROM (((a LEFT JOIN b ON (a.x = b.x)) RIGHT JOIN c ON (b.y = c.y)) "
            "FULL JOIN d ON (c.z = d.z))");
}

TEST(Parser, ParsesNaturalJoins) {
  ast::Statement statement = ParseOne("SELECT * FROM a NATURAL LEFT JOIN b");
  ASSERT_NE(statement.select, nullptr);
  const ast::TableRef& join = *statement.select->from[0];
  EXPECT_TRUE(join.natural);
  EXPECT_EQ(join.join_type, ast::JoinType::kLeft);
  EXPECT_EQ(ast::DebugString(statement), "SELECT * FROM (a NATURAL LEFT JOIN b)");
  EXPECT_EQ(Canonical("SELECT * FROM a NATURAL JOIN b"), "SELECT * FROM (a NATURAL JOIN b)");
}

TEST(Parser, ParsesCrossAndCommaJoins) {
  ast::Statement statement = ParseOne("SELECT * FROM a CROSS JOIN b, c");
  ASSERT_NE(statement.select, nullptr);
  ASSERT_EQ(statement.select->from.size(), 2);
  EXPECT_EQ(statement.select->from[0]->join_type, ast::JoinType::kCross);
  EXPECT_EQ(statement.select->from[1]->kind, ast::TableRef::Kind::kTable);
  EXPECT_EQ(ast::DebugString(statement), "SELECT * FROM (a CROSS JOIN b), c");
  // An inner join with a condition is not a cross join, even ON TRUE.
  EXPECT_EQ(Canonical("SELECT * FROM a JOIN b ON TRUE"), "SELECT * FROM (a JOIN b ON TRUE)");
}

TEST(Parser, ParsesParenthesizedJoinsWithAliases) {
  EXPECT_EQ(Canonical("SELECT * FROM (a JOIN b USING (id)) AS j(x, y) LEFT JOIN c ON c.id = j.x"),
            "SELECT * FROM ((a JOIN b USING (id)) AS j(x, y) LEFT JOIN c ON (c.id = j.x))");
}

// --- WHERE, GROUP BY, HAVING, ORDER BY, LIMIT ----------------------------------

TEST(Parser, ParsesWhereGroupByHaving) {
  ast::Statement statement = ParseOne(
      "SELECT code, count(*) FROM lab.lab_result WHERE value > 7 GROUP BY code, unit "
      "HAVING count(*) > 10");
  ASSERT_NE(statement.select, nullptr);
  ASSERT_NE(statement.select->where, nullptr);
  EXPECT_EQ(statement.select->group_by.size(), 2);
  ASSERT_NE(statement.select->having, nullptr);
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT code, count(*) FROM lab.lab_result WHERE (value > 7) GROUP BY code, unit "
            "HAVING (count(*) > 10)");
}

TEST(Parser, ParsesOrderByDirectionsAndNulls) {
  ast::Statement statement =
      ParseOne("SELECT a FROM t ORDER BY a, b ASC, c DESC, d NULLS FIRST, e DESC NULLS LAST");
  ASSERT_NE(statement.select, nullptr);
  const std::vector<ast::OrderItem>& order = statement.select->order_by;
  ASSERT_EQ(order.size(), 5);
  EXPECT_FALSE(order[0].descending);
  EXPECT_FALSE(order[0].nulls_first.has_value());
  EXPECT_FALSE(order[1].descending);
  EXPECT_TRUE(order[2].descending);
  EXPECT_FALSE(order[2].nulls_first.has_value());
  EXPECT_EQ(order[3].nulls_first, true);
  EXPECT_TRUE(order[4].descending);
  EXPECT_EQ(order[4].nulls_first, false);
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT a FROM t ORDER BY a, b, c DESC, d NULLS FIRST, e DESC NULLS LAST");
}

TEST(Parser, ParsesLimitAndOffset) {
  EXPECT_EQ(Canonical("SELECT a FROM t LIMIT 10 OFFSET 20"), "SELECT a FROM t LIMIT 10 OFFSET 20");
  EXPECT_EQ(Canonical("SELECT a FROM t OFFSET 5"), "SELECT a FROM t OFFSET 5");
  EXPECT_EQ(Canonical("SELECT a FROM t LIMIT $1"), "SELECT a FROM t LIMIT $1");
  // LIMIT ALL (and LIMIT NULL, which PostgreSQL treats alike) is no limit.
  ast::Statement statement = ParseOne("SELECT a FROM t LIMIT ALL");
  ASSERT_NE(statement.select, nullptr);
  EXPECT_EQ(statement.select->limit, nullptr);
}

TEST(Parser, ParsesFetchFirstAsLimit) {
  EXPECT_EQ(Canonical("SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS ONLY"),
            "SELECT a FROM t ORDER BY a LIMIT 3");
  EXPECT_EQ(Canonical("SELECT a FROM t OFFSET 2 ROWS FETCH NEXT ROW ONLY"),
            "SELECT a FROM t LIMIT 1 OFFSET 2");
}

// --- Set operations -------------------------------------------------------------

TEST(Parser, ParsesUnion) {
  ast::Statement statement =
      ParseOne("SELECT mrn FROM ehr.patient UNION SELECT id FROM lab.patient");
  ASSERT_NE(statement.select, nullptr);
  const ast::SelectStmt& select = *statement.select;
  EXPECT_EQ(select.set_op, ast::SetOp::kUnion);
  EXPECT_FALSE(select.set_all);
  ASSERT_NE(select.left, nullptr);
  ASSERT_NE(select.right, nullptr);
  EXPECT_TRUE(select.select_list.empty());
  EXPECT_EQ(select.location, 0);
  EXPECT_EQ(select.right->location, 41);
  EXPECT_EQ(ast::DebugString(statement),
            "(SELECT mrn FROM ehr.patient) UNION (SELECT id FROM lab.patient)");
}

TEST(Parser, ParsesUnionIntersectExceptWithAll) {
  EXPECT_EQ(Canonical("SELECT 1 UNION ALL SELECT 2"), "(SELECT 1) UNION ALL (SELECT 2)");
  EXPECT_EQ(Canonical("SELECT 1 INTERSECT SELECT 2"), "(SELECT 1) INTERSECT (SELECT 2)");
  EXPECT_EQ(Canonical("SELECT 1 INTERSECT ALL SELECT 2"), "(SELECT 1) INTERSECT ALL (SELECT 2)");
  EXPECT_EQ(Canonical("SELECT 1 EXCEPT SELECT 2"), "(SELECT 1) EXCEPT (SELECT 2)");
  EXPECT_EQ(Canonical("SELECT 1 EXCEPT ALL SELECT 2"), "(SELECT 1) EXCEPT ALL (SELECT 2)");
}

TEST(Parser, NestsSetOperationsAsTheGrammarDoes) {
  // UNION and EXCEPT associate to the left; INTERSECT binds tighter.
  EXPECT_EQ(Canonical("SELECT 1 UNION SELECT 2 EXCEPT SELECT 3"),
            "((SELECT 1) UNION (SELECT 2)) EXCEPT (SELECT 3)");
  EXPECT_EQ(Canonical("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"),
            "(SELECT 1) UNION ((SELECT 2) INTERSECT (SELECT 3))");
  EXPECT_EQ(Canonical("SELECT 1 UNION (SELECT 2 EXCEPT SELECT 3)"),
            "(SELECT 1) UNION ((SELECT 2) EXCEPT (SELECT 3))");
}

TEST(Parser, AppliesOrderByAndLimitToTheWholeSetOperation) {
  ast::Statement statement =
      ParseOne("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 DESC LIMIT 5 OFFSET 1");
  ASSERT_NE(statement.select, nullptr);
  EXPECT_EQ(statement.select->order_by.size(), 1);
  EXPECT_NE(statement.select->limit, nullptr);
  EXPECT_TRUE(statement.select->right->order_by.empty());
  EXPECT_EQ(ast::DebugString(statement),
            "(SELECT a FROM t) UNION ALL (SELECT b FROM u) ORDER BY 1 DESC LIMIT 5 OFFSET 1");
  // Parenthesized operands keep their own.
  EXPECT_EQ(Canonical("(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT b FROM u LIMIT 2)"),
            "(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT b FROM u LIMIT 2)");
}

// --- WITH and VALUES -----------------------------------------------------------

TEST(Parser, ParsesCommonTableExpressions) {
  ast::Statement statement = ParseOne(
      "WITH recent AS (SELECT * FROM observation WHERE effective_at > $1), "
      "counts(code, n) AS (SELECT code, count(*) FROM recent GROUP BY code) "
      "SELECT * FROM counts");
  ASSERT_NE(statement.select, nullptr);
  const std::vector<ast::CommonTableExpr>& with = statement.select->with;
  ASSERT_EQ(with.size(), 2);
  EXPECT_EQ(with[0].name, "recent");
  EXPECT_FALSE(with[0].recursive);
  EXPECT_EQ(with[0].location, 5);
  EXPECT_EQ(with[1].name, "counts");
  EXPECT_EQ(with[1].column_aliases, (std::vector<std::string>{"code", "n"}));
  EXPECT_EQ(ast::DebugString(statement),
            "WITH recent AS (SELECT * FROM observation WHERE (effective_at > $1)), "
            "counts(code, n) AS (SELECT code, count(*) FROM recent GROUP BY code) "
            "SELECT * FROM counts");
}

TEST(Parser, ParsesRecursiveCommonTableExpressions) {
  ast::Statement statement = ParseOne(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
      "SELECT i FROM n");
  ASSERT_NE(statement.select, nullptr);
  ASSERT_EQ(statement.select->with.size(), 1);
  EXPECT_TRUE(statement.select->with[0].recursive);
  EXPECT_EQ(ast::DebugString(statement),
            "WITH RECURSIVE n(i) AS ((SELECT 1) UNION ALL (SELECT (i + 1) FROM n WHERE (i < 10))) "
            "SELECT i FROM n");
}

TEST(Parser, ParsesWithOverSetOperations) {
  EXPECT_EQ(Canonical("WITH c AS (SELECT 1 AS x) SELECT x FROM c UNION SELECT 2 ORDER BY 1"),
            "WITH c AS (SELECT 1 AS x) (SELECT x FROM c) UNION (SELECT 2) ORDER BY 1");
}

TEST(Parser, ParsesValuesLists) {
  ast::Statement statement = ParseOne("VALUES (1, 'a'), (2, 'b') ORDER BY 1 LIMIT 1");
  ASSERT_NE(statement.select, nullptr);
  ASSERT_EQ(statement.select->values.size(), 2);
  EXPECT_EQ(statement.select->values[1].size(), 2);
  EXPECT_TRUE(statement.select->select_list.empty());
  EXPECT_EQ(ast::DebugString(statement), "VALUES (1, 'a'), (2, 'b') ORDER BY 1 LIMIT 1");
  EXPECT_EQ(Canonical("SELECT v.code FROM (VALUES ('GLU', 1), ('HBA1C', 2)) AS v(code, n)"),
            "SELECT v.code FROM (VALUES ('GLU', 1), ('HBA1C', 2)) AS v(code, n)");
}

// --- Windows ---------------------------------------------------------------------

TEST(Parser, ParsesWindowClauseAndNamedWindows) {
  ast::Statement statement = ParseOne(
      "SELECT sum(x) OVER w, rank() OVER (w ORDER BY y DESC) FROM t "
      "WINDOW w AS (PARTITION BY p), w2 AS (w ORDER BY z)");
  ASSERT_NE(statement.select, nullptr);
  const ast::SelectStmt& select = *statement.select;
  ASSERT_EQ(select.windows.size(), 2);
  EXPECT_EQ(select.windows[0].name, "w");
  EXPECT_EQ(select.windows[0].spec->ref_name, "");
  EXPECT_EQ(select.windows[0].spec->partition_by.size(), 1);
  EXPECT_EQ(select.windows[1].name, "w2");
  EXPECT_EQ(select.windows[1].spec->ref_name, "w");
  const ast::Expr& sum = *select.select_list[0].expr;
  ASSERT_NE(sum.window, nullptr);
  EXPECT_EQ(sum.window->ref_name, "w");
  EXPECT_TRUE(sum.window->partition_by.empty());
  const ast::Expr& rank = *select.select_list[1].expr;
  ASSERT_NE(rank.window, nullptr);
  EXPECT_EQ(rank.window->ref_name, "w");
  EXPECT_EQ(rank.window->order_by.size(), 1);
  EXPECT_EQ(ast::DebugString(statement),
            "SELECT sum(x) OVER w, rank() OVER (w ORDER BY y DESC) FROM t "
            "WINDOW w AS (PARTITION BY p), w2 AS (w ORDER BY z)");
}

TEST(Parser, MarksExplicitWindowFrames) {
  ast::Statement statement =
      ParseOne("SELECT avg(x) OVER (ORDER BY t ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM s");
  ASSERT_NE(statement.select, nullptr);
  EXPECT_TRUE(statement.select->select_list[0].expr->window->has_frame);
  EXPECT_FALSE(ParseOne("SELECT avg(x) OVER (ORDER BY t) FROM s")
                   .select->select_list[0]
                   .expr->window->has_frame);
}

// --- EXPLAIN ---------------------------------------------------------------------

TEST(Parser, ParsesExplain) {
  ast::Statement statement = ParseOne("EXPLAIN SELECT * FROM patient");
  EXPECT_EQ(statement.kind, ast::Statement::Kind::kExplain);
  EXPECT_FALSE(statement.explain_analyze);
  EXPECT_FALSE(statement.explain_verbose);
  ASSERT_NE(statement.select, nullptr);
  EXPECT_EQ(statement.select->location, 15);  // Its first select item.
  EXPECT_EQ(ast::DebugString(statement), "EXPLAIN SELECT * FROM patient");
}

TEST(Parser, ParsesExplainAnalyzeVerbose) {
  ast::Statement statement = ParseOne("EXPLAIN ANALYZE VERBOSE SELECT 1");
  EXPECT_EQ(statement.kind, ast::Statement::Kind::kExplain);
  EXPECT_TRUE(statement.explain_analyze);
  EXPECT_TRUE(statement.explain_verbose);
  EXPECT_EQ(Canonical("EXPLAIN ANALYZE SELECT 1"), "EXPLAIN ANALYZE SELECT 1");
  EXPECT_EQ(Canonical("EXPLAIN VERBOSE SELECT 1"), "EXPLAIN VERBOSE SELECT 1");
}

TEST(Parser, ParsesExplainOptionList) {
  EXPECT_EQ(Canonical("EXPLAIN (ANALYZE, VERBOSE) SELECT 1"), "EXPLAIN ANALYZE VERBOSE SELECT 1");
  EXPECT_EQ(Canonical("EXPLAIN (ANALYZE true, VERBOSE off) SELECT 1"), "EXPLAIN ANALYZE SELECT 1");
  EXPECT_EQ(Canonical("EXPLAIN (analyze 0) SELECT 1"), "EXPLAIN SELECT 1");
}

TEST(Parser, RefusesOtherExplainOptionsAndStatements) {
  absl::Status status = ParseError("EXPLAIN (FORMAT JSON) SELECT 1");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "EXPLAIN option FORMAT is not supported at position 10");
  EXPECT_EQ(ParseError("EXPLAIN (COSTS off) SELECT 1").message(),
            "EXPLAIN option COSTS is not supported at position 10");
  EXPECT_EQ(ParseError("EXPLAIN INSERT INTO t VALUES (1)").message(),
            "EXPLAIN supports only SELECT, not INSERT at position 1");
}

// --- Several statements and their places ------------------------------------------

TEST(Parser, ParsesStatementsSeparatedBySemicolons) {
  absl::StatusOr<std::vector<ast::Statement>> statements =
      ParseSql("SELECT 1;\n  -- the second\n  SELECT 2 ;EXPLAIN SELECT 3");
  ASSERT_TRUE(statements.ok()) << statements.status();
  ASSERT_EQ(statements->size(), 3);
  EXPECT_EQ(ast::DebugString((*statements)[0]), "SELECT 1");
  EXPECT_EQ(ast::DebugString((*statements)[1]), "SELECT 2");
  EXPECT_EQ(ast::DebugString((*statements)[2]), "EXPLAIN SELECT 3");
  // Leading comments and surrounding white space are not part of a statement.
  EXPECT_EQ((*statements)[0].location, 0);
  EXPECT_EQ((*statements)[0].length, 8);
  EXPECT_EQ((*statements)[1].location, 28);
  EXPECT_EQ((*statements)[1].length, 8);
  EXPECT_EQ((*statements)[1].select->location, 28);
  EXPECT_EQ((*statements)[2].location, 38);
  EXPECT_EQ((*statements)[2].length, 16);
}

TEST(Parser, ReturnsNoStatementsForEmptyText) {
  for (const char* sql : {"", "   ", ";", " ; ;", "-- nothing\n", "/* nothing */"}) {
    absl::StatusOr<std::vector<ast::Statement>> statements = ParseSql(sql);
    ASSERT_TRUE(statements.ok()) << sql << ": " << statements.status();
    EXPECT_TRUE(statements->empty()) << sql;
  }
}

// --- Errors -----------------------------------------------------------------------

TEST(Parser, ReportsSyntaxErrorsWithTheirPosition) {
  absl::Status status = ParseError("SELECT * FORM t");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("syntax error at or near \"FORM\""));
  EXPECT_THAT(status.message(), HasSubstr("at position 10"));
  EXPECT_EQ(status.message(), "syntax error at or near \"FORM\" at position 10");
  EXPECT_EQ(ErrorPosition(status), 9);
}

TEST(Parser, CountsErrorPositionsInCharactersAndOffsetsInBytes) {
  // 'é' is two bytes: PostgreSQL counts characters, the payload bytes.
  absl::Status status = ParseError("SELECT 'é' AS x FORM t");
  EXPECT_EQ(status.message(), "syntax error at or near \"FORM\" at position 17");
  EXPECT_EQ(ErrorPosition(status), 17);
}

TEST(Parser, ReportsErrorsAtTheEndOfInput) {
  absl::Status status = ParseError("SELECT 1 +");
  EXPECT_EQ(status.message(), "syntax error at end of input at position 11");
  EXPECT_EQ(ErrorPosition(status), 10);
  status = ParseError("SELECT 'abc");
  EXPECT_EQ(status.message(), "unterminated quoted string at or near \"'abc\" at position 8");
  EXPECT_EQ(ErrorPosition(status), 7);
}

TEST(Parser, ReportsSyntaxErrorsInLaterStatements) {
  absl::Status status = ParseError("SELECT 1; SELECT FROM FROM t");
  EXPECT_EQ(status.message(), "syntax error at or near \"FROM\" at position 23");
  EXPECT_EQ(ErrorPosition(status), 22);
}

TEST(Parser, ReportsGrammarErrorsWithoutPosition) {
  absl::Status status = ParseError("SELECT a FROM t FETCH FIRST 2 ROWS WITH TIES");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "WITH TIES cannot be specified without ORDER BY clause");
  EXPECT_EQ(ErrorPosition(status), std::nullopt);
}

TEST(Parser, RefusesStatementsOtherThanSelectAndExplain) {
  struct Case {
    const char* sql;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"INSERT INTO t VALUES (1)",
            "only SELECT and EXPLAIN are supported, not INSERT at position 1"},
           {"UPDATE t SET a = 1",
            "only SELECT and EXPLAIN are supported, not UPDATE at position 1"},
           {"DELETE FROM t", "only SELECT and EXPLAIN are supported, not DELETE at position 1"},
           {"CREATE TABLE t (a int)",
            "only SELECT and EXPLAIN are supported, not CREATE TABLE at position 1"},
           {"CREATE VIEW v AS SELECT 1",
            "only SELECT and EXPLAIN are supported, not CREATE VIEW at position 1"},
           {"CREATE TABLE t AS SELECT 1",
            "only SELECT and EXPLAIN are supported, not CREATE TABLE AS at position 1"},
           {"DROP TABLE t", "only SELECT and EXPLAIN are supported, not DROP at position 1"},
           {"ALTER TABLE t ADD COLUMN b int",
            "only SELECT and EXPLAIN are supported, not ALTER TABLE at position 1"},
           {"TRUNCATE t", "only SELECT and EXPLAIN are supported, not TRUNCATE at position 1"},
           {"SET search_path = lab",
            "only SELECT and EXPLAIN are supported, not SET at position 1"},
           {"BEGIN",
            "only SELECT and EXPLAIN are supported, not a transaction statement at position 1"},
           {"COPY t TO STDOUT", "only SELECT and EXPLAIN are supported, not COPY at position 1"},
           {"SELECT 1;\n  DELETE FROM t",
            "only SELECT and EXPLAIN are supported, not DELETE at position 13"},
       }) {
    absl::Status status = ParseError(c.sql);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.sql;
    EXPECT_EQ(status.message(), c.message) << c.sql;
  }
}

TEST(Parser, RefusesWhatTheTreeCannotHold) {
  struct Case {
    const char* sql;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {"SELECT a INTO b FROM t", "SELECT INTO is not supported at position 15"},
           {"SELECT a FROM t FOR UPDATE", "FOR UPDATE or FOR SHARE is not supported at position 1"},
           {"SELECT a FROM t GROUP BY ROLLUP (a)",
            "GROUPING SETS, ROLLUP or CUBE is not supported at position 26"},
           {"SELECT a FROM t GROUP BY DISTINCT a",
            "GROUP BY DISTINCT is not supported at position 8"},
           {"SELECT * FROM generate_series(1, 3)",
            "a function call in FROM is not supported at position 15"},
           {"SELECT * FROM t TABLESAMPLE SYSTEM (10)",
            "TABLESAMPLE is not supported at position 29"},
           {"SELECT * FROM db.lab.lab_result",
            "a database-qualified table name is not supported at position 15"},
           {"SELECT * FROM a JOIN b USING (id) AS j",
            "an alias after JOIN ... USING (...) is not supported at position 15"},
           {"SELECT a FROM t ORDER BY a USING <",
            "ORDER BY ... USING is not supported at position 34"},
           {"SELECT a FROM t ORDER BY a FETCH FIRST 2 ROWS WITH TIES",
            "FETCH FIRST ... WITH TIES is not supported at position 40"},
           {"WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x",
            "DELETE in a subquery is not supported at position 24"},
           {"WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) "
            "SEARCH DEPTH FIRST BY n SET ord SELECT * FROM t",
            "SEARCH or CYCLE in WITH is not supported at position 16"},
       }) {
    absl::Status status = ParseError(c.sql);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.sql;
    EXPECT_EQ(status.message(), c.message) << c.sql;
  }
}

TEST(Parser, RefusesNulCharacters) {
  absl::Status status = ParseError(absl::string_view("SELECT 1\0", 9));
  EXPECT_EQ(status.message(), "NUL character in the query text at position 9");
}

TEST(Parser, ParsesDeeplyNestedExpressionsAndRefusesAbsurdOnes) {
  auto repeat = [](int n) {
    std::string terms;
    for (int i = 0; i < n; ++i) terms += "x + ";
    return terms;
  };
  std::string sum = absl::StrCat("SELECT ", repeat(300), "1");
  absl::StatusOr<std::vector<ast::Statement>> statements = ParseSql(sum);
  EXPECT_TRUE(statements.ok()) << statements.status();

  std::string absurd = absl::StrCat("SELECT ", repeat(5000), "1");
  absl::Status status = ParseError(absurd);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("nested too deeply"));
}

TEST(Parser, KeepsLocationsOfExpressions) {
  ast::Statement statement = ParseOne("SELECT a + 1 FROM t WHERE b = 'x'");
  ASSERT_NE(statement.select, nullptr);
  const ast::Expr& sum = *statement.select->select_list[0].expr;
  EXPECT_EQ(sum.location, 9);  // The operator, as PostgreSQL reports it.
  EXPECT_EQ(sum.args[0]->location, 7);
  EXPECT_EQ(sum.args[1]->location, 11);
  EXPECT_EQ(statement.select->where->location, 28);
  EXPECT_EQ(statement.select->where->args[1]->location, 30);
}

}  // namespace
}  // namespace tessera
