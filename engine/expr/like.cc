// LIKE / ILIKE: translating a pattern into RE2 syntax, and the kLike node.

#include "engine/expr/like.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"
#include "engine/expr/utf8.h"

namespace tessera {
namespace {

// Bytes in the UTF-8 character starting at `pos` (1 for a malformed byte).
size_t CharLength(absl::string_view s, size_t pos) {
  size_t end = pos;
  expr_internal::DecodeChar(s, &end);
  return end - pos;
}

re2::StringPiece Piece(absl::string_view s) { return re2::StringPiece(s.data(), s.size()); }

// Per evaluation of a LIKE whose pattern varies by row, at most this many
// distinct patterns are kept compiled.
constexpr size_t kMaxCachedLikePatterns = 256;

// A pattern read into runs of literal text, '%' (runs collapsed) and '_'.
struct LikePiece {
  enum Kind { kLiteral, kAnySequence, kOneChar } kind;
  std::string text;  // kLiteral only.
};

absl::StatusOr<std::vector<LikePiece>> ParseLike(absl::string_view pattern, char escape) {
  std::vector<LikePiece> pieces;
  auto literal = [&](absl::string_view text) {
    if (pieces.empty() || pieces.back().kind != LikePiece::kLiteral) {
      pieces.push_back({LikePiece::kLiteral, ""});
    }
    pieces.back().text.append(text.data(), text.size());
  };
  size_t pos = 0;
  while (pos < pattern.size()) {
    const char c = pattern[pos];
    if (escape != '\0' && c == escape) {
      if (pos + 1 >= pattern.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("LIKE pattern must not end with escape character: \"", pattern, "\""));
      }
      const size_t length = CharLength(pattern, pos + 1);
      literal(pattern.substr(pos + 1, length));
      pos += 1 + length;
    } else if (c == '%') {
      // A run of % is one: fewer states, same language.
      if (pieces.empty() || pieces.back().kind != LikePiece::kAnySequence) {
        pieces.push_back({LikePiece::kAnySequence, ""});
      }
      ++pos;
    } else if (c == '_') {
      pieces.push_back({LikePiece::kOneChar, ""});
      ++pos;
    } else {
      const size_t length = CharLength(pattern, pos);
      literal(pattern.substr(pos, length));
      pos += length;
    }
  }
  return pieces;
}

std::string RegexOf(const std::vector<LikePiece>& pieces) {
  std::string regex;
  for (const LikePiece& p : pieces) {
    switch (p.kind) {
      case LikePiece::kLiteral:
        regex += re2::RE2::QuoteMeta(Piece(p.text));
        break;
      case LikePiece::kAnySequence:
        regex += ".*";
        break;
      case LikePiece::kOneChar:
        regex += ".";
        break;
    }
  }
  return regex;
}

// A case-sensitive pattern that needs no automaton: a literal with '%' at
// neither, either or both ends ('abc', 'abc%', '%abc', '%abc%'), or '%'
// alone. These are most patterns in practice, and a byte comparison is an
// order of magnitude faster than starting RE2 for each row.
struct SimpleLike {
  enum Kind { kExact, kPrefix, kSuffix, kContains, kAll } kind;
  std::string literal;

  bool Matches(absl::string_view s) const {
    switch (kind) {
      case kExact:
        return s == literal;
      case kPrefix:
        return absl::StartsWith(s, literal);
      case kSuffix:
        return absl::EndsWith(s, literal);
      case kContains:
        return s.find(literal) != absl::string_view::npos;
      case kAll:
        return true;
    }
    return false;
  }
};

std::optional<SimpleLike> Simplify(const std::vector<LikePiece>& pieces) {
  std::string shape;  // One letter per piece: L, %, _.
  std::string literal;
  for (const LikePiece& p : pieces) {
    shape += p.kind == LikePiece::kLiteral ? 'L' : p.kind == LikePiece::kAnySequence ? '%' : '_';
    if (p.kind == LikePiece::kLiteral) literal = p.text;
  }
  if (shape.empty() || shape == "L") return SimpleLike{SimpleLike::kExact, literal};
  if (shape == "%") return SimpleLike{SimpleLike::kAll, ""};
  if (shape == "L%") return SimpleLike{SimpleLike::kPrefix, literal};
  if (shape == "%L") return SimpleLike{SimpleLike::kSuffix, literal};
  if (shape == "%L%") return SimpleLike{SimpleLike::kContains, literal};
  return std::nullopt;
}

// The ESCAPE character of a kLike node: `field`, '\\' when empty, and
// '\0' for none.
absl::StatusOr<char> EscapeOf(const Expr& expr) {
  if (expr.field.empty()) return '\\';
  if (expr.field.size() > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid escape string \"", expr.field, "\" (must be one character)"));
  }
  return expr.field[0];
}

// The fast form of a compiled node, when its pattern text (args[1]) is known
// to be what `regex` was compiled from and the pattern is simple.
std::optional<SimpleLike> SimpleFormOf(const Expr& expr) {
  if (expr.args.size() < 2 || !expr.regex->options().case_sensitive()) return std::nullopt;
  const Expr& pattern = *expr.args[1];
  if (pattern.op != ExprOp::kConstant || pattern.constant.is_null() ||
      pattern.constant.type().id != TypeId::kText) {
    return std::nullopt;
  }
  absl::StatusOr<char> escape = EscapeOf(expr);
  if (!escape.ok()) return std::nullopt;
  absl::StatusOr<std::vector<LikePiece>> pieces = ParseLike(pattern.constant.text_value(), *escape);
  // The same regular expression means the same language, whoever compiled it.
  if (!pieces.ok() || RegexOf(*pieces) != expr.regex->pattern()) return std::nullopt;
  return Simplify(*pieces);
}

}  // namespace

absl::StatusOr<std::shared_ptr<const re2::RE2>> CompileLikePattern(absl::string_view pattern,
                                                                   bool case_insensitive,
                                                                   char escape) {
  ASSIGN_OR_RETURN(std::vector<LikePiece> pieces, ParseLike(pattern, escape));
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingUTF8);
  options.set_case_sensitive(!case_insensitive);
  options.set_dot_nl(true);  // % and _ match newlines too.
  options.set_log_errors(false);
  auto compiled = std::make_shared<const re2::RE2>(RegexOf(pieces), options);
  if (!compiled->ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid LIKE pattern \"", pattern, "\": ", compiled->error()));
  }
  return std::shared_ptr<const re2::RE2>(std::move(compiled));
}

absl::StatusOr<std::unique_ptr<Expr>> MakeLike(std::unique_ptr<Expr> input,
                                               absl::string_view pattern, bool case_insensitive,
                                               char escape) {
  ASSIGN_OR_RETURN(std::shared_ptr<const re2::RE2> regex,
                   CompileLikePattern(pattern, case_insensitive, escape));
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(std::move(input));
  args.push_back(Expr::Constant(Value::Text(std::string(pattern))));
  std::unique_ptr<Expr> like = Expr::Call(ExprOp::kLike, DataType::Bool(), std::move(args));
  like->regex = std::move(regex);
  like->case_insensitive = case_insensitive;
  like->field = std::string(1, escape);
  return like;
}

namespace expr_internal {

absl::StatusOr<Operand> EvalLike(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.empty()) return absl::InternalError("LIKE needs an argument");
  ASSIGN_OR_RETURN(Operand s, EvalNode(*expr.args[0], ctx));
  if (s.type().id != TypeId::kText) {
    ASSIGN_OR_RETURN(s, CastOperand(std::move(s), DataType::Text(), ctx.rows()));
  }
  if (expr.regex != nullptr) {
    if (std::optional<SimpleLike> simple = SimpleFormOf(expr)) {
      return UnaryKernel(s, ctx.rows(), DataType::Bool(), [&](int64_t i, ColumnVector* out) {
        out->AppendBool(simple->Matches(s.Text(i)));
        return Fault::kNone;
      });
    }
    const re2::RE2& regex = *expr.regex;
    return UnaryKernel(s, ctx.rows(), DataType::Bool(), [&](int64_t i, ColumnVector* out) {
      out->AppendBool(re2::RE2::FullMatch(Piece(s.Text(i)), regex));
      return Fault::kNone;
    });
  }

  // No compiled pattern: the pattern is an argument (a column, an
  // expression), compiled once per distinct text and kept for the batch;
  // simple case-sensitive patterns compare bytes as compiled ones do.
  if (expr.args.size() < 2) return absl::InternalError("LIKE without a pattern");
  ASSIGN_OR_RETURN(const char escape, EscapeOf(expr));
  ASSIGN_OR_RETURN(Operand pattern, EvalNode(*expr.args[1], ctx));
  if (pattern.type().id != TypeId::kText) {
    return absl::InvalidArgumentError(
        absl::StrCat("LIKE pattern must be text, not ", pattern.type().ToString()));
  }
  const int64_t n = KernelRows({&s, &pattern}, ctx.rows());
  ColumnVector out(DataType::Bool());
  out.Reserve(n);
  struct Compiled {
    std::optional<SimpleLike> simple;
    std::shared_ptr<const re2::RE2> regex;
  };
  absl::flat_hash_map<std::string, Compiled> cache;
  const Compiled* last = nullptr;
  absl::string_view last_text;
  for (int64_t i = 0; i < n; ++i) {
    if (s.IsNull(i) || pattern.IsNull(i)) {
      out.AppendNull();
      continue;
    }
    const absl::string_view text = pattern.Text(i);
    if (last == nullptr || text != last_text) {
      auto it = cache.find(text);
      if (it == cache.end()) {
        // Distinct patterns are usually few; a batch of all-different ones
        // must not hold every automaton at once.
        if (cache.size() >= kMaxCachedLikePatterns) cache.clear();
        ASSIGN_OR_RETURN(std::vector<LikePiece> pieces, ParseLike(text, escape));
        Compiled c;
        if (!expr.case_insensitive) c.simple = Simplify(pieces);
        if (!c.simple.has_value()) {
          ASSIGN_OR_RETURN(c.regex, CompileLikePattern(text, expr.case_insensitive, escape));
        }
        it = cache.emplace(std::string(text), std::move(c)).first;
      }
      last = &it->second;
      last_text = it->first;
    }
    const absl::string_view value = s.Text(i);
    out.AppendBool(last->simple.has_value() ? last->simple->Matches(value)
                                            : re2::RE2::FullMatch(Piece(value), *last->regex));
  }
  return Result(std::move(out), ctx.rows());
}

}  // namespace expr_internal
}  // namespace tessera
