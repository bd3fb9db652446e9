// File: connectors/grpc/filter_codec.cc
//
// Expression trees to FilterExpr messages and back.

#include "connectors/grpc/filter_codec.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/like.h"
#include "engine/wire/batch_codec.h"

namespace tessera::grpc_source {
namespace {

using Kind = v1::FilterExpr::Kind;

struct OpKind {
  ExprOp op;
  Kind kind;
};

constexpr OpKind kOpKinds[] = {
    {ExprOp::kEqual, v1::FilterExpr::EQUAL},       {ExprOp::kNotEqual, v1::FilterExpr::NOT_EQUAL},
    {ExprOp::kLess, v1::FilterExpr::LESS},         {ExprOp::kLessEqual, v1::FilterExpr::LESS_EQUAL},
    {ExprOp::kGreater, v1::FilterExpr::GREATER},   {ExprOp::kGreaterEqual, v1::FilterExpr::GREATER_EQUAL},
    {ExprOp::kAnd, v1::FilterExpr::AND},           {ExprOp::kOr, v1::FilterExpr::OR},
    {ExprOp::kNot, v1::FilterExpr::NOT},           {ExprOp::kIsNull, v1::FilterExpr::IS_NULL},
    {ExprOp::kIsNotNull, v1::FilterExpr::IS_NOT_NULL}, {ExprOp::kInList, v1::FilterExpr::IN_LIST},
    {ExprOp::kLike, v1::FilterExpr::LIKE},
};

bool IsComparison(Kind k) { return k >= v1::FilterExpr::EQUAL && k <= v1::FilterExpr::GREATER_EQUAL; }

bool Allowed(Kind k, const FilterSupport& s) {
  switch (k) {
    case v1::FilterExpr::COLUMN:
    case v1::FilterExpr::LITERAL:
      return true;
    case v1::FilterExpr::AND:
      return s.and_;
    case v1::FilterExpr::OR:
      return s.or_;
    case v1::FilterExpr::NOT:
      return s.not_;
    case v1::FilterExpr::IS_NULL:
    case v1::FilterExpr::IS_NOT_NULL:
      return s.is_null;
    case v1::FilterExpr::IN_LIST:
      return s.in_list;
    case v1::FilterExpr::LIKE:
      return s.like;
    default:
      return IsComparison(k) && s.comparison;
  }
}

void EncodeLiteral(const Value& v, v1::Literal* out) {
  *out->mutable_type() = EncodeType(v.type());
  if (v.is_null()) return;
  switch (v.type().id) {
    case TypeId::kBool:
      out->set_bool_value(v.bool_value());
      break;
    case TypeId::kDouble:
      out->set_double_value(v.double_value());
      break;
    case TypeId::kText:
      out->set_text_value(v.text_value());
      break;
    default:
      out->set_int_value(v.int64_value());
      break;
  }
}

absl::StatusOr<Value> DecodeLiteral(const v1::Literal& literal) {
  ASSIGN_OR_RETURN(DataType type, DecodeType(literal.type()));
  auto wrong = [&](const char* want) {
    return absl::InvalidArgumentError(absl::StrCat("literal of type ", type.ToString(), " must carry ", want));
  };
  switch (literal.value_case()) {
    case v1::Literal::VALUE_NOT_SET:
      return Value::Null(type);
    case v1::Literal::kBoolValue:
      if (type.id != TypeId::kBool) return wrong("its value in the matching field");
      return Value::Bool(literal.bool_value());
    case v1::Literal::kDoubleValue:
      if (type.id != TypeId::kDouble) return wrong("its value in the matching field");
      return Value::Double(literal.double_value());
    case v1::Literal::kTextValue:
      if (type.id != TypeId::kText) return wrong("its value in the matching field");
      return Value::Text(literal.text_value());
    case v1::Literal::kIntValue:
      switch (type.id) {
        case TypeId::kInt64:
          return Value::Int64(literal.int_value());
        case TypeId::kDecimal:
          return Value::Decimal(literal.int_value(), type.scale);
        case TypeId::kDate:
          return Value::DateFromDays(literal.int_value());
        case TypeId::kTimestamp:
          return Value::TimestampFromMicros(literal.int_value());
        default:
          return wrong("its value in the matching field");
      }
  }
  return absl::InvalidArgumentError("literal without a value field");
}

absl::Status Encode(const Expr& e, const std::vector<std::string>& columns, v1::FilterExpr* out) {
  switch (e.op) {
    case ExprOp::kColumn:
      if (e.column < 0 || e.column >= static_cast<int>(columns.size())) {
        return absl::InternalError(absl::StrCat("filter refers to column #", e.column, " of ", columns.size()));
      }
      out->set_kind(v1::FilterExpr::COLUMN);
      out->set_column(columns[e.column]);
      return absl::OkStatus();
    case ExprOp::kConstant:
      out->set_kind(v1::FilterExpr::LITERAL);
      EncodeLiteral(e.constant, out->mutable_literal());
      return absl::OkStatus();
    default:
      break;
  }
  for (const OpKind& ok : kOpKinds) {
    if (ok.op != e.op) continue;
    out->set_kind(ok.kind);
    if (e.op == ExprOp::kLike) {
      out->set_case_insensitive(e.case_insensitive);
      out->set_escape(e.field.empty() ? "\\" : e.field);
    }
    for (const auto& a : e.args) RETURN_IF_ERROR(Encode(*a, columns, out->add_args()));
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat("a gRPC source cannot evaluate ", e.ToString()));
}

absl::StatusOr<std::unique_ptr<Expr>> Decode(const v1::FilterExpr& f, const Schema& table,
                                             const FilterSupport& allowed, int depth) {
  if (depth > 64) return absl::InvalidArgumentError("filter nested more than 64 levels deep");
  const Kind kind = f.kind();
  if (!Allowed(kind, allowed)) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter node ", v1::FilterExpr::Kind_Name(kind), " is not one this source evaluates"));
  }
  if (kind == v1::FilterExpr::COLUMN) {
    for (int i = 0; i < table.num_fields(); ++i) {
      if (table.field(i).name == f.column()) return Expr::Column(i, table.field(i).type);
    }
    return absl::InvalidArgumentError(absl::StrCat("filter names unknown column \"", f.column(), "\""));
  }
  if (kind == v1::FilterExpr::LITERAL) {
    ASSIGN_OR_RETURN(Value v, DecodeLiteral(f.literal()));
    return Expr::Constant(std::move(v));
  }
  std::vector<std::unique_ptr<Expr>> args;
  for (const v1::FilterExpr& a : f.args()) {
    ASSIGN_OR_RETURN(std::unique_ptr<Expr> arg, Decode(a, table, allowed, depth + 1));
    args.push_back(std::move(arg));
  }
  const std::string name = v1::FilterExpr::Kind_Name(kind);
  auto need = [&](bool ok, absl::string_view what) -> absl::Status {
    return ok ? absl::OkStatus() : absl::InvalidArgumentError(absl::StrCat("filter node ", name, " ", what));
  };
  auto all_bool = [&]() {
    for (const auto& a : args) {
      if (a->type.id != TypeId::kBool) return false;
    }
    return true;
  };
  if (kind == v1::FilterExpr::LIKE) {
    RETURN_IF_ERROR(need(args.size() == 2 && args[0]->type.id == TypeId::kText &&
                             args[1]->op == ExprOp::kConstant && args[1]->type.id == TypeId::kText &&
                             !args[1]->constant.is_null() && f.escape().size() <= 1,
                         "needs a text argument, a non-NULL text pattern and at most one escape character"));
    char escape = f.escape().empty() ? '\0' : f.escape()[0];
    return MakeLike(std::move(args[0]), args[1]->constant.text_value(), f.case_insensitive(), escape);
  }
  ExprOp op = ExprOp::kColumn;
  for (const OpKind& ok : kOpKinds) {
    if (ok.kind == kind) op = ok.op;
  }
  if (IsComparison(kind)) {
    RETURN_IF_ERROR(need(args.size() == 2 && args[0]->type == args[1]->type, "needs two arguments of one type"));
  } else if (kind == v1::FilterExpr::AND || kind == v1::FilterExpr::OR) {
    RETURN_IF_ERROR(need(args.size() >= 2 && all_bool(), "needs two or more boolean arguments"));
  } else if (kind == v1::FilterExpr::NOT) {
    RETURN_IF_ERROR(need(args.size() == 1 && all_bool(), "needs one boolean argument"));
  } else if (kind == v1::FilterExpr::IS_NULL || kind == v1::FilterExpr::IS_NOT_NULL) {
    RETURN_IF_ERROR(need(args.size() == 1, "needs one argument"));
  } else if (kind == v1::FilterExpr::IN_LIST) {
    bool ok = args.size() >= 2;
    for (size_t i = 1; ok && i < args.size(); ++i) {
      ok = args[i]->op == ExprOp::kConstant && args[i]->type == args[0]->type;
    }
    RETURN_IF_ERROR(need(ok, "needs a value and one or more literals of its type"));
  } else {
    return absl::InvalidArgumentError(absl::StrCat("filter node of unknown kind ", static_cast<int>(kind)));
  }
  return Expr::Call(op, DataType::Bool(), std::move(args));
}

constexpr Kind kComparisons[] = {v1::FilterExpr::EQUAL, v1::FilterExpr::NOT_EQUAL, v1::FilterExpr::LESS,
                                 v1::FilterExpr::LESS_EQUAL, v1::FilterExpr::GREATER, v1::FilterExpr::GREATER_EQUAL};

}  // namespace

absl::StatusOr<v1::FilterExpr> EncodeFilter(const Expr& condition, const std::vector<std::string>& table_columns) {
  v1::FilterExpr out;
  RETURN_IF_ERROR(Encode(condition, table_columns, &out));
  return out;
}

absl::StatusOr<std::unique_ptr<Expr>> DecodeFilter(const v1::FilterExpr& filter, const Schema& table,
                                                   const FilterSupport& allowed) {
  ASSIGN_OR_RETURN(std::unique_ptr<Expr> e, Decode(filter, table, allowed, 0));
  if (e->type.id != TypeId::kBool) return absl::InvalidArgumentError("filter is not a boolean condition");
  return e;
}

FilterSupport SupportFromKinds(const v1::SourceCapabilities& capabilities) {
  absl::flat_hash_set<int> kinds(capabilities.filter_kinds().begin(), capabilities.filter_kinds().end());
  FilterSupport s;
  s.comparison = true;
  for (Kind k : kComparisons) s.comparison = s.comparison && kinds.contains(k);
  s.and_ = kinds.contains(v1::FilterExpr::AND);
  s.or_ = kinds.contains(v1::FilterExpr::OR);
  s.not_ = kinds.contains(v1::FilterExpr::NOT);
  s.is_null = kinds.contains(v1::FilterExpr::IS_NULL) && kinds.contains(v1::FilterExpr::IS_NOT_NULL);
  s.in_list = kinds.contains(v1::FilterExpr::IN_LIST);
  s.like = kinds.contains(v1::FilterExpr::LIKE);
  return s;
}

void KindsFromSupport(const FilterSupport& s, v1::SourceCapabilities* out) {
  if (s.comparison) {
    for (Kind k : kComparisons) out->add_filter_kinds(k);
  }
  if (s.and_) out->add_filter_kinds(v1::FilterExpr::AND);
  if (s.or_) out->add_filter_kinds(v1::FilterExpr::OR);
  if (s.not_) out->add_filter_kinds(v1::FilterExpr::NOT);
  if (s.is_null) {
    out->add_filter_kinds(v1::FilterExpr::IS_NULL);
    out->add_filter_kinds(v1::FilterExpr::IS_NOT_NULL);
  }
  if (s.in_list) out->add_filter_kinds(v1::FilterExpr::IN_LIST);
  if (s.like) out->add_filter_kinds(v1::FilterExpr::LIKE);
}

}  // namespace tessera::grpc_source
