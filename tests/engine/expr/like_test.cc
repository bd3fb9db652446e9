// LIKE and ILIKE: pattern translation (wildcards, escapes, metacharacters),
// whole-string matching, UTF-8 characters, and the kLike node.

#include "engine/expr/like.h"

#include "engine/expr/evaluate.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

bool Like(const std::string& text, const std::string& pattern, bool ilike = false,
          char escape = '\\') {
  absl::StatusOr<std::shared_ptr<const re2::RE2>> re = CompileLikePattern(pattern, ilike, escape);
  EXPECT_TRUE(re.ok()) << re.status();
  return re.ok() && re2::RE2::FullMatch(text, **re);
}

TEST(Like, UnderscoreIsOneCharacter) {
  EXPECT_TRUE(Like("abc", "a_c"));
  EXPECT_FALSE(Like("ac", "a_c"));
  EXPECT_FALSE(Like("abbc", "a_c"));
  EXPECT_TRUE(Like("é", "_"));
  EXPECT_TRUE(Like("日本", "__"));
  EXPECT_FALSE(Like("日本", "___"));
}

TEST(Like, PercentIsAnySequence) {
  EXPECT_TRUE(Like("abc", "a%"));
  EXPECT_TRUE(Like("a", "a%"));
  EXPECT_FALSE(Like("ba", "a%"));
  EXPECT_TRUE(Like("xxabcxx", "%abc%"));
  EXPECT_TRUE(Like("", "%"));
  EXPECT_TRUE(Like("a\nb", "a%b"));
  EXPECT_TRUE(Like("abab", "%a%%b"));
}

TEST(Like, MatchesTheWholeString) {
  EXPECT_FALSE(Like("abcd", "abc"));
  EXPECT_FALSE(Like("xabc", "abc"));
  EXPECT_TRUE(Like("abc", "abc"));
}

TEST(Like, EscapedWildcardsAreLiteral) {
  EXPECT_TRUE(Like("a%c", "a\\%c"));
  EXPECT_FALSE(Like("abc", "a\\%c"));
  EXPECT_TRUE(Like("a_c", "a\\_c"));
  EXPECT_FALSE(Like("abc", "a\\_c"));
  EXPECT_TRUE(Like("a\\c", "a\\\\c"));
  // Another escape character, and none at all.
  EXPECT_TRUE(Like("50%", "50#%", false, '#'));
  EXPECT_FALSE(Like("500", "50#%", false, '#'));
  EXPECT_TRUE(Like("a\\bc", "a\\%", false, '\0'));
}

TEST(Like, RegexMetacharactersAreLiteral) {
  EXPECT_TRUE(Like("a.c", "a.c"));
  EXPECT_FALSE(Like("abc", "a.c"));
  EXPECT_TRUE(Like("(x)*[y]+$^|?{1}", "(x)*[y]+$^|?{1}"));
  EXPECT_FALSE(Like("xxx", "x*"));
}

TEST(Like, IlikeFoldsCaseIncludingNonAscii) {
  EXPECT_TRUE(Like("ABC", "a%", true));
  EXPECT_FALSE(Like("ABC", "a%", false));
  EXPECT_TRUE(Like("ÉCOLE", "école", true));
  EXPECT_TRUE(Like("Straße", "STRA_E", true));
  EXPECT_TRUE(Like("ΑΒΓ", "αβ%", true));
}

TEST(Like, PatternEndingInEscapeIsAnError) {
  absl::StatusOr<std::shared_ptr<const re2::RE2>> re = CompileLikePattern("abc\\", false);
  ASSERT_FALSE(re.ok());
  EXPECT_EQ(re.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(re.status().message(), HasSubstr("LIKE pattern must not end with escape character"));
}

TEST(Like, NodeEvaluatesEveryRow) {
  RowBatch batch = MakeBatch({Texts({"apple", "banana", std::nullopt, "Apricot"})});
  auto like = MakeLike(Col(0, DataType::Text()), "a%", /*case_insensitive=*/false);
  ASSERT_TRUE(like.ok()) << like.status();
  EXPECT_THAT(Eval(**like, batch), ElementsAre("true", "false", "NULL", "false"));
  auto ilike = MakeLike(Col(0, DataType::Text()), "a%", /*case_insensitive=*/true);
  ASSERT_TRUE(ilike.ok()) << ilike.status();
  EXPECT_THAT(Eval(**ilike, batch), ElementsAre("true", "false", "NULL", "true"));
  // NOT LIKE is NOT over LIKE, NULL staying NULL.
  EXPECT_THAT(Eval(*Call(ExprOp::kNot, DataType::Bool(), std::move(*like)), batch),
              ElementsAre("false", "true", "NULL", "true"));
}

TEST(Like, NodePrintsItsPattern) {
  auto like = MakeLike(Col(0, DataType::Text()), "a%", false);
  ASSERT_TRUE(like.ok());
  EXPECT_EQ((*like)->ToString(), "#0 LIKE 'a%'");
  auto ilike = MakeLike(Col(0, DataType::Text()), "it's", true, '#');
  ASSERT_TRUE(ilike.ok());
  EXPECT_EQ((*ilike)->ToString(), "#0 ILIKE 'it''s' ESCAPE '#'");
}

TEST(Like, SimplePatternsAgreeWithTheAutomaton) {
  // Patterns the node matches by comparing bytes, and others; each node is
  // also evaluated without its pattern text, which forces RE2.
  const std::vector<std::string> patterns = {"", "abc", "ab%", "%bc", "%b%", "%", "%%", "a%%",
                                             "a\\%", "%\\_", "a_c", "%a%c%", "é%", "%é"};
  ColumnVector texts = Texts({"", "abc", "ab", "xabcx", "a%", "a_", "_", "b", "é", "éa", "aé",
                              "a\nbc", std::nullopt, "ABC"});
  RowBatch batch = MakeBatch({texts});
  for (const std::string& pattern : patterns) {
    SCOPED_TRACE(pattern);
    auto fast = MakeLike(Col(0, DataType::Text()), pattern, false);
    ASSERT_TRUE(fast.ok()) << fast.status();
    auto slow = (*fast)->Clone();
    slow->args.resize(1);
    EXPECT_EQ(Eval(**fast, batch), Eval(*slow, batch));
  }
}

TEST(Like, NodeWithAnotherEscapeCharacter) {
  RowBatch batch = MakeBatch({Texts({"50%", "500", "50#", std::nullopt})});
  auto like = MakeLike(Col(0, DataType::Text()), "50#%", false, '#');
  ASSERT_TRUE(like.ok()) << like.status();
  EXPECT_EQ((*like)->field, "#");
  EXPECT_THAT(Eval(**like, batch), ElementsAre("true", "false", "false", "NULL"));
  auto prefix = MakeLike(Col(0, DataType::Text()), "50#%%", false, '#');
  ASSERT_TRUE(prefix.ok()) << prefix.status();
  EXPECT_THAT(Eval(**prefix, batch), ElementsAre("true", "false", "false", "NULL"));
}

TEST(Like, IlikeWithoutCompiledPatternFoldsCase) {
  RowBatch batch = MakeBatch({Texts({"ÉCOLE", "x"}), Texts({"école", "X"})});
  auto like = Call(ExprOp::kLike, DataType::Bool(), Col(0, DataType::Text()),
                   Col(1, DataType::Text()));
  like->case_insensitive = true;
  EXPECT_THAT(Eval(*like, batch), ElementsAre("true", "true"));
}

TEST(Like, PatternTextNotMatchingTheRegexIsNotTrusted) {
  // A node whose args[1] disagrees with its compiled regex follows the regex.
  auto like = MakeLike(Col(0, DataType::Text()), "a%", false);
  ASSERT_TRUE(like.ok());
  (*like)->args[1]->constant = Value::Text("b%");
  RowBatch batch = MakeBatch({Texts({"abc", "bcd"})});
  EXPECT_THAT(Eval(**like, batch), ElementsAre("true", "false"));
}

TEST(Like, PatternFromAColumnWhenNotCompiled) {
  RowBatch batch = MakeBatch({Texts({"abc", "abc", "abc"}), Texts({"a%", "b%", std::nullopt})});
  auto like = Call(ExprOp::kLike, DataType::Bool(), Col(0, DataType::Text()),
                   Col(1, DataType::Text()));
  EXPECT_THAT(Eval(*like, batch), ElementsAre("true", "false", "NULL"));
}

}  // namespace
}  // namespace tessera::expr_test

namespace tessera::expr_test {
namespace {

TEST(Like, PatternFromAColumnRepeatsAndAlternates) {
  // Patterns recurring out of order, simple ones ('a%', exact) and ones
  // needing the automaton ('_b_'), under LIKE and ILIKE.
  RowBatch batch = MakeBatch({Texts({"abc", "ABC", "abc", "xbz", "abc", "a%c", "abc"}),
                              Texts({"a%", "_b_", "_b_", "a%", "abc", "a\\%c", std::nullopt})});
  auto like = Call(ExprOp::kLike, DataType::Bool(), Col(0, DataType::Text()), Col(1, DataType::Text()));
  EXPECT_THAT(Eval(*like, batch), ElementsAre("true", "false", "true", "false", "true", "true", "NULL"));
  auto ilike = Call(ExprOp::kLike, DataType::Bool(), Col(0, DataType::Text()), Col(1, DataType::Text()));
  ilike->case_insensitive = true;
  EXPECT_THAT(Eval(*ilike, batch), ElementsAre("true", "true", "true", "false", "true", "true", "NULL"));
}

TEST(Like, ManyDistinctPatternsFromAColumn) {
  // More distinct patterns than are kept compiled at once.
  std::vector<std::optional<std::string>> texts, patterns;
  std::vector<std::string> expected;
  for (int i = 0; i < 1000; ++i) {
    texts.push_back("id-" + std::to_string(i));
    patterns.push_back("%-" + std::to_string(i % 7 == 0 ? i + 1 : i) + (i % 2 == 0 ? "" : "_%"));
    // Odd i: "%-<i>_%" needs a character after <i>, which "id-<i>" lacks.
    expected.push_back(i % 7 != 0 && i % 2 == 0 ? "true" : "false");
  }
  RowBatch batch = MakeBatch({Texts(texts), Texts(patterns)});
  auto like = Call(ExprOp::kLike, DataType::Bool(), Col(0, DataType::Text()), Col(1, DataType::Text()));
  EXPECT_THAT(Eval(*like, batch), ::testing::ElementsAreArray(expected));
}

TEST(Like, BadPatternFromAColumnIsAnError) {
  RowBatch batch = MakeBatch({Texts({"abc", "abc"}), Texts({"a%", "ab\\"})});
  auto like = Call(ExprOp::kLike, DataType::Bool(), Col(0, DataType::Text()), Col(1, DataType::Text()));
  auto result = Evaluate(*like, batch);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("must not end with escape character"));
}

}  // namespace
}  // namespace tessera::expr_test
