// File: engine/expr/expr.h
//
// Bound scalar expressions: what the binder produces from the syntax tree and
// what operators evaluate, a batch at a time. Every node is typed; column
// references are indexes into the input batch. Semantics follow PostgreSQL
// (three-valued logic, integer division truncates, NULL propagates), since a
// federated answer must equal the answer of one database.

#ifndef TESSERA_ENGINE_EXPR_EXPR_H_
#define TESSERA_ENGINE_EXPR_EXPR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/types/data_type.h"
#include "engine/types/value.h"

namespace re2 {
class RE2;
}

namespace tessera {

enum class ExprOp {
  kColumn,    // column: the input column index.
  kConstant,  // constant.

  // Arithmetic on numbers (int64, double, decimal); kNegate is unary.
  kAdd, kSubtract, kMultiply, kDivide, kModulo, kNegate,
  // Comparisons of two values of comparable types; result boolean.
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual,
  // Boolean logic, three-valued. kAnd and kOr take two or more arguments.
  kAnd, kOr, kNot,
  kIsNull, kIsNotNull,
  kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse,  // IS [NOT] TRUE/FALSE.
  kIsDistinctFrom, kIsNotDistinctFrom,

  // args[0] LIKE pattern (already compiled into `regex`, case-insensitive for
  // ILIKE, when the pattern is a constant).
  // args[1] is the pattern (a text constant when compiled) and `field` the ESCAPE
  // character (empty for the default '\\'), as the binder and like.h's
  // MakeLike build it: ToString and SQL generation print them, and
  // evaluation compares bytes instead of running `regex` for simple patterns
  // ('abc%'). Without `regex`, args[1] is evaluated per row and each
  // distinct pattern compiled once.
  kLike,
  // args[0] IN (args[1..]); NULL when no match and any item is NULL.
  kInList,
  // CASE WHEN args[0] THEN args[1] WHEN args[2] THEN args[3] ... [ELSE last];
  // the ELSE is present when args.size() is odd. (A simple CASE x WHEN v is
  // bound as searched CASE with x = v conditions.)
  kCase,
  // CAST(args[0] AS type); text to number/date parses and fails on bad text.
  kCast,
  kCoalesce, kNullIf, kGreatest, kLeast,

  // Text functions.
  kConcat,      // a || b (NULL if either is NULL) and concat(...) (NULLs skipped):
                // `skip_nulls` tells which.
  kLower, kUpper, kLength,
  kSubstr,      // substr(s, from [, count]), 1-based like PostgreSQL.
  kTrim, kLTrim, kRTrim,  // Of spaces, or of the characters in args[1].
  kReplace,     // replace(s, from, to).
  kPosition,    // strpos(s, sub): 1-based, 0 when absent.

  // Numeric functions.
  kAbs, kRound, kFloor, kCeil,  // round(x [, digits]).

  // Date and time.
  kDateTrunc,        // date_trunc(field, ts): field in `field`; args[0].
  kExtract,          // extract(field FROM x): double (PostgreSQL 14+ gives numeric).
  kAddInterval,      // args[0] (date or timestamp) + interval; `interval`.
  kSubtractInterval, // args[0] - interval.
  kDateDiffDays,     // date - date: integer days.
  kTimestampDiff,    // timestamp - timestamp: as an interval in seconds (double).
};

// A calendar interval, as PostgreSQL keeps one: months and days are
// calendar-aware (adding a month to Jan 31 gives Feb 28/29), micros are exact.
struct Interval {
  int64_t months = 0;
  int64_t days = 0;
  int64_t micros = 0;
};

struct Expr {
  ExprOp op;
  DataType type;  // The result's type.
  int column = -1;
  Value constant = Value::Null(DataType::Text());
  std::vector<std::unique_ptr<Expr>> args;
  std::string field;                   // kDateTrunc, kExtract: lower case ("month");
                                       // kLike: the ESCAPE character.
  Interval interval;                   // kAddInterval, kSubtractInterval.
  std::shared_ptr<const re2::RE2> regex;  // kLike.
  bool skip_nulls = false;             // kConcat.
  bool case_insensitive = false;       // kLike: ILIKE (the regex already folds case).
  std::string display;                 // How EXPLAIN prints this node (optional).

  // Convenience constructors.
  static std::unique_ptr<Expr> Column(int index, DataType type);
  static std::unique_ptr<Expr> Constant(Value value);
  static std::unique_ptr<Expr> Call(ExprOp op, DataType type, std::vector<std::unique_ptr<Expr>> args);

  std::unique_ptr<Expr> Clone() const;
  // Readable form for EXPLAIN and messages: "(#2 + 1)", "lower(#0)".
  std::string ToString() const;
};

// Aggregate functions of GROUP BY and the whole-input aggregate. The last
// three are the ordered-set aggregates, f(fraction) WITHIN GROUP (ORDER BY
// arg): they see every value of a group, so they cannot be computed in parts.
enum class AggregateOp { kCountStar, kCount, kSum, kAvg, kMin, kMax, kPercentileCont, kPercentileDisc, kMode };

// "count", "sum", ..., "percentile_cont", "percentile_disc", "mode".
const char* AggregateOpName(AggregateOp op);

// Whether `op` is one of the ordered-set aggregates (WITHIN GROUP).
bool IsOrderedSetAggregate(AggregateOp op);

struct AggregateExpr {
  AggregateOp op;
  bool distinct = false;
  std::unique_ptr<Expr> arg;  // Null for count(*); the ORDER BY value of WITHIN GROUP.
  DataType type;              // Result: count bigint; sum of int64 bigint,
                              // of decimal decimal, of double double; avg double;
                              // min/max the argument's type; percentile_cont
                              // double (its arg is double); percentile_disc and
                              // mode the argument's type.
  double fraction = 0;        // kPercentileCont, kPercentileDisc: in [0, 1].
  bool descending = false;    // Ordered-set aggregates: ORDER BY arg DESC.
};

// Window functions over PARTITION BY ... ORDER BY ...; the aggregates
// (count, sum, avg, min, max OVER ...) over the default frame: the partition
// up to the current row and its peers (all of it without ORDER BY).
enum class WindowOp { kRowNumber, kRank, kDenseRank, kLag, kLead, kCountStar, kCount, kSum, kAvg, kMin, kMax };

// "row_number", ..., "count", "sum", ...
const char* WindowOpName(WindowOp op);

struct WindowExpr {
  WindowOp op;
  std::unique_ptr<Expr> arg;           // kLag, kLead, the aggregates but kCountStar: the value.
  int64_t offset = 1;                  // kLag, kLead.
  std::unique_ptr<Expr> default_value; // kLag, kLead: when out of range (else NULL).
  DataType type;
};

// The SQL spelling of a binary operator ("+", "<>", "AND", ...), or nullptr
// for operators that are not written infix.
const char* InfixSymbol(ExprOp op);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXPR_EXPR_H_
