// File: planner/parser/ast.h
//
// Tessera's own syntax tree for the SQL it accepts: a small, owned copy of
// what PostgreSQL's grammar produced (through libpg_query), so that nothing
// past the parser depends on the 135k-line generated parse-tree header.
// Names are as written, already case-folded by the grammar (unquoted names
// are lower case). Every node keeps its byte offset in the query text so that
// the binder can say where a mistake is.

#ifndef TESSERA_PLANNER_PARSER_AST_H_
#define TESSERA_PLANNER_PARSER_AST_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/types/value.h"

namespace tessera::ast {

struct SelectStmt;

enum class ExprKind {
  kColumnRef,   // names: ["t", "col"] or ["col"]; ["t", "*"] / ["*"] for stars.
  kLiteral,     // value (typed: int64, double-as-decimal-text, text, bool, NULL).
  kParam,       // $n: param_number.
  kUnary,       // op: "-", "+", "NOT"; args[0].
  kBinary,      // op: "+", "-", "*", "/", "%", "=", "<>", "<", "<=", ">", ">=",
                //     "||", "AND", "OR"; args[0], args[1].
  kIsNull,      // args[0]; negated for IS NOT NULL.
  kIsBool,      // IS [NOT] TRUE/FALSE/UNKNOWN: op "TRUE", "FALSE", "UNKNOWN"; negated.
  kBetween,     // args: [value, low, high]; negated; symmetric not supported.
  kInList,      // args: [value, item...]; negated.
  kLike,        // args: [value, pattern] (+ [escape]); negated; case_insensitive for ILIKE.
  kCase,        // args: [operand or null-kind placeholder?] see case_* fields.
  kCast,        // args[0]; type_name ("integer", "text", "numeric(10,2)", "date", ...).
  kFunction,    // name (lower case, schema-qualified names joined with "."),
                // args; distinct; star for count(*); window for OVER (...);
                // within_group for WITHIN GROUP (ORDER BY ...).
  kCoalesce,    // args.
  kNullIf,      // args[0], args[1].
  kGreatest,    // args.
  kLeast,       // args.
  kSubquery,    // subquery_kind with subquery; args[0] is the tested value for IN/ANY.
  kCurrent,     // op: "current_date", "current_timestamp", "localtimestamp", "now".
  kInterval,    // An INTERVAL literal: interval text in `text` (e.g. "7 days").
};

enum class SubqueryKind { kExists, kIn, kScalar, kAny, kAll };

struct WindowSpec;
struct OrderItem;

struct Expr {
  ExprKind kind;
  int location = -1;  // Byte offset in the query text, -1 when unknown.

  std::vector<std::string> names;  // kColumnRef.
  std::optional<Value> value;      // kLiteral.
  int param_number = 0;            // kParam.
  std::string op;                  // kUnary, kBinary, kIsBool, kCurrent.
  std::string name;                // kFunction.
  std::string type_name;           // kCast.
  std::string text;                // kInterval; kLiteral keeps the source text of numbers here.
  bool negated = false;
  bool case_insensitive = false;   // kLike.
  bool distinct = false;           // kFunction: f(DISTINCT x).
  bool star = false;               // kFunction: count(*).
  std::vector<std::unique_ptr<Expr>> args;

  // kCase: CASE [case_operand] WHEN when[i] THEN then[i] ... [ELSE case_else] END.
  std::unique_ptr<Expr> case_operand;
  std::vector<std::unique_ptr<Expr>> case_when;
  std::vector<std::unique_ptr<Expr>> case_then;
  std::unique_ptr<Expr> case_else;

  // kSubquery.
  SubqueryKind subquery_kind = SubqueryKind::kExists;
  std::string subquery_op;  // "=" for IN, the operator of ANY/ALL.
  std::unique_ptr<SelectStmt> subquery;

  // kFunction with OVER.
  std::unique_ptr<WindowSpec> window;

  // kFunction with WITHIN GROUP (ORDER BY ...): the ordered-set aggregates.
  bool within_group = false;
  std::vector<OrderItem> within_group_order;
};

struct OrderItem {
  std::unique_ptr<Expr> expr;
  bool descending = false;
  // Unset: the default, NULLS LAST ascending and NULLS FIRST descending (PostgreSQL).
  std::optional<bool> nulls_first;
};

struct WindowSpec {
  std::string ref_name;  // OVER w (a named window from the WINDOW clause).
  std::vector<std::unique_ptr<Expr>> partition_by;
  std::vector<OrderItem> order_by;
  bool has_frame = false;  // Any explicit ROWS/RANGE clause (not supported yet).
  int location = -1;
};

struct TableRef;

enum class JoinType { kInner, kLeft, kRight, kFull, kCross };

struct TableRef {
  enum class Kind { kTable, kJoin, kSubquery } kind = Kind::kTable;
  int location = -1;

  // kTable: [schema.]name as written ("lab.lab_result": schema "lab").
  std::string schema;
  std::string name;

  // Any kind: AS alias (column aliases for subqueries and tables).
  std::string alias;
  std::vector<std::string> column_aliases;

  // kJoin.
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  std::unique_ptr<TableRef> left;
  std::unique_ptr<TableRef> right;
  std::unique_ptr<Expr> on;
  std::vector<std::string> using_columns;

  // kSubquery.
  std::unique_ptr<SelectStmt> subquery;
  bool lateral = false;
};

struct SelectItem {
  std::unique_ptr<Expr> expr;  // A kColumnRef ending in "*" for t.* and *.
  std::string alias;           // AS alias; empty when not given.
  int location = -1;
};

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> column_aliases;
  std::unique_ptr<SelectStmt> query;
  bool recursive = false;
  int location = -1;
};

enum class SetOp { kNone, kUnion, kIntersect, kExcept };

struct NamedWindow {
  std::string name;
  std::unique_ptr<WindowSpec> spec;
};

struct SelectStmt {
  std::vector<CommonTableExpr> with;

  // A set operation: left `set_op` [ALL] right; then only with, order_by,
  // limit and offset below apply to the whole.
  SetOp set_op = SetOp::kNone;
  bool set_all = false;
  std::unique_ptr<SelectStmt> left;
  std::unique_ptr<SelectStmt> right;

  bool distinct = false;                            // SELECT DISTINCT.
  std::vector<std::unique_ptr<Expr>> distinct_on;   // DISTINCT ON (...): refused by the binder.
  std::vector<SelectItem> select_list;
  std::vector<std::unique_ptr<TableRef>> from;     // Comma-separated items are cross joins.
  std::unique_ptr<Expr> where;
  std::vector<std::unique_ptr<Expr>> group_by;
  std::unique_ptr<Expr> having;
  std::vector<NamedWindow> windows;
  std::vector<std::vector<std::unique_ptr<Expr>>> values;  // VALUES (...), (...).
  std::vector<OrderItem> order_by;
  std::unique_ptr<Expr> limit;   // LIMIT n (or FETCH FIRST n ROWS ONLY); null: none.
  std::unique_ptr<Expr> offset;
  int location = -1;
};

// What one statement of the input is.
struct Statement {
  enum class Kind { kSelect, kExplain } kind = Kind::kSelect;
  bool explain_analyze = false;   // EXPLAIN ANALYZE.
  bool explain_verbose = false;
  std::unique_ptr<SelectStmt> select;
  int location = 0;   // Where the statement starts in the text.
  int length = 0;     // Its length in bytes (0: to the end).
};

}  // namespace tessera::ast

#endif  // TESSERA_PLANNER_PARSER_AST_H_
