// Filter trees through their wire form and back, and what a source refuses
// to decode.

#include "connectors/grpc/filter_codec.h"

#include "engine/expr/like.h"
#include "gtest/gtest.h"

namespace tessera::grpc_source {
namespace {

const Schema& Table() {
  static const Schema schema(std::vector<Field>{{"id", DataType::Int64()},
                                                {"name", DataType::Text()},
                                                {"taken", DataType::Timestamp()},
                                                {"amount", DataType::Decimal(2)},
                                                {"born", DataType::Date()},
                                                {"ok", DataType::Bool()}});
  return schema;
}

const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {"id", "name", "taken", "amount", "born", "ok"};
  return names;
}

FilterSupport All() {
  FilterSupport s;
  s.comparison = s.and_ = s.or_ = s.not_ = s.is_null = s.in_list = s.like = true;
  return s;
}

std::unique_ptr<Expr> Col(int i) { return Expr::Column(i, Table().field(i).type); }

std::unique_ptr<Expr> Call(ExprOp op, std::vector<std::unique_ptr<Expr>> args) {
  return Expr::Call(op, DataType::Bool(), std::move(args));
}

template <typename... T>
std::vector<std::unique_ptr<Expr>> Args(T... args) {
  std::vector<std::unique_ptr<Expr>> v;
  (v.push_back(std::move(args)), ...);
  return v;
}

TEST(FilterCodec, EveryKindAndLiteralTypeSurvivesTheRoundTrip) {
  absl::StatusOr<std::unique_ptr<Expr>> like = MakeLike(Col(1), "a\\%b%", true);
  ASSERT_TRUE(like.ok());
  auto tree = Call(
      ExprOp::kAnd,
      Args(Call(ExprOp::kGreaterEqual, Args(Col(0), Expr::Constant(Value::Int64(-7)))),
           Call(ExprOp::kOr, Args(Call(ExprOp::kIsNull, Args(Col(2))),
                                  Call(ExprOp::kLess,
                                       Args(Col(2), Expr::Constant(Value::TimestampFromMicros(123456)))))),
           Call(ExprOp::kNot, Args(std::move(*like))),
           Call(ExprOp::kInList, Args(Col(3), Expr::Constant(Value::Decimal(1234, 2)),
                                      Expr::Constant(Value::Null(DataType::Decimal(2))))),
           Call(ExprOp::kNotEqual, Args(Col(4), Expr::Constant(Value::DateFromDays(-1)))),
           Call(ExprOp::kEqual, Args(Col(5), Expr::Constant(Value::Bool(true)))),
           Call(ExprOp::kIsNotNull, Args(Col(1)))));
  absl::StatusOr<v1::FilterExpr> wire = EncodeFilter(*tree, Names());
  ASSERT_TRUE(wire.ok()) << wire.status();
  absl::StatusOr<std::unique_ptr<Expr>> back = DecodeFilter(*wire, Table(), All());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ((*back)->ToString(), tree->ToString());
}

TEST(FilterCodec, ArithmeticIsNotEncodable) {
  auto sum = Expr::Call(ExprOp::kAdd, DataType::Int64(), Args(Col(0), Expr::Constant(Value::Int64(1))));
  auto tree = Call(ExprOp::kEqual, Args(std::move(sum), Expr::Constant(Value::Int64(2))));
  EXPECT_EQ(EncodeFilter(*tree, Names()).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(FilterCodec, ASourceRefusesKindsItDidNotDeclare) {
  auto tree = Call(ExprOp::kInList, Args(Col(0), Expr::Constant(Value::Int64(1))));
  absl::StatusOr<v1::FilterExpr> wire = EncodeFilter(*tree, Names());
  ASSERT_TRUE(wire.ok());
  FilterSupport no_in = All();
  no_in.in_list = false;
  absl::StatusOr<std::unique_ptr<Expr>> back = DecodeFilter(*wire, Table(), no_in);
  EXPECT_EQ(back.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(back.status().message().find("IN_LIST is not one this source evaluates"), std::string::npos);
}

TEST(FilterCodec, MalformedTreesAreErrorsWithAReason) {
  struct Case {
    const char* text;
    const char* error;
  };
  v1::FilterExpr mixed;
  mixed.set_kind(v1::FilterExpr::EQUAL);
  mixed.add_args()->set_kind(v1::FilterExpr::COLUMN);
  mixed.mutable_args(0)->set_column("id");
  mixed.add_args()->set_kind(v1::FilterExpr::LITERAL);
  mixed.mutable_args(1)->mutable_literal()->mutable_type()->set_kind(v1::TEXT);
  mixed.mutable_args(1)->mutable_literal()->set_text_value("1");
  EXPECT_NE(DecodeFilter(mixed, Table(), All()).status().message().find("two arguments of one type"),
            std::string::npos);

  v1::FilterExpr lonely_and;
  lonely_and.set_kind(v1::FilterExpr::AND);
  EXPECT_NE(DecodeFilter(lonely_and, Table(), All()).status().message().find("two or more boolean arguments"),
            std::string::npos);

  v1::FilterExpr not_bool;
  not_bool.set_kind(v1::FilterExpr::COLUMN);
  not_bool.set_column("name");
  EXPECT_NE(DecodeFilter(not_bool, Table(), All()).status().message().find("not a boolean"), std::string::npos);

  v1::FilterExpr wrong_field;
  wrong_field.set_kind(v1::FilterExpr::LITERAL);
  wrong_field.mutable_literal()->mutable_type()->set_kind(v1::BOOL);
  wrong_field.mutable_literal()->set_text_value("yes");
  EXPECT_EQ(DecodeFilter(wrong_field, Table(), All()).status().code(), absl::StatusCode::kInvalidArgument);

  v1::FilterExpr deep;
  v1::FilterExpr* at = &deep;
  for (int i = 0; i < 200; ++i) {
    at->set_kind(v1::FilterExpr::NOT);
    at = at->add_args();
  }
  at->set_kind(v1::FilterExpr::COLUMN);
  at->set_column("ok");
  EXPECT_NE(DecodeFilter(deep, Table(), All()).status().message().find("nested more than"), std::string::npos);
}

}  // namespace
}  // namespace tessera::grpc_source
