// File: planner/parser/parser.cc
//
// ParseSql: libpg_query parses the text with PostgreSQL's grammar and hands
// back the parse tree as a serialized pg_query.ParseResult; this file reads
// it and converts statements, SELECT, FROM and WITH into ast.h (expressions
// are in convert_expr.cc). Anything ast.h has no place for is refused here,
// by name and position, rather than dropped.

#include "planner/parser/parser.h"

#include <pg_query.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "engine/common/status_macros.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/message.h"
#include "planner/parser/ast.h"
#include "planner/parser/convert.h"
#include "planner/parser/pg_query.pb.h"

namespace tessera {
namespace parser_internal {
namespace {

using ::google::protobuf::FieldDescriptor;

// How deeply the serialized parse tree may nest, in messages (about two per
// level of expression). Protobuf's default of 100 would refuse ordinary
// queries; the bound keeps the recursive conversion's stack use small.
constexpr int kMaxParseTreeDepth = 1000;

// The oneof member of a Node that is set, or null.
const FieldDescriptor* NodeField(const pg_query::Node& node) {
  const google::protobuf::OneofDescriptor* oneof = node.GetDescriptor()->FindOneofByName("node");
  return oneof == nullptr ? nullptr : node.GetReflection()->GetOneofFieldDescriptor(node, oneof);
}

// "INSERT", "CREATE TABLE": a statement named as its user wrote it. Most
// names follow from the parse tree's field name (alter_table_stmt).
std::string StatementName(const pg_query::Node& node) {
  const FieldDescriptor* field = NodeField(node);
  if (field == nullptr) return "an empty statement";
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"create_stmt", "CREATE TABLE"},
      {"view_stmt", "CREATE VIEW"},
      {"index_stmt", "CREATE INDEX"},
      {"create_seq_stmt", "CREATE SEQUENCE"},
      {"create_trig_stmt", "CREATE TRIGGER"},
      {"rule_stmt", "CREATE RULE"},
      {"variable_set_stmt", "SET"},
      {"variable_show_stmt", "SHOW"},
      {"transaction_stmt", "a transaction statement"},
      {"close_portal_stmt", "CLOSE"},
  };
  for (const auto& [name, words] : kNames) {
    if (field->name() == name) return std::string(words);
  }
  absl::string_view name = field->name();
  absl::ConsumeSuffix(&name, "_stmt");
  return absl::AsciiStrToUpper(absl::StrReplaceAll(name, {{"_", " "}}));
}

// A parse-tree node the AST cannot hold, named in words where it is common.
std::string NodeKindName(const pg_query::Node& node) {
  const FieldDescriptor* field = NodeField(node);
  if (field == nullptr) return "an empty expression";
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"a_array_expr", "an ARRAY constructor"},
      {"a_indirection", "a subscript or field selection"},
      {"a_indices", "an array subscript"},
      {"collate_clause", "COLLATE"},
      {"row_expr", "a ROW constructor"},
      {"grouping_set", "GROUPING SETS, ROLLUP or CUBE"},
      {"grouping_func", "GROUPING()"},
      {"range_function", "a function call in FROM"},
      {"range_table_sample", "TABLESAMPLE"},
      {"range_table_func", "XMLTABLE"},
      {"xml_expr", "an XML function"},
      {"xml_serialize", "XMLSERIALIZE"},
      {"named_arg_expr", "a named function argument"},
      {"set_to_default", "DEFAULT"},
  };
  for (const auto& [name, words] : kNames) {
    if (field->name() == name) return std::string(words);
  }
  if (absl::EndsWith(field->name(), "_stmt")) return StatementName(node);
  return field->message_type()->name();
}

// Moves `pos` past whitespace and comments (-- to the end of the line, and
// /* */ nested as PostgreSQL nests them), stopping at `end`.
int SkipSpaceAndComments(absl::string_view sql, int pos, int end) {
  while (pos < end) {
    if (absl::ascii_isspace(sql[pos])) {
      ++pos;
    } else if (sql.substr(pos, 2) == "--") {
      while (pos < end && sql[pos] != '\n') ++pos;
    } else if (sql.substr(pos, 2) == "/*") {
      int depth = 0;
      do {
        if (sql.substr(pos, 2) == "/*") {
          ++depth;
          pos += 2;
        } else if (sql.substr(pos, 2) == "*/") {
          --depth;
          pos += 2;
        } else {
          ++pos;
        }
      } while (pos < end && depth > 0);
    } else {
      break;
    }
  }
  return pos < end ? pos : end;
}

// The byte offset of the character at 0-based index `index` (UTF-8), or the
// text's length past its end (an error "at end of input").
int ByteOffsetOfCharacter(absl::string_view sql, int index) {
  int characters = 0;
  for (int i = 0; i < static_cast<int>(sql.size()); ++i) {
    if ((static_cast<unsigned char>(sql[i]) & 0xC0) == 0x80) continue;
    if (characters++ == index) return i;
  }
  return static_cast<int>(sql.size());
}

absl::Status ApplyAlias(const Converter& converter, const pg_query::Alias& alias, int location,
                        ast::TableRef* ref) {
  ref->alias = alias.aliasname();
  for (const pg_query::Node& name : alias.colnames()) {
    if (!name.has_string()) return converter.Unsupported("this column alias", location);
    ref->column_aliases.push_back(name.string().sval());
  }
  return absl::OkStatus();
}

absl::StatusOr<ast::JoinType> ConvertJoinType(const Converter& converter,
                                              const pg_query::JoinExpr& join, int location) {
  switch (join.jointype()) {
    case pg_query::JOIN_INNER:
      // CROSS JOIN is an inner join with nothing to join on.
      return join.is_natural() || join.has_quals() || join.using_clause_size() > 0
                 ? ast::JoinType::kInner
                 : ast::JoinType::kCross;
    case pg_query::JOIN_LEFT:
      return ast::JoinType::kLeft;
    case pg_query::JOIN_RIGHT:
      return ast::JoinType::kRight;
    case pg_query::JOIN_FULL:
      return ast::JoinType::kFull;
    default:
      return converter.Unsupported("this kind of join", location);
  }
}

absl::StatusOr<std::unique_ptr<ast::TableRef>> ConvertTableRef(Converter& converter,
                                                               const pg_query::Node& node) {
  auto ref = std::make_unique<ast::TableRef>();
  switch (node.node_case()) {
    case pg_query::Node::kRangeVar: {
      const pg_query::RangeVar& table = node.range_var();
      ref->kind = ast::TableRef::Kind::kTable;
      ref->location = table.location();
      if (!table.catalogname().empty()) {
        return converter.Unsupported("a database-qualified table name", table.location());
      }
      ref->schema = table.schemaname();
      ref->name = table.relname();
      if (table.has_alias()) {
        RETURN_IF_ERROR(ApplyAlias(converter, table.alias(), ref->location, ref.get()));
      }
      return ref;
    }
    case pg_query::Node::kJoinExpr: {
      const pg_query::JoinExpr& join = node.join_expr();
      ref->kind = ast::TableRef::Kind::kJoin;
      ref->location = Converter::FirstLocation(join);
      if (join.has_join_using_alias()) {
        return converter.Unsupported("an alias after JOIN ... USING (...)", ref->location);
      }
      ASSIGN_OR_RETURN(ref->join_type, ConvertJoinType(converter, join, ref->location));
      ref->natural = join.is_natural();
      ASSIGN_OR_RETURN(ref->left, ConvertTableRef(converter, join.larg()));
      ASSIGN_OR_RETURN(ref->right, ConvertTableRef(converter, join.rarg()));
      if (join.has_quals()) {
        ASSIGN_OR_RETURN(ref->on, converter.ConvertExpr(join.quals()));
      }
      for (const pg_query::Node& column : join.using_clause()) {
        if (!column.has_string()) return converter.UnsupportedNode(column);
        ref->using_columns.push_back(column.string().sval());
      }
      if (join.has_alias()) {
        RETURN_IF_ERROR(ApplyAlias(converter, join.alias(), ref->location, ref.get()));
      }
      return ref;
    }
    case pg_query::Node::kRangeSubselect: {
      const pg_query::RangeSubselect& subselect = node.range_subselect();
      ref->kind = ast::TableRef::Kind::kSubquery;
      ref->lateral = subselect.lateral();
      ASSIGN_OR_RETURN(ref->subquery, converter.ConvertSubquery(subselect.subquery()));
      ref->location = ref->subquery->location;
      if (subselect.has_alias()) {
        RETURN_IF_ERROR(ApplyAlias(converter, subselect.alias(), ref->location, ref.get()));
      }
      return ref;
    }
    default:
      return converter.UnsupportedNode(node);
  }
}

absl::Status ConvertWith(Converter& converter, const pg_query::WithClause& with,
                         std::vector<ast::CommonTableExpr>* out) {
  for (const pg_query::Node& node : with.ctes()) {
    if (!node.has_common_table_expr()) return converter.UnsupportedNode(node);
    const pg_query::CommonTableExpr& cte = node.common_table_expr();
    if (cte.has_search_clause() || cte.has_cycle_clause()) {
      return converter.Unsupported("SEARCH or CYCLE in WITH", cte.location());
    }
    ast::CommonTableExpr& converted = out->emplace_back();
    converted.name = cte.ctename();
    converted.recursive = with.recursive();
    converted.location = cte.location();
    for (const pg_query::Node& name : cte.aliascolnames()) {
      if (!name.has_string()) return converter.UnsupportedNode(name);
      converted.column_aliases.push_back(name.string().sval());
    }
    ASSIGN_OR_RETURN(converted.query, converter.ConvertSubquery(cte.ctequery()));
  }
  return absl::OkStatus();
}

absl::Status AppendExprs(Converter& converter,
                         const google::protobuf::RepeatedPtrField<pg_query::Node>& nodes,
                         std::vector<std::unique_ptr<ast::Expr>>* out) {
  for (const pg_query::Node& node : nodes) {
    ASSIGN_OR_RETURN(std::unique_ptr<ast::Expr> expr, converter.ConvertExpr(node));
    out->push_back(std::move(expr));
  }
  return absl::OkStatus();
}

// LIMIT and OFFSET; LIMIT ALL (a NULL constant, as is LIMIT NULL) is none.
absl::StatusOr<std::unique_ptr<ast::Expr>> ConvertLimit(Converter& converter,
                                                        const pg_query::Node& node) {
  if (node.has_a_const() && node.a_const().isnull()) return nullptr;
  return converter.ConvertExpr(node);
}

// The parts of a plain SELECT (or VALUES) between WITH and ORDER BY.
absl::Status ConvertSelectBody(Converter& converter, const pg_query::SelectStmt& stmt,
                               ast::SelectStmt* out) {
  if (stmt.distinct_clause_size() == 1 &&
      stmt.distinct_clause(0).node_case() == pg_query::Node::NODE_NOT_SET) {
    out->distinct = true;  // The grammar marks plain DISTINCT by one empty item.
  } else {
    RETURN_IF_ERROR(AppendExprs(converter, stmt.distinct_clause(), &out->distinct_on));
  }
  for (const pg_query::Node& node : stmt.target_list()) {
    if (!node.has_res_target()) return converter.UnsupportedNode(node);
    const pg_query::ResTarget& target = node.res_target();
    if (target.indirection_size() > 0) {
      return converter.Unsupported("a subscript in the select list", target.location());
    }
    ast::SelectItem& item = out->select_list.emplace_back();
    item.alias = target.name();
    item.location = target.location();
    ASSIGN_OR_RETURN(item.expr, converter.ConvertExpr(target.val()));
  }
  for (const pg_query::Node& node : stmt.from_clause()) {
    ASSIGN_OR_RETURN(std::unique_ptr<ast::TableRef> ref, ConvertTableRef(converter, node));
    out->from.push_back(std::move(ref));
  }
  if (stmt.has_where_clause()) {
    ASSIGN_OR_RETURN(out->where, converter.ConvertExpr(stmt.where_clause()));
  }
  if (stmt.group_distinct()) {
    return converter.Unsupported("GROUP BY DISTINCT", Converter::FirstLocation(stmt));
  }
  RETURN_IF_ERROR(AppendExprs(converter, stmt.group_clause(), &out->group_by));
  if (stmt.has_having_clause()) {
    ASSIGN_OR_RETURN(out->having, converter.ConvertExpr(stmt.having_clause()));
  }
  for (const pg_query::Node& node : stmt.window_clause()) {
    if (!node.has_window_def()) return converter.UnsupportedNode(node);
    ast::NamedWindow& window = out->windows.emplace_back();
    window.name = node.window_def().name();
    ASSIGN_OR_RETURN(window.spec, converter.ConvertWindow(node.window_def(),
                                                          /*in_over_clause=*/false));
  }
  for (const pg_query::Node& node : stmt.values_lists()) {
    if (!node.has_list()) return converter.UnsupportedNode(node);
    RETURN_IF_ERROR(AppendExprs(converter, node.list().items(), &out->values.emplace_back()));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> ExplainOptionValue(const Converter& converter,
                                        const pg_query::DefElem& option) {
  if (!option.has_arg()) return true;  // EXPLAIN (ANALYZE) means ANALYZE true.
  const pg_query::Node& arg = option.arg();
  if (arg.has_boolean()) return arg.boolean().boolval();
  if (arg.has_integer()) return arg.integer().ival() != 0;
  if (arg.has_string()) {
    std::string text = absl::AsciiStrToLower(arg.string().sval());
    if (text == "true" || text == "on" || text == "yes") return true;
    if (text == "false" || text == "off" || text == "no") return false;
  }
  return converter.Unsupported(absl::StrCat("a value other than true or false for EXPLAIN option ",
                                            absl::AsciiStrToUpper(option.defname())),
                               option.location());
}

absl::StatusOr<ast::Statement> ConvertStatement(Converter& converter, absl::string_view sql,
                                                const pg_query::RawStmt& raw) {
  ast::Statement statement;
  int text_end = static_cast<int>(sql.size());
  int begin = raw.stmt_location();
  int end = raw.stmt_len() == 0 ? text_end : std::min(text_end, begin + raw.stmt_len());
  begin = SkipSpaceAndComments(sql, begin, end);
  while (end > begin && absl::ascii_isspace(sql[end - 1])) --end;
  statement.location = begin;
  statement.length = end - begin;

  const pg_query::Node& node = raw.stmt();
  if (node.has_select_stmt()) {
    statement.kind = ast::Statement::Kind::kSelect;
    ASSIGN_OR_RETURN(statement.select, converter.ConvertSelect(node.select_stmt(), begin));
    return statement;
  }
  if (!node.has_explain_stmt()) {
    return WithPosition(absl::InvalidArgumentError(absl::StrCat(
                            "only SELECT and EXPLAIN are supported, not ", StatementName(node))),
                        sql, begin);
  }
  const pg_query::ExplainStmt& explain = node.explain_stmt();
  statement.kind = ast::Statement::Kind::kExplain;
  for (const pg_query::Node& option : explain.options()) {
    if (!option.has_def_elem()) return converter.UnsupportedNode(option);
    const pg_query::DefElem& def = option.def_elem();
    if (def.defname() != "analyze" && def.defname() != "verbose") {
      return converter.Unsupported(
          absl::StrCat("EXPLAIN option ", absl::AsciiStrToUpper(def.defname())), def.location());
    }
    ASSIGN_OR_RETURN(bool value, ExplainOptionValue(converter, def));
    (def.defname() == "analyze" ? statement.explain_analyze : statement.explain_verbose) = value;
  }
  if (!explain.query().has_select_stmt()) {
    return WithPosition(absl::InvalidArgumentError(absl::StrCat(
                            "EXPLAIN supports only SELECT, not ", StatementName(explain.query()))),
                        sql, begin);
  }
  ASSIGN_OR_RETURN(statement.select, converter.ConvertSelect(explain.query().select_stmt(), -1));
  return statement;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ast::SelectStmt>> Converter::ConvertSelect(
    const pg_query::SelectStmt& stmt, int location) {
  auto out = std::make_unique<ast::SelectStmt>();
  out->location = location >= 0 ? location : FirstLocation(stmt);
  if (stmt.has_into_clause()) {
    return Unsupported("SELECT INTO", FirstLocation(stmt.into_clause()));
  }
  if (stmt.locking_clause_size() > 0) {
    return Unsupported("FOR UPDATE or FOR SHARE", out->location);
  }
  if (stmt.limit_option() == pg_query::LIMIT_OPTION_WITH_TIES) {
    return Unsupported("FETCH FIRST ... WITH TIES", FirstLocation(stmt.limit_count()));
  }
  if (stmt.has_with_clause()) {
    RETURN_IF_ERROR(ConvertWith(*this, stmt.with_clause(), &out->with));
  }
  switch (stmt.op()) {
    case pg_query::SETOP_UNION:
      out->set_op = ast::SetOp::kUnion;
      break;
    case pg_query::SETOP_INTERSECT:
      out->set_op = ast::SetOp::kIntersect;
      break;
    case pg_query::SETOP_EXCEPT:
      out->set_op = ast::SetOp::kExcept;
      break;
    default:
      out->set_op = ast::SetOp::kNone;
      break;
  }
  if (out->set_op != ast::SetOp::kNone) {
    out->set_all = stmt.all();
    ASSIGN_OR_RETURN(out->left, ConvertSelect(stmt.larg(), -1));
    ASSIGN_OR_RETURN(out->right, ConvertSelect(stmt.rarg(), -1));
  } else {
    RETURN_IF_ERROR(ConvertSelectBody(*this, stmt, out.get()));
  }
  for (const pg_query::Node& node : stmt.sort_clause()) {
    if (!node.has_sort_by()) return UnsupportedNode(node);
    ASSIGN_OR_RETURN(ast::OrderItem item, ConvertSortBy(node.sort_by()));
    out->order_by.push_back(std::move(item));
  }
  if (stmt.has_limit_count()) {
    ASSIGN_OR_RETURN(out->limit, ConvertLimit(*this, stmt.limit_count()));
  }
  if (stmt.has_limit_offset()) {
    ASSIGN_OR_RETURN(out->offset, ConvertLimit(*this, stmt.limit_offset()));
  }
  return out;
}

absl::StatusOr<std::unique_ptr<ast::SelectStmt>> Converter::ConvertSubquery(
    const pg_query::Node& node) {
  if (node.has_select_stmt()) return ConvertSelect(node.select_stmt(), -1);
  return Unsupported(absl::StrCat(StatementName(node), " in a subquery"), FirstLocation(node));
}

absl::Status Converter::Unsupported(absl::string_view construct, int location) const {
  return WithPosition(absl::InvalidArgumentError(absl::StrCat(construct, " is not supported")),
                      sql_, location);
}

absl::Status Converter::UnsupportedNode(const pg_query::Node& node) const {
  return Unsupported(NodeKindName(node), FirstLocation(node));
}

int Converter::FirstLocation(const google::protobuf::Message& message) {
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();
  // A node's own location is where PostgreSQL itself would point (a function
  // call's name, an operator); libpg_query always writes it, -1 if unknown,
  // so 0 is a real place.
  const FieldDescriptor* own = descriptor->FindFieldByName("location");
  if (own != nullptr && own->cpp_type() == FieldDescriptor::CPPTYPE_INT32 && !own->is_repeated() &&
      reflection->GetInt32(message, own) >= 0) {
    return reflection->GetInt32(message, own);
  }
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
        int location = FirstLocation(reflection->GetRepeatedMessage(message, field, j));
        if (location >= 0) return location;
      }
    } else if (reflection->HasField(message, field)) {
      int location = FirstLocation(reflection->GetMessage(message, field));
      if (location >= 0) return location;
    }
  }
  return -1;
}

}  // namespace parser_internal

absl::StatusOr<std::vector<ast::Statement>> ParseSql(absl::string_view sql) {
  std::string text(sql);  // libpg_query reads a NUL-terminated string.
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    return WithPosition(absl::InvalidArgumentError("NUL character in the query text"), sql,
                        static_cast<int>(nul));
  }
  struct ResultDeleter {
    PgQueryProtobufParseResult result;
    ~ResultDeleter() { pg_query_free_protobuf_parse_result(result); }
  } parsed{pg_query_parse_protobuf(text.c_str())};
  const PgQueryProtobufParseResult& result = parsed.result;
  if (result.error != nullptr) {
    absl::Status status = absl::InvalidArgumentError(result.error->message);
    if (result.error->cursorpos <= 0) return status;
    // libpg_query counts characters from 1, as PostgreSQL's error position does.
    return WithPosition(status, sql,
                        parser_internal::ByteOffsetOfCharacter(sql, result.error->cursorpos - 1));
  }

  google::protobuf::Arena arena;
  auto* tree = google::protobuf::Arena::CreateMessage<pg_query::ParseResult>(&arena);
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t*>(result.parse_tree.data),
      static_cast<int>(result.parse_tree.len));
  input.SetRecursionLimit(parser_internal::kMaxParseTreeDepth);
  // Partial: the tree is proto3, with no required fields, and the check for
  // them walks every node by reflection (a fifth of the parse).
  if (!tree->ParsePartialFromCodedStream(&input)) {
    return absl::InvalidArgumentError(
        "query is nested too deeply (more than about 500 levels of expressions)");
  }

  parser_internal::Converter converter(sql);
  std::vector<ast::Statement> statements;
  statements.reserve(tree->stmts_size());
  for (const pg_query::RawStmt& raw : tree->stmts()) {
    ASSIGN_OR_RETURN(ast::Statement statement,
                     parser_internal::ConvertStatement(converter, sql, raw));
    statements.push_back(std::move(statement));
  }
  return statements;
}

}  // namespace tessera
