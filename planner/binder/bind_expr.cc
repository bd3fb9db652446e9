// Binding of scalar expressions: names, literals, operators, CASE, CAST and
// the like. Functions are in bind_function.cc.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "engine/expr/like.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/interval_parser.h"
#include "planner/binder/type_rules.h"
#include "planner/parser/parser.h"

namespace tessera {
namespace {

using ExprList = std::vector<std::unique_ptr<Expr>>;

bool IsTextLiteral(const Expr& e) { return e.op == ExprOp::kConstant && e.type.id == TypeId::kText; }

std::unique_ptr<Expr> MakeCall(ExprOp op, DataType type, std::unique_ptr<Expr> a,
                               std::unique_ptr<Expr> b = nullptr) {
  ExprList args;
  args.push_back(std::move(a));
  if (b != nullptr) args.push_back(std::move(b));
  return Expr::Call(op, type, std::move(args));
}

}  // namespace

absl::Status Binder::ErrorAt(absl::Status status, int location) const {
  if (location < 0 || ErrorPosition(status).has_value()) return status;
  return WithPosition(std::move(status), sql_, location);
}

// Brings a list of expressions to one type: untyped string literals take the
// type of the others, numbers widen.
static absl::Status UnifyTypes(ExprList& exprs, const char* what) {
  std::optional<DataType> common;
  for (const auto& e : exprs) {
    if (IsTextLiteral(*e) || (e->op == ExprOp::kConstant && e->constant.is_null())) continue;
    if (!common.has_value()) {
      common = e->type;
      continue;
    }
    std::optional<DataType> c = CommonType(*common, e->type);
    if (!c.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(what, " types ", common->ToString(), " and ",
                                                     e->type.ToString(), " cannot be matched"));
    }
    common = c;
  }
  if (!common.has_value()) {
    // Only untyped literals and NULLs: text, as PostgreSQL resolves them.
    common = DataType::Text();
  }
  for (auto& e : exprs) {
    ASSIGN_OR_RETURN(e, CoerceTo(std::move(e), *common));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindExpr(const ast::Expr& expr, ExprContext& ctx) {
  auto bind = [&](const ast::Expr& e) { return BindExpr(e, ctx); };
  auto bind_all = [&](const std::vector<std::unique_ptr<ast::Expr>>& list) -> absl::StatusOr<ExprList> {
    ExprList out;
    for (const auto& e : list) {
      ASSIGN_OR_RETURN(auto b, bind(*e));
      out.push_back(std::move(b));
    }
    return out;
  };
  switch (expr.kind) {
    case ast::ExprKind::kColumnRef: {
      if (expr.names.empty() || expr.names.back() == "*") {
        return ErrorAt(absl::InvalidArgumentError("\"*\" is only allowed in the SELECT list"), expr.location);
      }
      std::string qualifier = expr.names.size() >= 2 ? expr.names[expr.names.size() - 2] : "";
      absl::StatusOr<int> index = ctx.scope->Resolve(qualifier, expr.names.back());
      if (!index.ok()) return ErrorAt(index.status(), expr.location);
      return Expr::Column(*index, ctx.scope->columns()[*index].type);
    }
    case ast::ExprKind::kLiteral:
      return Expr::Constant(*expr.value);
    case ast::ExprKind::kParam:
      return ErrorAt(absl::InvalidArgumentError("query parameters ($n) are not supported"), expr.location);
    case ast::ExprKind::kUnary: {
      ASSIGN_OR_RETURN(auto arg, bind(*expr.args[0]));
      if (expr.op == "NOT") {
        ASSIGN_OR_RETURN(arg, CoerceTo(std::move(arg), DataType::Bool()));
        if (arg->type.id != TypeId::kBool) {
          return ErrorAt(absl::InvalidArgumentError("argument of NOT must be type boolean"), expr.location);
        }
        return MakeCall(ExprOp::kNot, DataType::Bool(), std::move(arg));
      }
      if (!IsNumeric(arg->type)) {
        return ErrorAt(absl::InvalidArgumentError(absl::StrCat("operator does not exist: ", expr.op, " ",
                                                               arg->type.ToString())),
                       expr.location);
      }
      if (expr.op == "+") return arg;
      DataType t = arg->type;
      return MakeCall(ExprOp::kNegate, t, std::move(arg));
    }
    case ast::ExprKind::kBinary:
      return BindBinary(expr, ctx);
    case ast::ExprKind::kIsNull: {
      ASSIGN_OR_RETURN(auto arg, bind(*expr.args[0]));
      return MakeCall(expr.negated ? ExprOp::kIsNotNull : ExprOp::kIsNull, DataType::Bool(), std::move(arg));
    }
    case ast::ExprKind::kIsBool: {
      ASSIGN_OR_RETURN(auto arg, bind(*expr.args[0]));
      ASSIGN_OR_RETURN(arg, CoerceTo(std::move(arg), DataType::Bool()));
      ExprOp op;
      if (expr.op == "TRUE") {
        op = expr.negated ? ExprOp::kIsNotTrue : ExprOp::kIsTrue;
      } else if (expr.op == "FALSE") {
        op = expr.negated ? ExprOp::kIsNotFalse : ExprOp::kIsFalse;
      } else {
        op = expr.negated ? ExprOp::kIsNotNull : ExprOp::kIsNull;
      }
      return MakeCall(op, DataType::Bool(), std::move(arg));
    }
    case ast::ExprKind::kBetween: {
      ASSIGN_OR_RETURN(ExprList args, bind_all(expr.args));
      RETURN_IF_ERROR(ErrorAt(UnifyTypes(args, "BETWEEN"), expr.location));
      auto low = MakeCall(ExprOp::kGreaterEqual, DataType::Bool(), args[0]->Clone(), std::move(args[1]));
      auto high = MakeCall(ExprOp::kLessEqual, DataType::Bool(), std::move(args[0]), std::move(args[2]));
      auto both = MakeCall(ExprOp::kAnd, DataType::Bool(), std::move(low), std::move(high));
      return expr.negated ? MakeCall(ExprOp::kNot, DataType::Bool(), std::move(both)) : std::move(both);
    }
    case ast::ExprKind::kInList: {
      ASSIGN_OR_RETURN(ExprList args, bind_all(expr.args));
      RETURN_IF_ERROR(ErrorAt(UnifyTypes(args, "IN"), expr.location));
      auto in = Expr::Call(ExprOp::kInList, DataType::Bool(), std::move(args));
      return expr.negated ? MakeCall(ExprOp::kNot, DataType::Bool(), std::move(in)) : std::move(in);
    }
    case ast::ExprKind::kLike: {
      ASSIGN_OR_RETURN(auto value, bind(*expr.args[0]));
      ASSIGN_OR_RETURN(auto pattern, bind(*expr.args[1]));
      if (pattern->type.id != TypeId::kText) {
        return ErrorAt(absl::InvalidArgumentError(absl::StrCat(expr.case_insensitive ? "ILIKE" : "LIKE",
                                                               " pattern must be text, not ",
                                                               pattern->type.ToString())),
                       expr.args[1]->location);
      }
      char escape = '\\';
      if (expr.args.size() > 2) {
        ASSIGN_OR_RETURN(auto esc, bind(*expr.args[2]));
        if (esc->op != ExprOp::kConstant || esc->type.id != TypeId::kText || esc->constant.text_value().size() != 1) {
          return ErrorAt(absl::InvalidArgumentError("ESCAPE must be a single character"), expr.args[2]->location);
        }
        escape = esc->constant.text_value()[0];
      }
      ASSIGN_OR_RETURN(value, CoerceTo(std::move(value), DataType::Text()));
      if (pattern->op != ExprOp::kConstant || pattern->constant.is_null()) {
        // A pattern from the row: compiled as evaluation meets it.
        auto like = MakeCall(ExprOp::kLike, DataType::Bool(), std::move(value), std::move(pattern));
        like->case_insensitive = expr.case_insensitive;
        like->field = std::string(1, escape);
        return expr.negated ? MakeCall(ExprOp::kNot, DataType::Bool(), std::move(like)) : std::move(like);
      }
      absl::StatusOr<std::shared_ptr<const re2::RE2>> regex =
          CompileLikePattern(pattern->constant.text_value(), expr.case_insensitive, escape);
      if (!regex.ok()) return ErrorAt(regex.status(), expr.args[1]->location);
      auto like = MakeCall(ExprOp::kLike, DataType::Bool(), std::move(value), std::move(pattern));
      like->regex = *regex;
      like->case_insensitive = expr.case_insensitive;
      like->field = std::string(1, escape);  // For SQL generation.
      return expr.negated ? MakeCall(ExprOp::kNot, DataType::Bool(), std::move(like)) : std::move(like);
    }
    case ast::ExprKind::kCase: {
      ExprList conditions, results;
      std::unique_ptr<Expr> operand;
      if (expr.case_operand != nullptr) {
        ASSIGN_OR_RETURN(operand, bind(*expr.case_operand));
      }
      for (size_t i = 0; i < expr.case_when.size(); ++i) {
        ASSIGN_OR_RETURN(auto when, bind(*expr.case_when[i]));
        if (operand != nullptr) {
          ExprList pair;
          pair.push_back(operand->Clone());
          pair.push_back(std::move(when));
          RETURN_IF_ERROR(ErrorAt(UnifyTypes(pair, "CASE"), expr.case_when[i]->location));
          when = MakeCall(ExprOp::kEqual, DataType::Bool(), std::move(pair[0]), std::move(pair[1]));
        }
        ASSIGN_OR_RETURN(when, CoerceTo(std::move(when), DataType::Bool()));
        if (when->type.id != TypeId::kBool) {
          return ErrorAt(absl::InvalidArgumentError("argument of CASE/WHEN must be type boolean"),
                         expr.case_when[i]->location);
        }
        conditions.push_back(std::move(when));
        ASSIGN_OR_RETURN(auto then, bind(*expr.case_then[i]));
        results.push_back(std::move(then));
      }
      if (expr.case_else != nullptr) {
        ASSIGN_OR_RETURN(auto otherwise, bind(*expr.case_else));
        results.push_back(std::move(otherwise));
      }
      RETURN_IF_ERROR(ErrorAt(UnifyTypes(results, "CASE"), expr.location));
      DataType type = results[0]->type;
      ExprList args;
      for (size_t i = 0; i < conditions.size(); ++i) {
        args.push_back(std::move(conditions[i]));
        args.push_back(std::move(results[i]));
      }
      if (expr.case_else != nullptr) args.push_back(std::move(results.back()));
      return Expr::Call(ExprOp::kCase, type, std::move(args));
    }
    case ast::ExprKind::kCast: {
      ASSIGN_OR_RETURN(auto arg, bind(*expr.args[0]));
      absl::StatusOr<DataType> type = ParseTypeName(expr.type_name);
      if (!type.ok()) return ErrorAt(type.status(), expr.location);
      absl::StatusOr<std::unique_ptr<Expr>> cast = CoerceTo(std::move(arg), *type);
      if (!cast.ok()) return ErrorAt(cast.status(), expr.location);
      return cast;
    }
    case ast::ExprKind::kCoalesce:
    case ast::ExprKind::kGreatest:
    case ast::ExprKind::kLeast:
    case ast::ExprKind::kNullIf: {
      ASSIGN_OR_RETURN(ExprList args, bind_all(expr.args));
      const char* name = expr.kind == ast::ExprKind::kCoalesce   ? "COALESCE"
                         : expr.kind == ast::ExprKind::kGreatest ? "GREATEST"
                         : expr.kind == ast::ExprKind::kLeast    ? "LEAST"
                                                                 : "NULLIF";
      RETURN_IF_ERROR(ErrorAt(UnifyTypes(args, name), expr.location));
      ExprOp op = expr.kind == ast::ExprKind::kCoalesce   ? ExprOp::kCoalesce
                  : expr.kind == ast::ExprKind::kGreatest ? ExprOp::kGreatest
                  : expr.kind == ast::ExprKind::kLeast    ? ExprOp::kLeast
                                                          : ExprOp::kNullIf;
      DataType type = args[0]->type;
      return Expr::Call(op, type, std::move(args));
    }
    case ast::ExprKind::kFunction:
      return BindFunction(expr, ctx);
    case ast::ExprKind::kSubquery:
      if (expr.subquery_kind == ast::SubqueryKind::kScalar) return BindScalarSubquery(expr, ctx);
      return BindMarkSubquery(expr, ctx);
    case ast::ExprKind::kCurrent: {
      absl::CivilSecond now = absl::ToCivilSecond(Now(), absl::UTCTimeZone());
      if (expr.op == "current_date") return Expr::Constant(Value::Date(absl::CivilDay(now)));
      return Expr::Constant(Value::Timestamp(now));
    }
    case ast::ExprKind::kInterval:
      return ErrorAt(absl::InvalidArgumentError("an interval can only be added to or subtracted from a date or timestamp"),
                     expr.location);
  }
  return ErrorAt(absl::InternalError("unhandled expression kind"), expr.location);
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindBinary(const ast::Expr& expr, ExprContext& ctx) {
  const std::string& op = expr.op;
  // date/timestamp +/- interval.
  if ((op == "+" || op == "-") && expr.args[1]->kind == ast::ExprKind::kInterval) {
    ASSIGN_OR_RETURN(auto left, BindExpr(*expr.args[0], ctx));
    if (IsTextLiteral(*left)) {
      ASSIGN_OR_RETURN(left, CoerceTo(std::move(left), DataType::Timestamp()));
    }
    if (left->type.id != TypeId::kDate && left->type.id != TypeId::kTimestamp) {
      return ErrorAt(absl::InvalidArgumentError(absl::StrCat("operator does not exist: ", left->type.ToString(), " ",
                                                             op, " interval")),
                     expr.location);
    }
    absl::StatusOr<Interval> interval = ParseInterval(expr.args[1]->text);
    if (!interval.ok()) return ErrorAt(interval.status(), expr.args[1]->location);
    // PostgreSQL: date + interval is a timestamp.
    auto call = MakeCall(op == "+" ? ExprOp::kAddInterval : ExprOp::kSubtractInterval, DataType::Timestamp(),
                         std::move(left));
    call->interval = *interval;
    return call;
  }
  ASSIGN_OR_RETURN(auto left, BindExpr(*expr.args[0], ctx));
  ASSIGN_OR_RETURN(auto right, BindExpr(*expr.args[1], ctx));
  auto fail = [&](absl::string_view why) {
    return ErrorAt(absl::InvalidArgumentError(why), expr.location);
  };
  if (op == "AND" || op == "OR") {
    ASSIGN_OR_RETURN(left, CoerceTo(std::move(left), DataType::Bool()));
    ASSIGN_OR_RETURN(right, CoerceTo(std::move(right), DataType::Bool()));
    if (left->type.id != TypeId::kBool || right->type.id != TypeId::kBool) {
      return fail(absl::StrCat("argument of ", op, " must be type boolean"));
    }
    return MakeCall(op == "AND" ? ExprOp::kAnd : ExprOp::kOr, DataType::Bool(), std::move(left), std::move(right));
  }
  if (op == "||") {
    ASSIGN_OR_RETURN(left, CoerceTo(std::move(left), DataType::Text()));
    ASSIGN_OR_RETURN(right, CoerceTo(std::move(right), DataType::Text()));
    return MakeCall(ExprOp::kConcat, DataType::Text(), std::move(left), std::move(right));
  }
  // date +/- integer days, date - date.
  if (left->type.id == TypeId::kDate && (op == "+" || op == "-") && right->type.id == TypeId::kInt64) {
    if (right->op != ExprOp::kConstant || right->constant.is_null()) {
      return fail("only a constant number of days can be added to a date");
    }
    auto call = MakeCall(op == "+" ? ExprOp::kAddInterval : ExprOp::kSubtractInterval, DataType::Date(),
                         std::move(left));
    call->interval.days = right->constant.int64_value();
    return call;
  }
  if (op == "-" && (left->type.id == TypeId::kDate || IsTextLiteral(*left)) &&
      (right->type.id == TypeId::kDate || IsTextLiteral(*right)) &&
      !(IsTextLiteral(*left) && IsTextLiteral(*right))) {
    ASSIGN_OR_RETURN(left, CoerceTo(std::move(left), DataType::Date()));
    ASSIGN_OR_RETURN(right, CoerceTo(std::move(right), DataType::Date()));
    return MakeCall(ExprOp::kDateDiffDays, DataType::Int64(), std::move(left), std::move(right));
  }
  if (op == "-" && left->type.id == TypeId::kTimestamp && right->type.id == TypeId::kTimestamp) {
    return MakeCall(ExprOp::kTimestampDiff, DataType::Double(), std::move(left), std::move(right));
  }
  ExprList pair;
  pair.push_back(std::move(left));
  pair.push_back(std::move(right));
  bool comparison = op == "=" || op == "<>" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
  if (comparison) {
    absl::Status unified = UnifyTypes(pair, "comparison of");
    if (!unified.ok()) return fail(absl::StrCat("operator does not exist: ", pair[0]->type.ToString(), " ", op, " ",
                                                pair[1]->type.ToString()));
    ExprOp cmp = op == "=" ? ExprOp::kEqual
                 : (op == "<>" || op == "!=") ? ExprOp::kNotEqual
                 : op == "<"                  ? ExprOp::kLess
                 : op == "<="                 ? ExprOp::kLessEqual
                 : op == ">"                  ? ExprOp::kGreater
                                              : ExprOp::kGreaterEqual;
    return MakeCall(cmp, DataType::Bool(), std::move(pair[0]), std::move(pair[1]));
  }
  ExprOp arith = op == "+" ? ExprOp::kAdd
                 : op == "-" ? ExprOp::kSubtract
                 : op == "*" ? ExprOp::kMultiply
                 : op == "/" ? ExprOp::kDivide
                 : op == "%" ? ExprOp::kModulo
                             : ExprOp::kConstant;
  if (arith == ExprOp::kConstant) return fail(absl::StrCat("operator ", op, " is not supported"));
  // Untyped literals in arithmetic are read as numbers.
  for (auto& e : pair) {
    if (IsTextLiteral(*e)) {
      ASSIGN_OR_RETURN(e, CoerceTo(std::move(e), DataType::Double()));
    }
  }
  if (!IsNumeric(pair[0]->type) || !IsNumeric(pair[1]->type)) {
    return fail(absl::StrCat("operator does not exist: ", pair[0]->type.ToString(), " ", op, " ",
                             pair[1]->type.ToString()));
  }
  const DataType a = pair[0]->type, b = pair[1]->type;
  DataType result;
  if (a.id == TypeId::kInt64 && b.id == TypeId::kInt64) {
    result = DataType::Int64();
  } else if (a.id == TypeId::kDouble || b.id == TypeId::kDouble || arith == ExprOp::kDivide) {
    result = DataType::Double();
  } else if (arith == ExprOp::kMultiply) {
    int scale = (a.id == TypeId::kDecimal ? a.scale : 0) + (b.id == TypeId::kDecimal ? b.scale : 0);
    result = scale > kMaxDecimalScale ? DataType::Double() : DataType::Decimal(scale);
  } else {
    result = *CommonType(a, b);
  }
  // Operands are brought to the result's type (or to a common decimal for *).
  if (result.id == TypeId::kDouble) {
    for (auto& e : pair) {
      ASSIGN_OR_RETURN(e, CoerceTo(std::move(e), DataType::Double()));
    }
  } else if (result.id == TypeId::kDecimal) {
    // Sums and differences align scales; a product keeps each operand's own
    // scale (an integer operand becomes a decimal of scale 0).
    for (auto& e : pair) {
      DataType target = arith == ExprOp::kMultiply
                            ? (e->type.id == TypeId::kInt64 ? DataType::Decimal(0) : e->type)
                            : result;
      ASSIGN_OR_RETURN(e, CoerceTo(std::move(e), target));
    }
  }
  return MakeCall(arith, result, std::move(pair[0]), std::move(pair[1]));
}

}  // namespace tessera
