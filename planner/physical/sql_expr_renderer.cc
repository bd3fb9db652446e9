#include "planner/physical/sql_expr_renderer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"

namespace tessera {
namespace {


std::string IntervalText(const Interval& i, bool negate) {
  int64_t sign = negate ? -1 : 1;
  return absl::StrCat(i.months * sign, " months ", i.days * sign, " days ", i.micros * sign, " microseconds");
}

}  // namespace

absl::StatusOr<std::string> SqlExprRenderer::Render(const Expr& e, const std::vector<std::string>& columns) const {
  std::vector<std::string> args;
  for (const auto& a : e.args) {
    ASSIGN_OR_RETURN(std::string s, Render(*a, columns));
    args.push_back(std::move(s));
  }
  const bool pg = d_.kind() == DialectKind::kPostgres;
  const bool maria = d_.kind() == DialectKind::kMariaDb;
  switch (e.op) {
    case ExprOp::kColumn:
      if (e.column < 0 || e.column >= static_cast<int>(columns.size())) {
        return absl::InternalError("column index out of range in SQL generation");
      }
      return columns[e.column];
    case ExprOp::kConstant:
      return d_.RenderLiteral(e.constant);
    case ExprOp::kNegate:
      return absl::StrCat("(-", args[0], ")");
    case ExprOp::kDivide:
      // MariaDB's "/" of integers is exact division; DIV truncates like the engine.
      if (maria && e.type.id == TypeId::kInt64) return absl::StrCat("(", args[0], " DIV ", args[1], ")");
      // The engine reads PostgreSQL's numeric(p,0) columns as bigint, but
      // PostgreSQL divides numerics exactly: div() truncates toward zero
      // like the engine's integer division, for numeric and bigint operands.
      if (pg && e.type.id == TypeId::kInt64) return absl::StrCat("div(", args[0], ", ", args[1], ")");
      [[fallthrough]];
    case ExprOp::kAdd:
    case ExprOp::kSubtract:
    case ExprOp::kMultiply:
    case ExprOp::kModulo:
    case ExprOp::kEqual:
    case ExprOp::kNotEqual:
    case ExprOp::kLess:
    case ExprOp::kLessEqual:
    case ExprOp::kGreater:
    case ExprOp::kGreaterEqual: {
      std::string rhs = args[1];
      // Text order in PostgreSQL follows the database's collation; "C" is
      // the engine's bytewise order.
      if (pg && e.args[0]->type.id == TypeId::kText && e.op != ExprOp::kEqual && e.op != ExprOp::kNotEqual) {
        rhs = absl::StrCat(rhs, " COLLATE \"C\"");
      }
      return absl::StrCat("(", args[0], " ", InfixSymbol(e.op), " ", rhs, ")");
    }
    case ExprOp::kAnd:
      return absl::StrCat("(", absl::StrJoin(args, " AND "), ")");
    case ExprOp::kOr:
      return absl::StrCat("(", absl::StrJoin(args, " OR "), ")");
    case ExprOp::kNot:
      return absl::StrCat("(NOT ", args[0], ")");
    case ExprOp::kIsNull:
      return absl::StrCat("(", args[0], " IS NULL)");
    case ExprOp::kIsNotNull:
      return absl::StrCat("(", args[0], " IS NOT NULL)");
    case ExprOp::kInList: {
      std::vector<std::string> items(args.begin() + 1, args.end());
      return absl::StrCat("(", args[0], " IN (", absl::StrJoin(items, ", "), "))");
    }
    case ExprOp::kLike: {
      std::string op = e.case_insensitive ? "ILIKE" : "LIKE";
      // The escape character is the binder's (`field`). PostgreSQL and
      // MariaDB default to '\'; SQLite has no default and must be told.
      std::string escape_char = e.field.empty() ? "\\" : e.field;
      std::string escape = d_.kind() == DialectKind::kSqlite || escape_char != "\\"
                               ? absl::StrCat(" ESCAPE ", d_.RenderLiteral(Value::Text(escape_char)))
                               : "";
      return absl::StrCat("(", args[0], " ", op, " ", args[1], escape, ")");
    }
    case ExprOp::kCase: {
      std::string out = "(CASE";
      size_t i = 0;
      for (; i + 1 < args.size(); i += 2) absl::StrAppend(&out, " WHEN ", args[i], " THEN ", args[i + 1]);
      if (i < args.size()) absl::StrAppend(&out, " ELSE ", args[i]);
      return absl::StrCat(out, " END)");
    }
    case ExprOp::kCoalesce:
      return absl::StrCat("COALESCE(", absl::StrJoin(args, ", "), ")");
    case ExprOp::kNullIf:
      return absl::StrCat("NULLIF(", args[0], ", ", args[1], ")");
    case ExprOp::kConcat:
      if (e.skip_nulls) return absl::StrCat("concat(", absl::StrJoin(args, ", "), ")");
      if (maria) return absl::StrCat("CONCAT(", absl::StrJoin(args, ", "), ")");
      return absl::StrCat("(", absl::StrJoin(args, " || "), ")");
    case ExprOp::kAddInterval:
    case ExprOp::kSubtractInterval: {
      bool negate = e.op == ExprOp::kSubtractInterval;
      if (pg) {
        return absl::StrCat("(", args[0], " + INTERVAL '", IntervalText(e.interval, negate), "')");
      }
      if (maria) {
        // Months first, then days and microseconds, as PostgreSQL applies them.
        int64_t sign = negate ? -1 : 1;
        std::string out = args[0];
        if (e.interval.months != 0) out = absl::StrCat("DATE_ADD(", out, ", INTERVAL ", sign * e.interval.months, " MONTH)");
        if (e.interval.days != 0) out = absl::StrCat("DATE_ADD(", out, ", INTERVAL ", sign * e.interval.days, " DAY)");
        if (e.interval.micros != 0) {
          out = absl::StrCat("DATE_ADD(", out, ", INTERVAL ", sign * e.interval.micros, " MICROSECOND)");
        }
        if (e.type.id == TypeId::kTimestamp && e.args[0]->type.id == TypeId::kDate) {
          out = absl::StrCat("CAST(", out, " AS DATETIME)");
        }
        return out;
      }
      break;
    }
    case ExprOp::kLower:
      return absl::StrCat("lower(", args[0], ")");
    case ExprOp::kUpper:
      return absl::StrCat("upper(", args[0], ")");
    case ExprOp::kLength:
      return absl::StrCat("char_length(", args[0], ")");
    case ExprOp::kSubstr:
      return absl::StrCat("substr(", absl::StrJoin(args, ", "), ")");
    case ExprOp::kTrim:
      return absl::StrCat("btrim(", absl::StrJoin(args, ", "), ")");
    case ExprOp::kLTrim:
      return absl::StrCat("ltrim(", absl::StrJoin(args, ", "), ")");
    case ExprOp::kRTrim:
      return absl::StrCat("rtrim(", absl::StrJoin(args, ", "), ")");
    case ExprOp::kReplace:
      return absl::StrCat("replace(", absl::StrJoin(args, ", "), ")");
    case ExprOp::kPosition:
      return absl::StrCat("strpos(", args[0], ", ", args[1], ")");
    case ExprOp::kAbs:
      return absl::StrCat("abs(", args[0], ")");
    case ExprOp::kCast:
      if (pg) return absl::StrCat("CAST(", args[0], " AS ", d_.ColumnTypeName(e.type), ")");
      break;
    default:
      break;
  }
  return absl::InternalError(absl::StrCat("no ", d_.name(), " SQL for ", e.ToString()));
}

absl::StatusOr<std::string> SqlExprRenderer::RenderAggregate(const AggregateExpr& a,
                                                             const std::vector<std::string>& columns) const {
  if (a.op == AggregateOp::kCountStar) return std::string("COUNT(*)");
  ASSIGN_OR_RETURN(std::string arg, Render(*a.arg, columns));
  if (IsOrderedSetAggregate(a.op)) {
    if (d_.kind() != DialectKind::kPostgres) {
      return absl::InternalError(absl::StrCat("no ", d_.name(), " SQL for ", AggregateOpName(a.op)));
    }
    // NULLs are skipped whatever their place, so no NULLS FIRST/LAST.
    const std::string direct =
        a.op == AggregateOp::kMode ? "" : d_.RenderLiteral(Value::Double(a.fraction));
    const char* collate = a.arg->type.id == TypeId::kText ? " COLLATE \"C\"" : "";
    return absl::StrCat(AggregateOpName(a.op), "(", direct, ") WITHIN GROUP (ORDER BY ", arg, collate,
                        a.descending ? " DESC" : " ASC", ")");
  }
  static const char* kNames[] = {"COUNT", "COUNT", "SUM", "AVG", "MIN", "MAX"};
  std::string arg_sql = arg;
  // PostgreSQL orders text by the database's collation; MIN/MAX must use "C".
  if (d_.kind() == DialectKind::kPostgres && a.arg->type.id == TypeId::kText &&
      (a.op == AggregateOp::kMin || a.op == AggregateOp::kMax)) {
    arg_sql = absl::StrCat(arg, " COLLATE \"C\"");
  }
  return absl::StrCat(kNames[static_cast<int>(a.op)], "(", a.distinct ? "DISTINCT " : "", arg_sql, ")");
}

absl::StatusOr<std::string> SqlExprRenderer::RenderSortKey(const SortKey& k, const std::vector<std::string>& columns) const {
  ASSIGN_OR_RETURN(std::string key, Render(*k.expr, columns));
  const char* dir = k.descending ? " DESC" : " ASC";
  switch (d_.kind()) {
    case DialectKind::kPostgres: {
      std::string collate = k.expr->type.id == TypeId::kText ? " COLLATE \"C\"" : "";
      return absl::StrCat(key, collate, dir, k.nulls_first ? " NULLS FIRST" : " NULLS LAST");
    }
    case DialectKind::kSqlite:
      return absl::StrCat(key, dir, k.nulls_first ? " NULLS FIRST" : " NULLS LAST");
    case DialectKind::kMariaDb:
      // No NULLS FIRST/LAST: order on "is NULL" first (false before true).
      return absl::StrCat("(", key, " IS NULL)", k.nulls_first ? " DESC" : " ASC", ", ", key, dir);
  }
  return key;
}

}  // namespace tessera
