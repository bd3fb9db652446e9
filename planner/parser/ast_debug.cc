// File: planner/parser/ast_debug.cc
//
// The canonical SQL spelling of ast.h trees; see ast_debug.h.

#include "planner/parser/ast_debug.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"

namespace tessera::ast {
namespace {

constexpr char kMissing[] = "<null>";

std::string Print(const std::unique_ptr<Expr>& expr) {
  return expr == nullptr ? kMissing : DebugString(*expr);
}

std::string PrintList(const std::vector<std::unique_ptr<Expr>>& exprs) {
  return absl::StrJoin(exprs, ", ", [](std::string* out, const std::unique_ptr<Expr>& expr) {
    out->append(Print(expr));
  });
}

std::string Quote(const std::string& text) {
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "''"}}), "'");
}

std::string PrintLiteral(const Expr& expr) {
  if (!expr.value.has_value()) return kMissing;
  const Value& value = *expr.value;
  if (value.is_null()) return "NULL";
  switch (value.type().id) {
    case TypeId::kBool:
      return value.bool_value() ? "TRUE" : "FALSE";
    case TypeId::kText:
      return Quote(value.text_value());
    case TypeId::kDate:
      return absl::StrCat("DATE ", Quote(value.ToString()));
    case TypeId::kTimestamp:
      return absl::StrCat("TIMESTAMP ", Quote(value.ToString()));
    default:
      return value.ToString();
  }
}

std::string PrintOrderItems(const std::vector<OrderItem>& items) {
  return absl::StrJoin(items, ", ", [](std::string* out, const OrderItem& item) {
    absl::StrAppend(out, Print(item.expr), item.descending ? " DESC" : "");
    if (item.nulls_first.has_value()) {
      absl::StrAppend(out, *item.nulls_first ? " NULLS FIRST" : " NULLS LAST");
    }
  });
}

// What goes between the parentheses of a window specification.
std::string WindowBody(const WindowSpec& window) {
  std::vector<std::string> parts;
  if (!window.ref_name.empty()) parts.push_back(window.ref_name);
  if (!window.partition_by.empty()) {
    parts.push_back(absl::StrCat("PARTITION BY ", PrintList(window.partition_by)));
  }
  if (!window.order_by.empty()) {
    parts.push_back(absl::StrCat("ORDER BY ", PrintOrderItems(window.order_by)));
  }
  if (window.has_frame) parts.push_back("<frame>");
  return absl::StrJoin(parts, " ");
}

std::string PrintSubquery(const std::unique_ptr<SelectStmt>& select) {
  return absl::StrCat("(", select == nullptr ? kMissing : DebugString(*select), ")");
}

std::string PrintSubqueryExpr(const Expr& expr) {
  std::string tested = expr.args.empty() ? kMissing : Print(expr.args[0]);
  std::string query = PrintSubquery(expr.subquery);
  switch (expr.subquery_kind) {
    case SubqueryKind::kExists:
      return absl::StrCat(expr.negated ? "NOT " : "", "EXISTS ", query);
    case SubqueryKind::kIn:
      return absl::StrCat("(", tested, expr.negated ? " NOT IN " : " IN ", query, ")");
    case SubqueryKind::kAny:
    case SubqueryKind::kAll: {
      std::string text =
          absl::StrCat("(", tested, " ", expr.subquery_op,
                       expr.subquery_kind == SubqueryKind::kAny ? " ANY " : " ALL ", query, ")");
      return expr.negated ? absl::StrCat("(NOT ", text, ")") : text;
    }
    case SubqueryKind::kScalar:
      return expr.negated ? absl::StrCat("(NOT ", query, ")") : query;
  }
  return kMissing;
}

std::string PrintCase(const Expr& expr) {
  std::string out = "CASE";
  if (expr.case_operand != nullptr) absl::StrAppend(&out, " ", Print(expr.case_operand));
  for (size_t i = 0; i < expr.case_when.size(); ++i) {
    absl::StrAppend(&out, " WHEN ", Print(expr.case_when[i]), " THEN ",
                    i < expr.case_then.size() ? Print(expr.case_then[i]) : kMissing);
  }
  if (expr.case_else != nullptr) absl::StrAppend(&out, " ELSE ", Print(expr.case_else));
  return absl::StrCat(out, " END");
}

bool IsTextLiteral(const std::unique_ptr<Expr>& expr) {
  return expr != nullptr && expr->kind == ExprKind::kLiteral && expr->value.has_value() &&
         !expr->value->is_null() && expr->value->type().id == TypeId::kText;
}

std::string PrintFunction(const Expr& expr) {
  // extract('year', x) is only valid SQL in its keyword form.
  if (expr.name == "extract" && expr.args.size() == 2 && IsTextLiteral(expr.args[0]) &&
      expr.window == nullptr && !expr.distinct) {
    return absl::StrCat("extract(", expr.args[0]->value->text_value(), " FROM ",
                        Print(expr.args[1]), ")");
  }
  std::string out = absl::StrCat(expr.name, "(", expr.distinct ? "DISTINCT " : "");
  absl::StrAppend(&out, expr.star ? "*" : PrintList(expr.args), ")");
  if (expr.within_group) {
    absl::StrAppend(&out, " WITHIN GROUP (ORDER BY ", PrintOrderItems(expr.within_group_order), ")");
  }
  if (expr.window != nullptr) absl::StrAppend(&out, " OVER ", DebugString(*expr.window));
  return out;
}

// The argument at `i`, or a marker where a malformed tree lacks it.
std::string Arg(const Expr& expr, size_t i) {
  return i < expr.args.size() ? Print(expr.args[i]) : kMissing;
}

std::string PrintAlias(const std::string& alias, const std::vector<std::string>& columns) {
  if (alias.empty()) return "";
  std::string out = absl::StrCat(" AS ", alias);
  if (!columns.empty()) absl::StrAppend(&out, "(", absl::StrJoin(columns, ", "), ")");
  return out;
}

std::string JoinKeyword(const TableRef& join) {
  std::string natural = join.natural ? "NATURAL " : "";
  switch (join.join_type) {
    case JoinType::kInner:
      return natural + "JOIN";
    case JoinType::kLeft:
      return natural + "LEFT JOIN";
    case JoinType::kRight:
      return natural + "RIGHT JOIN";
    case JoinType::kFull:
      return natural + "FULL JOIN";
    case JoinType::kCross:
      return natural + "CROSS JOIN";
  }
  return "?JOIN";
}

std::string PrintTable(const std::unique_ptr<TableRef>& table) {
  return table == nullptr ? kMissing : DebugString(*table);
}

std::string PrintSetOperand(const std::unique_ptr<SelectStmt>& select) {
  return PrintSubquery(select);
}

std::string SetOpKeyword(SetOp op) {
  switch (op) {
    case SetOp::kUnion:
      return "UNION";
    case SetOp::kIntersect:
      return "INTERSECT";
    case SetOp::kExcept:
      return "EXCEPT";
    case SetOp::kNone:
      break;
  }
  return "?";
}

}  // namespace

std::string DebugString(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kColumnRef:
      return absl::StrJoin(expr.names, ".");
    case ExprKind::kLiteral:
      return PrintLiteral(expr);
    case ExprKind::kParam:
      return absl::StrCat("$", expr.param_number);
    case ExprKind::kUnary:
      return absl::StrCat("(", expr.op, expr.op == "NOT" ? " " : "", Arg(expr, 0), ")");
    case ExprKind::kBinary:
      return absl::StrCat("(", Arg(expr, 0), " ", expr.op, " ", Arg(expr, 1), ")");
    case ExprKind::kIsNull:
      return absl::StrCat("(", Arg(expr, 0), expr.negated ? " IS NOT NULL)" : " IS NULL)");
    case ExprKind::kIsBool:
      return absl::StrCat("(", Arg(expr, 0), expr.negated ? " IS NOT " : " IS ", expr.op, ")");
    case ExprKind::kBetween:
      return absl::StrCat("(", Arg(expr, 0), expr.negated ? " NOT BETWEEN " : " BETWEEN ",
                          Arg(expr, 1), " AND ", Arg(expr, 2), ")");
    case ExprKind::kInList: {
      std::vector<std::string> items;
      for (size_t i = 1; i < expr.args.size(); ++i) items.push_back(Print(expr.args[i]));
      return absl::StrCat("(", Arg(expr, 0), expr.negated ? " NOT IN (" : " IN (",
                          absl::StrJoin(items, ", "), "))");
    }
    case ExprKind::kLike: {
      std::string out = absl::StrCat("(", Arg(expr, 0), expr.negated ? " NOT" : "",
                                     expr.case_insensitive ? " ILIKE " : " LIKE ", Arg(expr, 1));
      if (expr.args.size() > 2) absl::StrAppend(&out, " ESCAPE ", Arg(expr, 2));
      return absl::StrCat(out, ")");
    }
    case ExprKind::kCase:
      return PrintCase(expr);
    case ExprKind::kCast:
      return absl::StrCat("CAST(", Arg(expr, 0), " AS ", expr.type_name, ")");
    case ExprKind::kFunction:
      return PrintFunction(expr);
    case ExprKind::kCoalesce:
      return absl::StrCat("COALESCE(", PrintList(expr.args), ")");
    case ExprKind::kNullIf:
      return absl::StrCat("NULLIF(", PrintList(expr.args), ")");
    case ExprKind::kGreatest:
      return absl::StrCat("GREATEST(", PrintList(expr.args), ")");
    case ExprKind::kLeast:
      return absl::StrCat("LEAST(", PrintList(expr.args), ")");
    case ExprKind::kSubquery:
      return PrintSubqueryExpr(expr);
    case ExprKind::kCurrent:
      return absl::AsciiStrToUpper(expr.op);
    case ExprKind::kInterval:
      return absl::StrCat("INTERVAL ", Quote(expr.text));
  }
  return kMissing;
}

std::string DebugString(const WindowSpec& window) {
  bool only_name = window.partition_by.empty() && window.order_by.empty() && !window.has_frame;
  if (only_name && !window.ref_name.empty()) return window.ref_name;
  return absl::StrCat("(", WindowBody(window), ")");
}

std::string DebugString(const TableRef& table) {
  switch (table.kind) {
    case TableRef::Kind::kTable:
      return absl::StrCat(table.schema, table.schema.empty() ? "" : ".", table.name,
                          PrintAlias(table.alias, table.column_aliases));
    case TableRef::Kind::kSubquery:
      return absl::StrCat(table.lateral ? "LATERAL " : "", PrintSubquery(table.subquery),
                          PrintAlias(table.alias, table.column_aliases));
    case TableRef::Kind::kJoin: {
      std::string out = absl::StrCat("(", PrintTable(table.left), " ", JoinKeyword(table), " ",
                                     PrintTable(table.right));
      if (table.on != nullptr) absl::StrAppend(&out, " ON ", Print(table.on));
      if (!table.using_columns.empty()) {
        absl::StrAppend(&out, " USING (", absl::StrJoin(table.using_columns, ", "), ")");
      }
      return absl::StrCat(out, ")", PrintAlias(table.alias, table.column_aliases));
    }
  }
  return kMissing;
}

std::string DebugString(const SelectStmt& select) {
  std::vector<std::string> parts;
  if (!select.with.empty()) {
    bool recursive = false;
    std::vector<std::string> ctes;
    for (const CommonTableExpr& cte : select.with) {
      recursive = recursive || cte.recursive;
      std::string columns = cte.column_aliases.empty()
                                ? ""
                                : absl::StrCat("(", absl::StrJoin(cte.column_aliases, ", "), ")");
      ctes.push_back(absl::StrCat(cte.name, columns, " AS ", PrintSubquery(cte.query)));
    }
    parts.push_back(
        absl::StrCat(recursive ? "WITH RECURSIVE " : "WITH ", absl::StrJoin(ctes, ", ")));
  }
  if (select.set_op != SetOp::kNone) {
    parts.push_back(absl::StrCat(PrintSetOperand(select.left), " ", SetOpKeyword(select.set_op),
                                 select.set_all ? " ALL " : " ", PrintSetOperand(select.right)));
  } else if (!select.values.empty()) {
    std::vector<std::string> rows;
    for (const auto& row : select.values) rows.push_back(absl::StrCat("(", PrintList(row), ")"));
    parts.push_back(absl::StrCat("VALUES ", absl::StrJoin(rows, ", ")));
  } else {
    std::string head = "SELECT";
    if (select.distinct) absl::StrAppend(&head, " DISTINCT");
    if (!select.distinct_on.empty()) {
      absl::StrAppend(&head, " DISTINCT ON (", PrintList(select.distinct_on), ")");
    }
    std::vector<std::string> items;
    for (const SelectItem& item : select.select_list) {
      items.push_back(absl::StrCat(Print(item.expr), item.alias.empty() ? "" : " AS ", item.alias));
    }
    if (!items.empty()) absl::StrAppend(&head, " ", absl::StrJoin(items, ", "));
    parts.push_back(head);
    if (!select.from.empty()) {
      parts.push_back(absl::StrCat(
          "FROM ", absl::StrJoin(select.from, ", ",
                                 [](std::string* out, const std::unique_ptr<TableRef>& table) {
                                   out->append(PrintTable(table));
                                 })));
    }
    if (select.where != nullptr) parts.push_back(absl::StrCat("WHERE ", Print(select.where)));
    if (!select.group_by.empty()) {
      parts.push_back(absl::StrCat("GROUP BY ", PrintList(select.group_by)));
    }
    if (select.having != nullptr) parts.push_back(absl::StrCat("HAVING ", Print(select.having)));
    if (!select.windows.empty()) {
      parts.push_back(absl::StrCat(
          "WINDOW ",
          absl::StrJoin(select.windows, ", ", [](std::string* out, const NamedWindow& w) {
            absl::StrAppend(out, w.name, " AS (",
                            w.spec == nullptr ? kMissing : WindowBody(*w.spec), ")");
          })));
    }
  }
  if (!select.order_by.empty()) {
    parts.push_back(absl::StrCat("ORDER BY ", PrintOrderItems(select.order_by)));
  }
  if (select.limit != nullptr) parts.push_back(absl::StrCat("LIMIT ", Print(select.limit)));
  if (select.offset != nullptr) parts.push_back(absl::StrCat("OFFSET ", Print(select.offset)));
  return absl::StrJoin(parts, " ");
}

std::string DebugString(const Statement& statement) {
  std::string select = statement.select == nullptr ? kMissing : DebugString(*statement.select);
  if (statement.kind == Statement::Kind::kSelect) return select;
  return absl::StrCat("EXPLAIN ", statement.explain_analyze ? "ANALYZE " : "",
                      statement.explain_verbose ? "VERBOSE " : "", select);
}

}  // namespace tessera::ast
