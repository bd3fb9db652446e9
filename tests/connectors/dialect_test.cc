#include "connectors/dialect.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "engine/types/value.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

const Dialect& Sqlite() { return DialectFor(DialectKind::kSqlite); }
const Dialect& Postgres() { return DialectFor(DialectKind::kPostgres); }
const Dialect& MariaDb() { return DialectFor(DialectKind::kMariaDb); }

TEST(Dialect, KindsAndNames) {
  EXPECT_EQ(Sqlite().kind(), DialectKind::kSqlite);
  EXPECT_EQ(Postgres().kind(), DialectKind::kPostgres);
  EXPECT_EQ(MariaDb().kind(), DialectKind::kMariaDb);
  EXPECT_EQ(Sqlite().name(), "SQLite");
  EXPECT_EQ(Postgres().name(), "PostgreSQL");
  EXPECT_EQ(MariaDb().name(), "MariaDB");
  // One instance per kind.
  EXPECT_EQ(&DialectFor(DialectKind::kPostgres), &Postgres());
}

TEST(Dialect, QuotesIdentifiersWithDoubleQuotes) {
  for (const Dialect* d : {&Sqlite(), &Postgres()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->QuoteIdentifier("patients"), "\"patients\"");
    EXPECT_EQ(d->QuoteIdentifier("a\"b"), "\"a\"\"b\"");
    EXPECT_EQ(d->QuoteIdentifier("\""), "\"\"\"\"");
    EXPECT_EQ(d->QuoteIdentifier("\"; DROP TABLE t; --"), "\"\"\"; DROP TABLE t; --\"");
    EXPECT_EQ(d->QuoteIdentifier("a`b"), "\"a`b\"");
    EXPECT_EQ(d->QuoteIdentifier("Mixed Case"), "\"Mixed Case\"");
    EXPECT_EQ(d->QuoteIdentifier(""), "\"\"");
  }
}

TEST(Dialect, MariaDbQuotesIdentifiersWithBackticks) {
  EXPECT_EQ(MariaDb().QuoteIdentifier("patients"), "`patients`");
  EXPECT_EQ(MariaDb().QuoteIdentifier("a`b"), "`a``b`");
  EXPECT_EQ(MariaDb().QuoteIdentifier("``"), "``````");
  EXPECT_EQ(MariaDb().QuoteIdentifier("a\"b"), "`a\"b`");
  EXPECT_EQ(MariaDb().QuoteIdentifier("` OR 1=1"), "``` OR 1=1`");
}

TEST(Dialect, QualifiedName) {
  EXPECT_EQ(Postgres().QualifiedName("", "t"), "\"t\"");
  EXPECT_EQ(Postgres().QualifiedName("ehr", "visits"), "\"ehr\".\"visits\"");
  EXPECT_EQ(Sqlite().QualifiedName("main", "a\"b"), "\"main\".\"a\"\"b\"");
  EXPECT_EQ(MariaDb().QualifiedName("", "t"), "`t`");
  EXPECT_EQ(MariaDb().QualifiedName("ehr", "v`x"), "`ehr`.`v``x`");
  // A dot inside a name stays inside the quotes.
  EXPECT_EQ(Postgres().QualifiedName("a.b", "c"), "\"a.b\".\"c\"");
}

TEST(Dialect, RendersNullOfEveryTypeAsNull) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    SCOPED_TRACE(d->name());
    for (DataType t : {DataType::Bool(), DataType::Int64(), DataType::Double(),
                       DataType::Decimal(2), DataType::Text(), DataType::Date(),
                       DataType::Timestamp()}) {
      EXPECT_EQ(d->RenderLiteral(Value::Null(t)), "NULL") << t.ToString();
    }
  }
}

TEST(Dialect, RendersBooleans) {
  EXPECT_EQ(Postgres().RenderLiteral(Value::Bool(true)), "TRUE");
  EXPECT_EQ(Postgres().RenderLiteral(Value::Bool(false)), "FALSE");
  EXPECT_EQ(MariaDb().RenderLiteral(Value::Bool(true)), "TRUE");
  EXPECT_EQ(MariaDb().RenderLiteral(Value::Bool(false)), "FALSE");
  EXPECT_EQ(Sqlite().RenderLiteral(Value::Bool(true)), "1");
  EXPECT_EQ(Sqlite().RenderLiteral(Value::Bool(false)), "0");
}

TEST(Dialect, RendersIntegersAndDecimals) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->RenderLiteral(Value::Int64(0)), "0");
    EXPECT_EQ(d->RenderLiteral(Value::Int64(-42)), "-42");
    EXPECT_EQ(d->RenderLiteral(Value::Int64(std::numeric_limits<int64_t>::max())),
              "9223372036854775807");
    EXPECT_EQ(d->RenderLiteral(Value::Decimal(-1230, 2)), "-12.30");
    EXPECT_EQ(d->RenderLiteral(Value::Decimal(5, 2)), "0.05");
    EXPECT_EQ(d->RenderLiteral(Value::Decimal(17, 0)), "17");
  }
}

TEST(Dialect, RendersDoublesThatReadBackExactly) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->RenderLiteral(Value::Double(0.1)), "0.1");
    EXPECT_EQ(d->RenderLiteral(Value::Double(1.0)), "1.0");
    EXPECT_EQ(d->RenderLiteral(Value::Double(-3.0)), "-3.0");
    EXPECT_EQ(d->RenderLiteral(Value::Double(2.5)), "2.5");
    EXPECT_EQ(d->RenderLiteral(Value::Double(0.0)), "0.0");
    EXPECT_EQ(d->RenderLiteral(Value::Double(1e20)), "1e+20");
    EXPECT_EQ(d->RenderLiteral(Value::Double(1e-7)), "1e-07");
    for (double v : {0.1, 1.0 / 3.0, -2.0 / 7.0, 123456789.123456789, 1e300, 5e-324,
                     std::numeric_limits<double>::max(), 4503599627370497.0}) {
      std::string text = d->RenderLiteral(Value::Double(v));
      EXPECT_NE(text.find_first_of(".e"), std::string::npos) << text;
      EXPECT_EQ(std::strtod(text.c_str(), nullptr), v) << text;
    }
  }
}

TEST(Dialect, RendersNonFiniteDoublesAsNull) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->RenderLiteral(Value::Double(std::nan(""))), "NULL");
    EXPECT_EQ(d->RenderLiteral(Value::Double(std::numeric_limits<double>::infinity())), "NULL");
    EXPECT_EQ(d->RenderLiteral(Value::Double(-std::numeric_limits<double>::infinity())), "NULL");
  }
}

TEST(Dialect, RendersTextDoublingQuotes) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->RenderLiteral(Value::Text("plain")), "'plain'");
    EXPECT_EQ(d->RenderLiteral(Value::Text("")), "''");
    EXPECT_EQ(d->RenderLiteral(Value::Text("it's")), "'it''s'");
    EXPECT_EQ(d->RenderLiteral(Value::Text("'")), "''''");
    EXPECT_EQ(d->RenderLiteral(Value::Text("'; DROP TABLE t; --")), "'''; DROP TABLE t; --'");
    EXPECT_EQ(d->RenderLiteral(Value::Text("say \"hi\"")), "'say \"hi\"'");
    EXPECT_EQ(d->RenderLiteral(Value::Text("two\nlines")), "'two\nlines'");
  }
}

TEST(Dialect, PostgresAndSqliteKeepBackslashes) {
  for (const Dialect* d : {&Sqlite(), &Postgres()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->RenderLiteral(Value::Text("C:\\temp")), "'C:\\temp'");
    EXPECT_EQ(d->RenderLiteral(Value::Text("\\")), "'\\'");
    // A backslash before a quote must not escape it: the quote is doubled.
    EXPECT_EQ(d->RenderLiteral(Value::Text("\\'")), "'\\'''");
  }
}

TEST(Dialect, MariaDbDoublesBackslashes) {
  EXPECT_EQ(MariaDb().RenderLiteral(Value::Text("C:\\temp")), "'C:\\\\temp'");
  EXPECT_EQ(MariaDb().RenderLiteral(Value::Text("\\")), "'\\\\'");
  EXPECT_EQ(MariaDb().RenderLiteral(Value::Text("\\\\n")), "'\\\\\\\\n'");
  // Without doubling, \' would end the escape and leave the literal open.
  EXPECT_EQ(MariaDb().RenderLiteral(Value::Text("\\'")), "'\\\\'''");
  EXPECT_EQ(MariaDb().RenderLiteral(Value::Text("\\'; DROP TABLE t; --")),
            "'\\\\''; DROP TABLE t; --'");
}

TEST(Dialect, RendersDates) {
  Value date = Value::Date(absl::CivilDay(2024, 2, 29));
  Value old = Value::Date(absl::CivilDay(1900, 1, 1));
  EXPECT_EQ(Postgres().RenderLiteral(date), "DATE '2024-02-29'");
  EXPECT_EQ(MariaDb().RenderLiteral(date), "DATE '2024-02-29'");
  EXPECT_EQ(Sqlite().RenderLiteral(date), "'2024-02-29'");
  EXPECT_EQ(Postgres().RenderLiteral(old), "DATE '1900-01-01'");
  EXPECT_EQ(Sqlite().RenderLiteral(old), "'1900-01-01'");
}

TEST(Dialect, RendersTimestamps) {
  Value whole = Value::Timestamp(absl::CivilSecond(2024, 2, 29, 13, 45, 0));
  Value fraction = Value::TimestampFromMicros(1709214300000500);
  Value before_epoch = Value::TimestampFromMicros(-1);
  EXPECT_EQ(Postgres().RenderLiteral(whole), "TIMESTAMP '2024-02-29 13:45:00'");
  EXPECT_EQ(MariaDb().RenderLiteral(whole), "TIMESTAMP '2024-02-29 13:45:00'");
  EXPECT_EQ(Sqlite().RenderLiteral(whole), "'2024-02-29 13:45:00'");
  EXPECT_EQ(Postgres().RenderLiteral(fraction), "TIMESTAMP '2024-02-29 13:45:00.000500'");
  EXPECT_EQ(MariaDb().RenderLiteral(fraction), "TIMESTAMP '2024-02-29 13:45:00.000500'");
  EXPECT_EQ(Sqlite().RenderLiteral(fraction), "'2024-02-29 13:45:00.000500'");
  EXPECT_EQ(Postgres().RenderLiteral(before_epoch), "TIMESTAMP '1969-12-31 23:59:59.999999'");
  EXPECT_EQ(Sqlite().RenderLiteral(before_epoch), "'1969-12-31 23:59:59.999999'");
}

TEST(Dialect, ColumnTypeNames) {
  for (const Dialect* d : {&Sqlite(), &Postgres()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->ColumnTypeName(DataType::Bool()), "BOOLEAN");
    EXPECT_EQ(d->ColumnTypeName(DataType::Int64()), "BIGINT");
    EXPECT_EQ(d->ColumnTypeName(DataType::Double()), "DOUBLE PRECISION");
    EXPECT_EQ(d->ColumnTypeName(DataType::Decimal(4)), "DECIMAL(18,4)");
    EXPECT_EQ(d->ColumnTypeName(DataType::Text()), "TEXT");
    EXPECT_EQ(d->ColumnTypeName(DataType::Date()), "DATE");
    EXPECT_EQ(d->ColumnTypeName(DataType::Timestamp()), "TIMESTAMP");
  }
  EXPECT_EQ(MariaDb().ColumnTypeName(DataType::Bool()), "BOOLEAN");
  EXPECT_EQ(MariaDb().ColumnTypeName(DataType::Int64()), "BIGINT");
  EXPECT_EQ(MariaDb().ColumnTypeName(DataType::Double()), "DOUBLE");
  EXPECT_EQ(MariaDb().ColumnTypeName(DataType::Decimal(2)), "DECIMAL(18,2)");
  EXPECT_EQ(MariaDb().ColumnTypeName(DataType::Text()), "VARCHAR(255)");
  EXPECT_EQ(MariaDb().ColumnTypeName(DataType::Date()), "DATE");
  EXPECT_EQ(MariaDb().ColumnTypeName(DataType::Timestamp()), "DATETIME(6)");
}

TEST(Dialect, LimitClauseEmptyWithoutLimitOrOffset) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    EXPECT_EQ(d->LimitClause(std::nullopt, 0), "") << d->name();
  }
}

TEST(Dialect, LimitClauseLimitOnly) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->LimitClause(10, 0), " LIMIT 10");
    EXPECT_EQ(d->LimitClause(0, 0), " LIMIT 0");
  }
}

TEST(Dialect, LimitClauseOffsetOnly) {
  EXPECT_EQ(Postgres().LimitClause(std::nullopt, 5), " LIMIT ALL OFFSET 5");
  EXPECT_EQ(Sqlite().LimitClause(std::nullopt, 5), " LIMIT 9223372036854775807 OFFSET 5");
  EXPECT_EQ(MariaDb().LimitClause(std::nullopt, 5), " LIMIT 9223372036854775807 OFFSET 5");
}

TEST(Dialect, LimitClauseLimitAndOffset) {
  for (const Dialect* d : {&Sqlite(), &Postgres(), &MariaDb()}) {
    SCOPED_TRACE(d->name());
    EXPECT_EQ(d->LimitClause(10, 5), " LIMIT 10 OFFSET 5");
    EXPECT_EQ(d->LimitClause(0, 100), " LIMIT 0 OFFSET 100");
  }
}

TEST(Dialect, ParseDialectKindAcceptsEachSpelling) {
  struct Case {
    const char* text;
    DialectKind kind;
  };
  for (const Case& c : {Case{"sqlite", DialectKind::kSqlite}, Case{"SQLite", DialectKind::kSqlite},
                        Case{"postgresql", DialectKind::kPostgres},
                        Case{"postgres", DialectKind::kPostgres},
                        Case{"PostgreSQL", DialectKind::kPostgres},
                        Case{"mariadb", DialectKind::kMariaDb},
                        Case{"MariaDB", DialectKind::kMariaDb},
                        Case{"mysql", DialectKind::kMariaDb}, Case{"MySQL", DialectKind::kMariaDb}}) {
    auto kind = ParseDialectKind(c.text);
    ASSERT_TRUE(kind.ok()) << c.text << ": " << kind.status();
    EXPECT_EQ(*kind, c.kind) << c.text;
  }
}

TEST(Dialect, ParseDialectKindRejectsOthers) {
  for (const char* text : {"", "pg", "sqlite3", " sqlite", "postgresql ", "maria", "oracle"}) {
    auto kind = ParseDialectKind(text);
    ASSERT_FALSE(kind.ok()) << text;
    EXPECT_EQ(kind.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(kind.status().message(),
              absl::StrCat("unknown SQL dialect \"", text,
                           "\" (expected sqlite, postgresql or mariadb)"));
  }
}

}  // namespace
}  // namespace tessera
