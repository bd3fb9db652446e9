// File: planner/parser/convert_expr.cc
//
// libpg_query expressions, window specifications and ORDER BY items to ast.h.
// PostgreSQL's raw grammar output is close to the SQL as written: operators
// arrive as A_Expr with the operator's name, SQL-syntax functions (EXTRACT,
// SUBSTRING) as FuncCall in pg_catalog, typed literals as TypeCast. This file
// keeps that shape and only normalizes spellings (type names, pg_catalog
// qualification, EXTRACT vs date_part, NOT EXISTS / NOT IN).

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "engine/common/status_macros.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"
#include "planner/parser/ast.h"
#include "planner/parser/convert.h"
#include "planner/parser/pg_query.pb.h"
#include "planner/parser/spelling.h"

namespace tessera::parser_internal {
namespace {

using ::google::protobuf::RepeatedPtrField;
using ExprPtr = std::unique_ptr<ast::Expr>;
using NodeList = RepeatedPtrField<pg_query::Node>;

// Frame option bit PostgreSQL sets for any explicit ROWS/RANGE/GROUPS clause
// (FRAMEOPTION_NONDEFAULT in nodes/parsenodes.h).
constexpr int kFrameOptionNonDefault = 0x1;

ExprPtr MakeExpr(ast::ExprKind kind, int location) {
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = kind;
  expr->location = location;
  return expr;
}

// The strings of a list of String nodes (qualified names, operator names);
// nullopt if an element is something else.
std::optional<std::vector<std::string>> Strings(const NodeList& nodes) {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (const pg_query::Node& node : nodes) {
    if (!node.has_string()) return std::nullopt;
    out.push_back(node.string().sval());
  }
  return out;
}

// Drops the "pg_catalog." the grammar puts before the types and functions
// behind SQL syntax (INTEGER, EXTRACT, SUBSTRING, TRIM): the rest of the
// engine knows them by their plain names.
std::string SystemName(std::vector<std::string> names) {
  if (names.size() == 2 && names[0] == "pg_catalog") names.erase(names.begin());
  return absl::StrJoin(names, ".");
}

// Operator names for A_Expr and SubLink: "+" or OPERATOR(pg_catalog.+).
absl::StatusOr<std::string> OperatorName(const Converter& converter, const NodeList& names,
                                         int location) {
  std::optional<std::vector<std::string>> strings = Strings(names);
  if (!strings.has_value() || strings->empty() ||
      (strings->size() == 2 && (*strings)[0] != "pg_catalog") || strings->size() > 2) {
    return converter.Unsupported("a schema-qualified OPERATOR()", location);
  }
  return strings->back();
}

bool IsBinaryOperator(absl::string_view op) {
  for (absl::string_view known : {"+", "-", "*", "/", "%", "=", "<>", "<", "<=", ">", ">=", "||"}) {
    if (op == known) return true;
  }
  return false;
}

bool IsComparison(absl::string_view op) {
  for (absl::string_view known : {"=", "<>", "<", "<=", ">", ">="}) {
    if (op == known) return true;
  }
  return false;
}

absl::StatusOr<ExprPtr> ConvertConst(const Converter& converter, const pg_query::A_Const& c) {
  ExprPtr expr = MakeExpr(ast::ExprKind::kLiteral, c.location());
  if (c.isnull()) {
    expr->value = Value::Null(DataType::Text());
    return expr;
  }
  switch (c.val_case()) {
    case pg_query::A_Const::kIval:
      expr->value = Value::Int64(c.ival().ival());
      expr->text = absl::StrCat(c.ival().ival());
      return expr;
    case pg_query::A_Const::kFval:
      expr->value = NumericLiteralValue(c.fval().fval());
      expr->text = c.fval().fval();
      return expr;
    case pg_query::A_Const::kBoolval:
      expr->value = Value::Bool(c.boolval().boolval());
      return expr;
    case pg_query::A_Const::kSval:
      expr->value = Value::Text(c.sval().sval());
      return expr;
    case pg_query::A_Const::kBsval:
      return converter.Unsupported("a bit-string literal", c.location());
    case pg_query::A_Const::VAL_NOT_SET:
      break;
  }
  return converter.Unsupported("a constant without a value", c.location());
}

bool IsIntervalType(const pg_query::TypeName& type) {
  std::optional<std::vector<std::string>> names = Strings(type.names());
  return names.has_value() && SystemName(*names) == "interval";
}

// "integer", "numeric(10,2)", "varchar(20)", "double precision".
absl::StatusOr<std::string> TypeNameText(const Converter& converter,
                                         const pg_query::TypeName& type) {
  std::optional<std::vector<std::string>> names = Strings(type.names());
  if (!names.has_value() || names->empty() || type.pct_type()) {
    return converter.Unsupported("a %TYPE reference", type.location());
  }
  if (type.array_bounds_size() > 0) return converter.Unsupported("an array type", type.location());
  std::string text = WrittenTypeName(SystemName(*names));
  if (type.typmods_size() == 0) return text;
  if (text == "interval") {
    return converter.Unsupported("an INTERVAL type with fields or precision", type.location());
  }
  std::vector<int> modifiers;
  for (const pg_query::Node& modifier : type.typmods()) {
    if (!modifier.has_a_const() || !modifier.a_const().has_ival()) {
      return converter.Unsupported("a type modifier that is not an integer", type.location());
    }
    modifiers.push_back(modifier.a_const().ival().ival());
  }
  return absl::StrCat(text, "(", absl::StrJoin(modifiers, ","), ")");
}

// INTERVAL '7 days', '7 days'::interval and INTERVAL '7' DAY (one field over
// a bare number, written out as "7 day"); other qualified forms are refused.
absl::StatusOr<ExprPtr> ConvertInterval(const Converter& converter,
                                        const pg_query::TypeCast& cast) {
  const pg_query::A_Const& literal = cast.arg().a_const();
  int location = cast.type_name().location();
  if (location < 0 || (literal.location() >= 0 && literal.location() < location)) {
    location = literal.location();
  }
  ExprPtr expr = MakeExpr(ast::ExprKind::kInterval, location);
  expr->text = literal.sval().sval();
  const pg_query::TypeName& type = cast.type_name();
  if (type.typmods_size() == 0) return expr;
  if (type.typmods_size() == 1 && type.typmods(0).has_a_const() &&
      type.typmods(0).a_const().has_ival()) {
    std::optional<std::string> text =
        QualifiedIntervalText(expr->text, type.typmods(0).a_const().ival().ival());
    if (text.has_value()) {
      expr->text = *std::move(text);
      return expr;
    }
  }
  return converter.Unsupported("an INTERVAL literal with a field or precision qualifier", location);
}

absl::StatusOr<ExprPtr> ConvertTypeCast(Converter& converter, const pg_query::TypeCast& cast) {
  if (IsIntervalType(cast.type_name()) && cast.arg().has_a_const() &&
      cast.arg().a_const().has_sval()) {
    return ConvertInterval(converter, cast);
  }
  int location = cast.location() >= 0 ? cast.location() : cast.type_name().location();
  ExprPtr expr = MakeExpr(ast::ExprKind::kCast, location);
  ASSIGN_OR_RETURN(expr->type_name, TypeNameText(converter, cast.type_name()));
  ASSIGN_OR_RETURN(ExprPtr arg, converter.ConvertExpr(cast.arg()));
  expr->args.push_back(std::move(arg));
  return expr;
}

absl::Status AppendExprs(Converter& converter, const NodeList& nodes, std::vector<ExprPtr>* out) {
  for (const pg_query::Node& node : nodes) {
    ASSIGN_OR_RETURN(ExprPtr expr, converter.ConvertExpr(node));
    out->push_back(std::move(expr));
  }
  return absl::OkStatus();
}

absl::StatusOr<ExprPtr> ConvertColumnRef(const Converter& converter,
                                         const pg_query::ColumnRef& ref) {
  ExprPtr expr = MakeExpr(ast::ExprKind::kColumnRef, ref.location());
  for (const pg_query::Node& field : ref.fields()) {
    if (field.has_string()) {
      expr->names.push_back(field.string().sval());
    } else if (field.has_a_star()) {
      expr->names.push_back("*");
    } else {
      return converter.UnsupportedNode(field);
    }
  }
  return expr;
}

// x [NOT] LIKE / ILIKE pattern [ESCAPE e], and the operators behind them.
absl::StatusOr<ExprPtr> ConvertLike(Converter& converter, const pg_query::A_Expr& a,
                                    absl::string_view op) {
  ExprPtr expr = MakeExpr(ast::ExprKind::kLike, a.location());
  expr->negated = absl::StartsWith(op, "!");
  expr->case_insensitive = absl::EndsWith(op, "*");
  ASSIGN_OR_RETURN(ExprPtr value, converter.ConvertExpr(a.lexpr()));
  expr->args.push_back(std::move(value));
  // The grammar writes LIKE p ESCAPE e as LIKE pg_catalog.like_escape(p, e).
  const pg_query::Node& right = a.rexpr();
  if (a.kind() != pg_query::AEXPR_OP && right.has_func_call() &&
      right.func_call().args_size() == 2) {
    std::optional<std::vector<std::string>> names = Strings(right.func_call().funcname());
    if (names.has_value() && SystemName(*names) == "like_escape") {
      RETURN_IF_ERROR(AppendExprs(converter, right.func_call().args(), &expr->args));
      return expr;
    }
  }
  ASSIGN_OR_RETURN(ExprPtr pattern, converter.ConvertExpr(right));
  expr->args.push_back(std::move(pattern));
  return expr;
}

absl::StatusOr<ExprPtr> ConvertOperator(Converter& converter, const pg_query::A_Expr& a) {
  ASSIGN_OR_RETURN(std::string op, OperatorName(converter, a.name(), a.location()));
  if (op == "~~" || op == "!~~" || op == "~~*" || op == "!~~*") {
    if (!a.has_lexpr()) {
      return converter.Unsupported(absl::StrCat("prefix operator ", op), a.location());
    }
    return ConvertLike(converter, a, op);
  }
  if (!a.has_lexpr()) {
    if (op != "-" && op != "+") {
      return converter.Unsupported(absl::StrCat("prefix operator ", op), a.location());
    }
    ExprPtr expr = MakeExpr(ast::ExprKind::kUnary, a.location());
    expr->op = op;
    ASSIGN_OR_RETURN(ExprPtr arg, converter.ConvertExpr(a.rexpr()));
    expr->args.push_back(std::move(arg));
    return expr;
  }
  if (!a.has_rexpr() || !IsBinaryOperator(op)) {
    return converter.Unsupported(absl::StrCat("operator ", op), a.location());
  }
  ExprPtr expr = MakeExpr(ast::ExprKind::kBinary, a.location());
  expr->op = op;
  ASSIGN_OR_RETURN(ExprPtr left, converter.ConvertExpr(a.lexpr()));
  ASSIGN_OR_RETURN(ExprPtr right, converter.ConvertExpr(a.rexpr()));
  expr->args.push_back(std::move(left));
  expr->args.push_back(std::move(right));
  return expr;
}

absl::StatusOr<ExprPtr> ConvertAExpr(Converter& converter, const pg_query::A_Expr& a) {
  ExprPtr expr;
  switch (a.kind()) {
    case pg_query::AEXPR_OP:
      return ConvertOperator(converter, a);
    case pg_query::AEXPR_LIKE:
    case pg_query::AEXPR_ILIKE: {
      ASSIGN_OR_RETURN(std::string op, OperatorName(converter, a.name(), a.location()));
      return ConvertLike(converter, a, op);
    }
    case pg_query::AEXPR_NULLIF:
      expr = MakeExpr(ast::ExprKind::kNullIf, a.location());
      break;
    case pg_query::AEXPR_IN:
      expr = MakeExpr(ast::ExprKind::kInList, a.location());
      // The grammar names NOT IN by its operator, "<>".
      expr->negated =
          a.name_size() == 1 && a.name(0).has_string() && a.name(0).string().sval() == "<>";
      break;
    case pg_query::AEXPR_BETWEEN:
    case pg_query::AEXPR_NOT_BETWEEN:
      expr = MakeExpr(ast::ExprKind::kBetween, a.location());
      expr->negated = a.kind() == pg_query::AEXPR_NOT_BETWEEN;
      break;
    case pg_query::AEXPR_BETWEEN_SYM:
    case pg_query::AEXPR_NOT_BETWEEN_SYM:
      return converter.Unsupported("BETWEEN SYMMETRIC", a.location());
    case pg_query::AEXPR_OP_ANY:
    case pg_query::AEXPR_OP_ALL:
      return converter.Unsupported("ANY or ALL over an array", a.location());
    case pg_query::AEXPR_DISTINCT:
      return converter.Unsupported("IS DISTINCT FROM", a.location());
    case pg_query::AEXPR_NOT_DISTINCT:
      return converter.Unsupported("IS NOT DISTINCT FROM", a.location());
    case pg_query::AEXPR_SIMILAR:
      return converter.Unsupported("SIMILAR TO", a.location());
    default:
      return converter.Unsupported("this operator form", a.location());
  }
  ASSIGN_OR_RETURN(ExprPtr left, converter.ConvertExpr(a.lexpr()));
  expr->args.push_back(std::move(left));
  if (a.rexpr().has_list()) {  // IN (...) items; BETWEEN's two bounds.
    RETURN_IF_ERROR(AppendExprs(converter, a.rexpr().list().items(), &expr->args));
  } else {
    ASSIGN_OR_RETURN(ExprPtr right, converter.ConvertExpr(a.rexpr()));
    expr->args.push_back(std::move(right));
  }
  return expr;
}

absl::StatusOr<ExprPtr> ConvertSubLink(Converter& converter, const pg_query::SubLink& link) {
  ExprPtr expr = MakeExpr(ast::ExprKind::kSubquery, link.location());
  switch (link.sub_link_type()) {
    case pg_query::EXISTS_SUBLINK:
      expr->subquery_kind = ast::SubqueryKind::kExists;
      break;
    case pg_query::EXPR_SUBLINK:
      expr->subquery_kind = ast::SubqueryKind::kScalar;
      break;
    case pg_query::ANY_SUBLINK:
    case pg_query::ALL_SUBLINK:
      if (link.oper_name_size() == 0) {  // x IN (SELECT ...).
        expr->subquery_kind = ast::SubqueryKind::kIn;
        expr->subquery_op = "=";
      } else {
        expr->subquery_kind = link.sub_link_type() == pg_query::ANY_SUBLINK
                                  ? ast::SubqueryKind::kAny
                                  : ast::SubqueryKind::kAll;
        ASSIGN_OR_RETURN(expr->subquery_op,
                         OperatorName(converter, link.oper_name(), link.location()));
        if (!IsComparison(expr->subquery_op)) {
          return converter.Unsupported(
              absl::StrCat("operator ", expr->subquery_op, " with ANY or ALL"), link.location());
        }
      }
      {
        ASSIGN_OR_RETURN(ExprPtr tested, converter.ConvertExpr(link.testexpr()));
        expr->args.push_back(std::move(tested));
      }
      break;
    case pg_query::ARRAY_SUBLINK:
      return converter.Unsupported("ARRAY(subquery)", link.location());
    default:
      return converter.Unsupported("a row comparison with a subquery", link.location());
  }
  ASSIGN_OR_RETURN(expr->subquery, converter.ConvertSubquery(link.subselect()));
  return expr;
}

// AND and OR arrive flattened (a AND b AND c is one node); the AST keeps
// binary operators, nested to the left as the text associates.
absl::StatusOr<ExprPtr> ConvertBoolExpr(Converter& converter, const pg_query::BoolExpr& b) {
  if (b.boolop() == pg_query::NOT_EXPR) {
    if (b.args_size() != 1) {
      return converter.Unsupported("NOT with several arguments", b.location());
    }
    const pg_query::Node& arg = b.args(0);
    // NOT EXISTS (...) and x NOT IN (SELECT ...) become negated subqueries.
    if (arg.has_sub_link() && (arg.sub_link().sub_link_type() == pg_query::EXISTS_SUBLINK ||
                               (arg.sub_link().sub_link_type() == pg_query::ANY_SUBLINK &&
                                arg.sub_link().oper_name_size() == 0))) {
      ASSIGN_OR_RETURN(ExprPtr expr, ConvertSubLink(converter, arg.sub_link()));
      expr->negated = true;
      expr->location = b.location();
      return expr;
    }
    ExprPtr expr = MakeExpr(ast::ExprKind::kUnary, b.location());
    expr->op = "NOT";
    ASSIGN_OR_RETURN(ExprPtr operand, converter.ConvertExpr(arg));
    expr->args.push_back(std::move(operand));
    return expr;
  }
  if (b.args_size() < 2) return converter.Unsupported("AND or OR with one argument", b.location());
  std::string op = b.boolop() == pg_query::AND_EXPR ? "AND" : "OR";
  ASSIGN_OR_RETURN(ExprPtr result, converter.ConvertExpr(b.args(0)));
  for (int i = 1; i < b.args_size(); ++i) {
    ExprPtr expr = MakeExpr(ast::ExprKind::kBinary, b.location());
    expr->op = op;
    ASSIGN_OR_RETURN(ExprPtr right, converter.ConvertExpr(b.args(i)));
    expr->args.push_back(std::move(result));
    expr->args.push_back(std::move(right));
    result = std::move(expr);
  }
  return result;
}

absl::StatusOr<ExprPtr> ConvertFuncCall(Converter& converter, const pg_query::FuncCall& call) {
  std::optional<std::vector<std::string>> names = Strings(call.funcname());
  if (!names.has_value() || names->empty()) {
    return converter.Unsupported("this function name", call.location());
  }
  if (!call.agg_within_group() && call.agg_order_size() > 0) {
    return converter.Unsupported("ORDER BY inside an aggregate call", call.location());
  }
  if (call.has_agg_filter()) return converter.Unsupported("FILTER", call.location());
  if (call.func_variadic()) return converter.Unsupported("VARIADIC", call.location());
  ExprPtr expr = MakeExpr(ast::ExprKind::kFunction, call.location());
  expr->name = SystemName(*std::move(names));
  expr->distinct = call.agg_distinct();
  expr->star = call.agg_star();
  RETURN_IF_ERROR(AppendExprs(converter, call.args(), &expr->args));
  // f(args) WITHIN GROUP (ORDER BY ...): the grammar puts the ordering in
  // agg_order; the binder decides which functions take it.
  if (call.agg_within_group()) {
    expr->within_group = true;
    for (const pg_query::Node& node : call.agg_order()) {
      if (!node.has_sort_by()) return converter.UnsupportedNode(node);
      ASSIGN_OR_RETURN(ast::OrderItem item, converter.ConvertSortBy(node.sort_by()));
      expr->within_group_order.push_back(std::move(item));
    }
  }
  // EXTRACT(field FROM x) arrives as pg_catalog.extract('field', x); the older
  // date_part('field', x) means the same. Both become extract('field', x).
  if ((expr->name == "extract" || expr->name == "date_part") && expr->args.size() == 2 &&
      expr->args[0]->kind == ast::ExprKind::kLiteral && expr->args[0]->value.has_value() &&
      !expr->args[0]->value->is_null() && expr->args[0]->value->type().id == TypeId::kText) {
    expr->name = "extract";
    expr->args[0]->value = Value::Text(absl::AsciiStrToLower(expr->args[0]->value->text_value()));
  }
  if (call.has_over()) {
    ASSIGN_OR_RETURN(expr->window, converter.ConvertWindow(call.over(), /*in_over_clause=*/true));
  }
  return expr;
}

absl::StatusOr<ExprPtr> ConvertCase(Converter& converter, const pg_query::CaseExpr& c) {
  ExprPtr expr = MakeExpr(ast::ExprKind::kCase, c.location());
  if (c.has_arg()) {
    ASSIGN_OR_RETURN(expr->case_operand, converter.ConvertExpr(c.arg()));
  }
  for (const pg_query::Node& node : c.args()) {
    if (!node.has_case_when()) return converter.UnsupportedNode(node);
    ASSIGN_OR_RETURN(ExprPtr when, converter.ConvertExpr(node.case_when().expr()));
    ASSIGN_OR_RETURN(ExprPtr then, converter.ConvertExpr(node.case_when().result()));
    expr->case_when.push_back(std::move(when));
    expr->case_then.push_back(std::move(then));
  }
  if (c.has_defresult()) {
    ASSIGN_OR_RETURN(expr->case_else, converter.ConvertExpr(c.defresult()));
  }
  return expr;
}

absl::StatusOr<ExprPtr> ConvertValueFunction(const Converter& converter,
                                             const pg_query::SQLValueFunction& f) {
  ExprPtr expr = MakeExpr(ast::ExprKind::kCurrent, f.location());
  switch (f.op()) {
    case pg_query::SVFOP_CURRENT_DATE:
      expr->op = "current_date";
      return expr;
    case pg_query::SVFOP_CURRENT_TIMESTAMP:
      expr->op = "current_timestamp";
      return expr;
    case pg_query::SVFOP_LOCALTIMESTAMP:
      expr->op = "localtimestamp";
      return expr;
    case pg_query::SVFOP_CURRENT_TIMESTAMP_N:
    case pg_query::SVFOP_LOCALTIMESTAMP_N:
      return converter.Unsupported("a precision on CURRENT_TIMESTAMP or LOCALTIMESTAMP",
                                   f.location());
    case pg_query::SVFOP_CURRENT_TIME:
    case pg_query::SVFOP_CURRENT_TIME_N:
    case pg_query::SVFOP_LOCALTIME:
    case pg_query::SVFOP_LOCALTIME_N:
      return converter.Unsupported("CURRENT_TIME or LOCALTIME", f.location());
    default:
      return converter.Unsupported("CURRENT_USER, CURRENT_SCHEMA and the like", f.location());
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<ast::Expr>> Converter::ConvertExpr(const pg_query::Node& node) {
  switch (node.node_case()) {
    case pg_query::Node::kColumnRef:
      return ConvertColumnRef(*this, node.column_ref());
    case pg_query::Node::kAConst:
      return ConvertConst(*this, node.a_const());
    case pg_query::Node::kParamRef: {
      ExprPtr expr = MakeExpr(ast::ExprKind::kParam, node.param_ref().location());
      expr->param_number = node.param_ref().number();
      return expr;
    }
    case pg_query::Node::kAExpr:
      return ConvertAExpr(*this, node.a_expr());
    case pg_query::Node::kBoolExpr:
      return ConvertBoolExpr(*this, node.bool_expr());
    case pg_query::Node::kNullTest: {
      const pg_query::NullTest& test = node.null_test();
      ExprPtr expr = MakeExpr(ast::ExprKind::kIsNull, test.location());
      expr->negated = test.nulltesttype() == pg_query::IS_NOT_NULL;
      ASSIGN_OR_RETURN(ExprPtr arg, ConvertExpr(test.arg()));
      expr->args.push_back(std::move(arg));
      return expr;
    }
    case pg_query::Node::kBooleanTest: {
      const pg_query::BooleanTest& test = node.boolean_test();
      ExprPtr expr = MakeExpr(ast::ExprKind::kIsBool, test.location());
      switch (test.booltesttype()) {
        case pg_query::IS_NOT_TRUE:
          expr->negated = true;
          [[fallthrough]];
        case pg_query::IS_TRUE:
          expr->op = "TRUE";
          break;
        case pg_query::IS_NOT_FALSE:
          expr->negated = true;
          [[fallthrough]];
        case pg_query::IS_FALSE:
          expr->op = "FALSE";
          break;
        case pg_query::IS_NOT_UNKNOWN:
          expr->negated = true;
          [[fallthrough]];
        case pg_query::IS_UNKNOWN:
        default:
          expr->op = "UNKNOWN";
          break;
      }
      ASSIGN_OR_RETURN(ExprPtr arg, ConvertExpr(test.arg()));
      expr->args.push_back(std::move(arg));
      return expr;
    }
    case pg_query::Node::kCaseExpr:
      return ConvertCase(*this, node.case_expr());
    case pg_query::Node::kTypeCast:
      return ConvertTypeCast(*this, node.type_cast());
    case pg_query::Node::kFuncCall:
      return ConvertFuncCall(*this, node.func_call());
    case pg_query::Node::kCoalesceExpr: {
      ExprPtr expr = MakeExpr(ast::ExprKind::kCoalesce, node.coalesce_expr().location());
      RETURN_IF_ERROR(AppendExprs(*this, node.coalesce_expr().args(), &expr->args));
      return expr;
    }
    case pg_query::Node::kMinMaxExpr: {
      const pg_query::MinMaxExpr& minmax = node.min_max_expr();
      ExprPtr expr = MakeExpr(
          minmax.op() == pg_query::IS_LEAST ? ast::ExprKind::kLeast : ast::ExprKind::kGreatest,
          minmax.location());
      RETURN_IF_ERROR(AppendExprs(*this, minmax.args(), &expr->args));
      return expr;
    }
    case pg_query::Node::kSubLink:
      return ConvertSubLink(*this, node.sub_link());
    case pg_query::Node::kSqlvalueFunction:
      return ConvertValueFunction(*this, node.sqlvalue_function());
    default:
      return UnsupportedNode(node);
  }
}

absl::StatusOr<std::unique_ptr<ast::WindowSpec>> Converter::ConvertWindow(
    const pg_query::WindowDef& def, bool in_over_clause) {
  auto spec = std::make_unique<ast::WindowSpec>();
  spec->location = def.location();
  spec->ref_name = in_over_clause && !def.name().empty() ? def.name() : def.refname();
  RETURN_IF_ERROR(AppendExprs(*this, def.partition_clause(), &spec->partition_by));
  for (const pg_query::Node& node : def.order_clause()) {
    if (!node.has_sort_by()) return UnsupportedNode(node);
    ASSIGN_OR_RETURN(ast::OrderItem item, ConvertSortBy(node.sort_by()));
    spec->order_by.push_back(std::move(item));
  }
  spec->has_frame = (def.frame_options() & kFrameOptionNonDefault) != 0;
  return spec;
}

absl::StatusOr<ast::OrderItem> Converter::ConvertSortBy(const pg_query::SortBy& sort_by) {
  ast::OrderItem item;
  switch (sort_by.sortby_dir()) {
    case pg_query::SORTBY_DESC:
      item.descending = true;
      break;
    case pg_query::SORTBY_USING:
      return Unsupported("ORDER BY ... USING", FirstLocation(sort_by));
    default:
      break;
  }
  switch (sort_by.sortby_nulls()) {
    case pg_query::SORTBY_NULLS_FIRST:
      item.nulls_first = true;
      break;
    case pg_query::SORTBY_NULLS_LAST:
      item.nulls_first = false;
      break;
    default:
      break;
  }
  ASSIGN_OR_RETURN(item.expr, ConvertExpr(sort_by.node()));
  return item;
}

}  // namespace tessera::parser_internal
