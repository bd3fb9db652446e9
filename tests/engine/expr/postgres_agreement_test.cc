// The evaluator against PostgreSQL itself: each case is a PostgreSQL
// expression over literals and the bound expression Tessera would evaluate
// for it; both must give the same text, or both fail with the same message.
// Runs when the test command started PostgreSQL (TESSERA_PG_CONN), and fails
// instead of skipping under TESSERA_REQUIRE_SERVERS=1.
//
// Adding a case is one `add` line. PostgreSQL's spelling of a result is its
// ::text, so each SQL expression is written to produce the engine's type
// (extract(...)::float8 where PostgreSQL 14+ gives numeric, numeric(18,s) for
// a decimal of scale s).

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_connector.h"
#include "engine/expr/like.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"
#include "tests/testing/backends.h"

namespace tessera::expr_test {
namespace {

const DataType kBool = DataType::Bool();
const DataType kInt = DataType::Int64();
const DataType kDouble = DataType::Double();
const DataType kText = DataType::Text();
const DataType kDate = DataType::Date();
const DataType kTs = DataType::Timestamp();
DataType Numeric(int scale) { return DataType::Decimal(scale); }

struct AgreementCase {
  std::string sql;
  ExprPtr expr;
};

ExprPtr Cast(ExprPtr v, DataType to) { return Call(ExprOp::kCast, to, std::move(v)); }

ExprPtr WithField(ExprPtr e, std::string field) {
  e->field = std::move(field);
  return e;
}

ExprPtr WithInterval(ExprPtr e, Interval interval) {
  e->interval = interval;
  return e;
}

ExprPtr Like(ExprPtr v, std::string pattern, bool ilike = false, char escape = '\\') {
  absl::StatusOr<ExprPtr> like = MakeLike(std::move(v), pattern, ilike, escape);
  EXPECT_TRUE(like.ok()) << like.status();
  return like.ok() ? std::move(*like) : Null(kBool);
}

ExprPtr SkipNulls(ExprPtr e) {
  e->skip_nulls = true;
  return e;
}

std::vector<AgreementCase> Cases() {
  std::vector<AgreementCase> c;
  auto add = [&](std::string sql, ExprPtr expr) { c.push_back({std::move(sql), std::move(expr)}); };
  const ExprPtr kNullBool = Null(kBool);
  auto nb = [&] { return kNullBool->Clone(); };

  // Arithmetic.
  add("7::bigint / 2", Call(ExprOp::kDivide, kInt, Int(7), Int(2)));
  add("(-7)::bigint / 2", Call(ExprOp::kDivide, kInt, Int(-7), Int(2)));
  add("(-7)::bigint % 3", Call(ExprOp::kModulo, kInt, Int(-7), Int(3)));
  add("7::bigint % (-3)", Call(ExprOp::kModulo, kInt, Int(7), Int(-3)));
  add("9223372036854775807::bigint + 1", Call(ExprOp::kAdd, kInt, Int(INT64_MAX), Int(1)));
  add("(-9223372036854775808)::bigint / (-1)",
      Call(ExprOp::kDivide, kInt, Int(INT64_MIN), Int(-1)));
  add("1::bigint / 0", Call(ExprOp::kDivide, kInt, Int(1), Int(0)));
  add("1::bigint % 0", Call(ExprOp::kModulo, kInt, Int(1), Int(0)));
  add("1.5::numeric(18,1) + 2.25::numeric(18,2)",
      Call(ExprOp::kAdd, Numeric(2), Dec(15, 1), Dec(225, 2)));
  add("1.5::numeric(18,1) * 2.25::numeric(18,2)",
      Call(ExprOp::kMultiply, Numeric(3), Dec(15, 1), Dec(225, 2)));
  add("(-1.5)::numeric(18,1) % 1", Call(ExprOp::kModulo, Numeric(1), Dec(-15, 1), Int(1)));
  add("0.1::float8 + 0.2::float8", Call(ExprOp::kAdd, kDouble, Dbl(0.1), Dbl(0.2)));
  add("1e308::float8 * 10", Call(ExprOp::kMultiply, kDouble, Dbl(1e308), Dbl(10)));
  add("1::float8 / 0", Call(ExprOp::kDivide, kDouble, Dbl(1), Dbl(0)));
  add("- (-9223372036854775808)::bigint", Call(ExprOp::kNegate, kInt, Int(INT64_MIN)));

  // Comparison.
  add("'B' < 'a' COLLATE \"C\"", Call(ExprOp::kLess, kBool, Txt("B"), Txt("a")));
  add("'z' < 'é' COLLATE \"C\"", Call(ExprOp::kLess, kBool, Txt("z"), Txt("é")));
  add("1::bigint = 1.00::numeric(18,2)", Call(ExprOp::kEqual, kBool, Int(1), Dec(100, 2)));
  add("'NaN'::float8 > 'Infinity'::float8",
      Call(ExprOp::kGreater, kBool, Dbl(NAN), Dbl(INFINITY)));
  add("'NaN'::float8 = 'NaN'::float8", Call(ExprOp::kEqual, kBool, Dbl(NAN), Dbl(NAN)));
  add("1::bigint < NULL::bigint", Call(ExprOp::kLess, kBool, Int(1), Null(kInt)));
  add("date '2024-01-01' = timestamp '2024-01-01 00:00:00'",
      Call(ExprOp::kEqual, kBool, DateLit("2024-01-01"), TsLit("2024-01-01 00:00:00")));

  // Logic.
  add("NULL::boolean AND false", Call(ExprOp::kAnd, kBool, nb(), Bool(false)));
  add("NULL::boolean AND true", Call(ExprOp::kAnd, kBool, nb(), Bool(true)));
  add("NULL::boolean OR true", Call(ExprOp::kOr, kBool, nb(), Bool(true)));
  add("NULL::boolean OR false", Call(ExprOp::kOr, kBool, nb(), Bool(false)));
  add("NOT NULL::boolean", Call(ExprOp::kNot, kBool, nb()));
  add("NULL::boolean IS NOT TRUE", Call(ExprOp::kIsNotTrue, kBool, nb()));
  add("NULL::boolean IS FALSE", Call(ExprOp::kIsFalse, kBool, nb()));
  add("NULL::bigint IS DISTINCT FROM 1", Call(ExprOp::kIsDistinctFrom, kBool, Null(kInt), Int(1)));
  add("NULL::bigint IS NOT DISTINCT FROM NULL::bigint",
      Call(ExprOp::kIsNotDistinctFrom, kBool, Null(kInt), Null(kInt)));

  // Text.
  add("substr('hello', 0, 3)", Call(ExprOp::kSubstr, kText, Txt("hello"), Int(0), Int(3)));
  add("substr('hello', -1, 3)", Call(ExprOp::kSubstr, kText, Txt("hello"), Int(-1), Int(3)));
  add("substr('héllo', 2, 2)", Call(ExprOp::kSubstr, kText, Txt("héllo"), Int(2), Int(2)));
  add("substr('hello', 2)", Call(ExprOp::kSubstr, kText, Txt("hello"), Int(2)));
  add("substr('hello', 1, -1)", Call(ExprOp::kSubstr, kText, Txt("hello"), Int(1), Int(-1)));
  add("length('é')", Call(ExprOp::kLength, kInt, Txt("é")));
  add("strpos('héllo', 'l')", Call(ExprOp::kPosition, kInt, Txt("héllo"), Txt("l")));
  add("strpos('hello', '')", Call(ExprOp::kPosition, kInt, Txt("hello"), Txt("")));
  add("upper('àéî straße')", Call(ExprOp::kUpper, kText, Txt("àéî straße")));
  add("lower('ΑΒΓ ДЖ ÀÉ')", Call(ExprOp::kLower, kText, Txt("ΑΒΓ ДЖ ÀÉ")));
  add("btrim('xyaxy', 'xy')", Call(ExprOp::kTrim, kText, Txt("xyaxy"), Txt("xy")));
  add("ltrim('  x ')", Call(ExprOp::kLTrim, kText, Txt("  x ")));
  add("rtrim('xxaxx', 'x')", Call(ExprOp::kRTrim, kText, Txt("xxaxx"), Txt("x")));
  add("replace('abcabc', 'b', 'XX')",
      Call(ExprOp::kReplace, kText, Txt("abcabc"), Txt("b"), Txt("XX")));
  add("concat('a', NULL, 1, true, 1.50)",
      SkipNulls(Call(ExprOp::kConcat, kText, Txt("a"), Null(kText), Int(1), Bool(true),
                     Dec(150, 2))));
  add("'a' || NULL", Call(ExprOp::kConcat, kText, Txt("a"), Null(kText)));
  add("'a' || true", Call(ExprOp::kConcat, kText, Txt("a"), Bool(true)));

  // LIKE.
  add("'abc' LIKE 'a_c'", Like(Txt("abc"), "a_c"));
  add("'a%c' LIKE 'a\\%c'", Like(Txt("a%c"), "a\\%c"));
  add("'abc' LIKE 'a\\%c'", Like(Txt("abc"), "a\\%c"));
  add("'a.c' LIKE 'a.c'", Like(Txt("a.c"), "a.c"));
  add("'abc' LIKE 'a.c'", Like(Txt("abc"), "a.c"));
  add("'ÉCOLE' ILIKE 'école'", Like(Txt("ÉCOLE"), "école", true));
  add("'50%' LIKE '50#%' ESCAPE '#'", Like(Txt("50%"), "50#%", false, '#'));
  add("'x\ny' LIKE 'x_y'", Like(Txt("x\ny"), "x_y"));

  // Casts.
  add("' 12 '::bigint", Cast(Txt(" 12 "), kInt));
  add("'abc'::bigint", Cast(Txt("abc"), kInt));
  add("'99999999999999999999'::bigint", Cast(Txt("99999999999999999999"), kInt));
  add("2.5::float8::bigint", Cast(Dbl(2.5), kInt));
  add("3.5::float8::bigint", Cast(Dbl(3.5), kInt));
  add("(-2.5)::float8::bigint", Cast(Dbl(-2.5), kInt));
  add("2.5::numeric(18,1)::bigint", Cast(Dec(25, 1), kInt));
  add("2.675::float8::numeric(18,2)", Cast(Dbl(2.675), Numeric(2)));
  add("(-2.5)::numeric(18,1)::numeric(18,0)", Cast(Dec(-25, 1), Numeric(0)));
  add("'12.345'::numeric(18,2)", Cast(Txt("12.345"), Numeric(2)));
  add("'2024-02-30'::date", Cast(Txt("2024-02-30"), kDate));
  add("'2024-1-5'::date", Cast(Txt("2024-1-5"), kDate));
  add("'20240131'::date", Cast(Txt("20240131"), kDate));
  add("'20240131T103000'::timestamp", Cast(Txt("20240131T103000"), kTs));
  add("'abc'::date", Cast(Txt("abc"), kDate));
  add("'2024-02-10T10:11'::timestamp", Cast(Txt("2024-02-10T10:11"), kTs));
  add("'2024-01-01 24:00:00'::timestamp", Cast(Txt("2024-01-01 24:00:00"), kTs));
  add("true::text", Cast(Bool(true), kText));
  add("'of'::boolean", Cast(Txt("of"), kBool));
  add("'abc'::boolean", Cast(Txt("abc"), kBool));
  add("12.50::numeric(18,2)::text", Cast(Dec(1250, 2), kText));
  add("'1e400'::float8", Cast(Txt("1e400"), kDouble));
  add("0.1::float8::text", Cast(Dbl(0.1), kText));
  add("timestamp '2024-01-01 10:00'::date", Cast(TsLit("2024-01-01 10:00:00"), kDate));

  // Date and time.
  add("date '2024-01-31' + interval '1 month'",
      WithInterval(Call(ExprOp::kAddInterval, kTs, DateLit("2024-01-31")), {.months = 1}));
  add("date '2024-03-31' - interval '1 month'",
      WithInterval(Call(ExprOp::kSubtractInterval, kTs, DateLit("2024-03-31")), {.months = 1}));
  add("timestamp '2024-01-31 10:00' + interval '1 month 1 day 2 hours'",
      WithInterval(Call(ExprOp::kAddInterval, kTs, TsLit("2024-01-31 10:00:00")),
                   {.months = 1, .days = 1, .micros = 7200 * int64_t{1000000}}));
  add("date '2024-02-29' + interval '1 year'",
      WithInterval(Call(ExprOp::kAddInterval, kTs, DateLit("2024-02-29")), {.months = 12}));
  add("extract(dow from date '2024-03-03')::float8",
      WithField(Call(ExprOp::kExtract, kDouble, DateLit("2024-03-03")), "dow"));
  add("extract(isodow from date '2024-03-03')::float8",
      WithField(Call(ExprOp::kExtract, kDouble, DateLit("2024-03-03")), "isodow"));
  add("extract(doy from date '2024-03-03')::float8",
      WithField(Call(ExprOp::kExtract, kDouble, DateLit("2024-03-03")), "doy"));
  add("extract(week from date '2021-01-01')::float8",
      WithField(Call(ExprOp::kExtract, kDouble, DateLit("2021-01-01")), "week"));
  add("extract(epoch from timestamp '2024-03-03 01:02:03.5')::float8",
      WithField(Call(ExprOp::kExtract, kDouble, TsLit("2024-03-03 01:02:03.5")), "epoch"));
  add("extract(second from timestamp '2024-03-03 01:02:03.25')::float8",
      WithField(Call(ExprOp::kExtract, kDouble, TsLit("2024-03-03 01:02:03.25")), "second"));
  add("extract(century from date '2000-12-31')::float8",
      WithField(Call(ExprOp::kExtract, kDouble, DateLit("2000-12-31")), "century"));
  add("extract(hour from date '2024-01-01')",
      WithField(Call(ExprOp::kExtract, kDouble, DateLit("2024-01-01")), "hour"));
  add("date_trunc('week', date '2024-03-03')::timestamp",
      WithField(Call(ExprOp::kDateTrunc, kTs, DateLit("2024-03-03")), "week"));
  add("date_trunc('quarter', timestamp '2024-05-17 10:11:12')",
      WithField(Call(ExprOp::kDateTrunc, kTs, TsLit("2024-05-17 10:11:12")), "quarter"));
  add("date_trunc('century', timestamp '2000-05-17 10:11:12')",
      WithField(Call(ExprOp::kDateTrunc, kTs, TsLit("2000-05-17 10:11:12")), "century"));
  add("date '2024-03-03' - date '2024-01-01'",
      Call(ExprOp::kDateDiffDays, kInt, DateLit("2024-03-03"), DateLit("2024-01-01")));
  add("extract(epoch from timestamp '2024-03-03' - timestamp '2024-03-02 12:00')::float8",
      Call(ExprOp::kTimestampDiff, kDouble, TsLit("2024-03-03 00:00:00"),
           TsLit("2024-03-02 12:00:00")));

  // Numeric functions.
  add("round(2.5::float8)", Call(ExprOp::kRound, kDouble, Dbl(2.5)));
  add("round(-2.5::numeric(18,1))", Call(ExprOp::kRound, Numeric(0), Dec(-25, 1)));
  add("round(2.345::numeric(18,3), 2)", Call(ExprOp::kRound, Numeric(2), Dec(2345, 3), Int(2)));
  add("round(1234.5::numeric(18,1), -2)",
      Call(ExprOp::kRound, Numeric(0), Dec(12345, 1), Int(-2)));
  add("floor(-5.5::numeric(18,1))", Call(ExprOp::kFloor, Numeric(0), Dec(-55, 1)));
  add("ceil(-5.5::float8)", Call(ExprOp::kCeil, kDouble, Dbl(-5.5)));
  add("abs(-5.5::numeric(18,1))", Call(ExprOp::kAbs, Numeric(1), Dec(-55, 1)));

  // Conditionals and IN.
  add("coalesce(NULL, 2, 3)", Call(ExprOp::kCoalesce, kInt, Null(kInt), Int(2), Int(3)));
  add("nullif(1, 1)", Call(ExprOp::kNullIf, kInt, Int(1), Int(1)));
  add("greatest(1, NULL, 3)", Call(ExprOp::kGreatest, kInt, Int(1), Null(kInt), Int(3)));
  add("least(NULL::bigint, NULL)", Call(ExprOp::kLeast, kInt, Null(kInt), Null(kInt)));
  add("CASE WHEN 1 = 0 THEN 'a' WHEN NULL::boolean THEN 'b' END",
      Call(ExprOp::kCase, kText, Call(ExprOp::kEqual, kBool, Int(1), Int(0)), Txt("a"), nb(),
           Txt("b")));
  add("3 IN (1, NULL)", Call(ExprOp::kInList, kBool, Int(3), Int(1), Null(kInt)));
  add("1 IN (1, NULL)", Call(ExprOp::kInList, kBool, Int(1), Int(1), Null(kInt)));
  return c;
}

class PostgresAgreement : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<::tessera::testing::Backend> backend =
        ::tessera::testing::FindBackend("postgresql");
    if (!backend.ok()) {
      if (::tessera::testing::ServersRequired()) FAIL() << backend.status();
      GTEST_SKIP() << backend.status().message();
    }
    connector_ = std::make_unique<odbc::OdbcConnector>(odbc::OdbcSourceOptions{
        .name = "pg", .connection_string = backend->connection_string,
        .dialect = backend->dialect});
  }

  // PostgreSQL's answer as text, "NULL", or "error: <its message>".
  std::string Postgres(const std::string& expression) {
    QueryContext ctx;
    absl::StatusOr<std::unique_ptr<RowBatchStream>> stream =
        connector_->Scan({.sql = absl::StrCat("SELECT (", expression, ")::text")}, ctx);
    if (!stream.ok()) return absl::StrCat("error: ", stream.status().message());
    RowBatch batch((*stream)->schema());
    std::string answer = "(no rows)";
    while (true) {
      absl::StatusOr<bool> more = (*stream)->Next(batch);
      if (!more.ok()) return absl::StrCat("error: ", more.status().message());
      if (!*more) break;
      if (batch.num_rows() > 0) answer = batch.column(0).FormatCell(0);
    }
    return answer;
  }

  std::unique_ptr<odbc::OdbcConnector> connector_;
};

TEST_F(PostgresAgreement, EveryCase) {
  for (const AgreementCase& c : Cases()) {
    SCOPED_TRACE(c.sql);
    const std::string ours = EvalOne(*c.expr);
    const std::string theirs = Postgres(c.sql);
    if (absl::StartsWith(ours, "error: ")) {
      // PostgreSQL's message arrives wrapped in the source's context.
      EXPECT_TRUE(absl::StartsWith(theirs, "error: ") &&
                  absl::StrContains(theirs, ours.substr(7)))
          << "Tessera: " << ours << "\nPostgreSQL: " << theirs;
    } else {
      EXPECT_EQ(ours, theirs) << c.expr->ToString();
    }
  }
}

}  // namespace
}  // namespace tessera::expr_test
