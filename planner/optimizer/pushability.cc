#include "planner/optimizer/pushability.h"

#include <cmath>

namespace tessera {
namespace {

bool IsText(const Expr& e) { return e.type.id == TypeId::kText; }

// The weakest of two answers.
Pushability Min(Pushability a, Pushability b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; }

Pushability Classify(const Expr& e, DialectKind d, bool top_level) {
  const bool pg = d == DialectKind::kPostgres;
  const bool maria = d == DialectKind::kMariaDb;
  auto args_exact = [&]() {
    Pushability p = Pushability::kExact;
    for (const auto& a : e.args) p = Min(p, Classify(*a, d, false));
    return p == Pushability::kExact ? Pushability::kExact : Pushability::kNo;
  };
  switch (e.op) {
    case ExprOp::kColumn:
      return Pushability::kExact;
    case ExprOp::kConstant:
      if (e.type.id == TypeId::kDouble && !e.constant.is_null() && !std::isfinite(e.constant.double_value())) {
        return Pushability::kNo;
      }
      return Pushability::kExact;
    case ExprOp::kAdd:
    case ExprOp::kSubtract:
    case ExprOp::kMultiply:
      // SQLite has no decimal type: its DECIMAL columns hold doubles, so
      // 3 * 1.1 is 3.3000000000000003 there, not the engine's exact 3.3.
      if (d == DialectKind::kSqlite && e.type.id == TypeId::kDecimal && e.type.scale > 0) return Pushability::kNo;
      return args_exact();
    case ExprOp::kNegate:
      return args_exact();
    case ExprOp::kDivide:
    case ExprOp::kModulo:
      // Division by zero is an error in PostgreSQL, NULL in the others.
      return pg ? args_exact() : Pushability::kNo;
    case ExprOp::kEqual:
    case ExprOp::kNotEqual:
    case ExprOp::kLess:
    case ExprOp::kLessEqual:
    case ExprOp::kGreater:
    case ExprOp::kGreaterEqual: {
      Pushability p = args_exact();
      if (p == Pushability::kNo || !IsText(*e.args[0])) return p;
      if (!maria) return p;  // PostgreSQL comparisons are rendered COLLATE "C".
      // MariaDB compares text case- and trailing-space-insensitively: its
      // equality is a superset of the exact one; the rest is not.
      return e.op == ExprOp::kEqual && top_level ? Pushability::kSuperset : Pushability::kNo;
    }
    case ExprOp::kInList: {
      Pushability p = args_exact();
      if (p == Pushability::kNo || !IsText(*e.args[0]) || !maria) return p;
      return top_level ? Pushability::kSuperset : Pushability::kNo;
    }
    case ExprOp::kLike: {
      Pushability p = args_exact();
      if (p == Pushability::kNo) return p;
      bool ilike = e.case_insensitive;
      if (pg) return p;
      // SQLite's and MariaDB's LIKE ignore case (ASCII-only in SQLite): a
      // superset of LIKE; ILIKE they cannot match for non-ASCII text.
      return !ilike && top_level ? Pushability::kSuperset : Pushability::kNo;
    }
    case ExprOp::kAnd: {
      // Inside a top-level AND, each part keeps its own standing only if all
      // are exact (a superset part would make the whole inexact).
      return args_exact();
    }
    case ExprOp::kOr:
    case ExprOp::kNot:
    case ExprOp::kIsNull:
    case ExprOp::kIsNotNull:
    case ExprOp::kCase:
    case ExprOp::kCoalesce:
      return args_exact();
    case ExprOp::kNullIf:
      // NULLIF compares with MariaDB's case-insensitive "=": NULLIF('MAIN',
      // 'main') is NULL there.
      if (maria && IsText(*e.args[0])) return Pushability::kNo;
      return args_exact();
    case ExprOp::kConcat:
      if (e.skip_nulls) return pg ? args_exact() : Pushability::kNo;
      return args_exact();
    case ExprOp::kAddInterval:
    case ExprOp::kSubtractInterval:
      // PostgreSQL and MariaDB clamp month arithmetic to the month's end as
      // the engine does; SQLite's date modifiers do not.
      return d == DialectKind::kSqlite ? Pushability::kNo : args_exact();
    case ExprOp::kLower:
    case ExprOp::kUpper:
    case ExprOp::kLength:
    case ExprOp::kSubstr:
    case ExprOp::kTrim:
    case ExprOp::kLTrim:
    case ExprOp::kRTrim:
    case ExprOp::kReplace:
    case ExprOp::kPosition:
    case ExprOp::kAbs:
      return pg ? args_exact() : Pushability::kNo;
    case ExprOp::kCast: {
      // Only conversions every engine agrees on, in PostgreSQL.
      if (!pg) return Pushability::kNo;
      const TypeId from = e.args[0]->type.id, to = e.type.id;
      bool numeric = (from == TypeId::kInt64 || from == TypeId::kDecimal) &&
                     (to == TypeId::kDouble || to == TypeId::kDecimal);
      bool temporal = from == TypeId::kDate && to == TypeId::kTimestamp;
      return numeric || temporal ? args_exact() : Pushability::kNo;
    }
    default:
      return Pushability::kNo;
  }
}

}  // namespace

Pushability ConditionPushability(const Expr& condition, DialectKind dialect) {
  return Classify(condition, dialect, true);
}

bool CanPushExact(const Expr& expr, DialectKind dialect) {
  return Classify(expr, dialect, false) == Pushability::kExact;
}

bool CanPushOrdering(const DataType& type, DialectKind dialect) {
  return !(type.id == TypeId::kText && dialect == DialectKind::kMariaDb);
}

bool CanPushAggregate(const AggregateExpr& a, DialectKind dialect) {
  if (a.arg != nullptr && !CanPushExact(*a.arg, dialect)) return false;
  switch (a.op) {
    case AggregateOp::kCountStar:
      return true;
    case AggregateOp::kCount:
      return !a.distinct || CanPushOrdering(a.arg->type, dialect);
    case AggregateOp::kSum:
      return !a.distinct;
    case AggregateOp::kAvg:
      // MariaDB's AVG of integers keeps four decimal digits only.
      return !a.distinct && dialect != DialectKind::kMariaDb;
    case AggregateOp::kMin:
    case AggregateOp::kMax:
      return CanPushOrdering(a.arg->type, dialect);
    case AggregateOp::kPercentileCont:
    case AggregateOp::kPercentileDisc:
    case AggregateOp::kMode:
      // Only PostgreSQL has the ordered-set aggregates (MariaDB's
      // PERCENTILE_CONT is a window function only; SQLite has none).
      return dialect == DialectKind::kPostgres && !a.distinct;
  }
  return false;
}

}  // namespace tessera
