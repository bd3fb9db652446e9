// Text functions: || and concat, lower, upper, length, substr, trim, ltrim,
// rtrim, replace and strpos. Positions and lengths count characters of
// UTF-8, as PostgreSQL does in a UTF-8 database.
//
// lower and upper map case through the C library's C.UTF-8 locale, which
// knows Unicode's simple case mappings; one character maps to one character
// (upper('ß') stays 'ß', as in PostgreSQL's libc collations).

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <bitset>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"
#include "engine/expr/utf8.h"

namespace tessera::expr_internal {
namespace {

// Argument `k` of `expr` as text (concat accepts any type and prints it).
absl::StatusOr<Operand> TextArg(const Expr& expr, const EvalContext& ctx, size_t k) {
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[k], ctx));
  if (v.type().id == TypeId::kText) return v;
  return CastOperand(std::move(v), DataType::Text(), ctx.rows());
}

// Argument `k` of `expr` as bigint (a position or a length).
absl::StatusOr<Operand> BigintArg(const Expr& expr, const EvalContext& ctx, size_t k) {
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[k], ctx));
  if (v.type().id == TypeId::kInt64) return v;
  return CastOperand(std::move(v), DataType::Int64(), ctx.rows());
}

absl::StatusOr<std::vector<Operand>> TextArgs(const Expr& expr, const EvalContext& ctx) {
  std::vector<Operand> args;
  args.reserve(expr.args.size());
  for (size_t k = 0; k < expr.args.size(); ++k) {
    ASSIGN_OR_RETURN(Operand v, TextArg(expr, ctx, k));
    args.push_back(std::move(v));
  }
  return args;
}

// concat() prints its arguments with each type's output function, which for
// a boolean is PostgreSQL's 't' / 'f' (while || casts: 'true' / 'false').
absl::StatusOr<Operand> ConcatArg(const Expr& expr, const EvalContext& ctx, size_t k) {
  if (!expr.skip_nulls || expr.args[k]->type.id != TypeId::kBool) return TextArg(expr, ctx, k);
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[k], ctx));
  return UnaryKernel(v, ctx.rows(), DataType::Text(), [&](int64_t i, ColumnVector* out) {
    out->AppendText(v.Int(i) != 0 ? "t" : "f");
    return Fault::kNone;
  });
}

absl::StatusOr<Operand> Concat(const Expr& expr, const EvalContext& ctx) {
  std::vector<Operand> args;
  args.reserve(expr.args.size());
  for (size_t k = 0; k < expr.args.size(); ++k) {
    ASSIGN_OR_RETURN(Operand v, ConcatArg(expr, ctx, k));
    args.push_back(std::move(v));
  }
  std::vector<const Operand*> pointers;
  for (const Operand& a : args) pointers.push_back(&a);
  const int64_t n = KernelRows(pointers, ctx.rows());
  ColumnVector out(DataType::Text());
  out.Reserve(n);
  std::string buffer;
  for (int64_t i = 0; i < n; ++i) {
    buffer.clear();
    bool null = false;
    for (const Operand& a : args) {
      if (a.IsNull(i)) {
        if (expr.skip_nulls) continue;
        null = true;
        break;
      }
      const absl::string_view t = a.Text(i);
      buffer.append(t.data(), t.size());
    }
    if (null) {
      out.AppendNull();
    } else {
      out.AppendText(buffer);
    }
  }
  return Result(std::move(out), ctx.rows());
}

locale_t Utf8Locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

void MapCase(bool upper, absl::string_view s, std::string* out) {
  out->clear();
  if (IsAscii(s)) {
    out->resize(s.size());
    for (size_t k = 0; k < s.size(); ++k) {
      const char c = s[k];
      if (upper) {
        (*out)[k] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      } else {
        (*out)[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      }
    }
    return;
  }
  const locale_t locale = Utf8Locale();
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = DecodeChar(s, &pos);
    if (!(cp & kRawByte) && locale != static_cast<locale_t>(0)) {
      cp = static_cast<char32_t>(upper ? towupper_l(cp, locale) : towlower_l(cp, locale));
    }
    EncodeChar(cp, out);
  }
}

absl::StatusOr<Operand> Substr(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.size() < 2 || expr.args.size() > 3) {
    return absl::InternalError("substr takes two or three arguments");
  }
  ASSIGN_OR_RETURN(Operand s, TextArg(expr, ctx, 0));
  ASSIGN_OR_RETURN(Operand from, BigintArg(expr, ctx, 1));
  const int64_t rows = ctx.rows();
  if (expr.args.size() == 2) {
    // From character max(from, 1) to the end.
    return BinaryKernel(s, from, rows, DataType::Text(), [&](int64_t i, ColumnVector* out) {
      const absl::string_view t = s.Text(i);
      const int64_t skip = std::max<int64_t>(from.Int(i), 1) - 1;
      out->AppendText(t.substr(ByteOffsetOfChar(t, skip)));
      return Fault::kNone;
    });
  }
  ASSIGN_OR_RETURN(Operand count, BigintArg(expr, ctx, 2));
  // PostgreSQL: characters [from, from + count) clipped to start at 1, so
  // substr('hello', 0, 3) is 'he'.
  const int64_t n = KernelRows({&s, &from, &count}, rows);
  ColumnVector out(DataType::Text());
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (s.IsNull(i) || from.IsNull(i) || count.IsNull(i)) {
      out.AppendNull();
      continue;
    }
    const int64_t start = from.Int(i), length = count.Int(i);
    if (length < 0) return FaultStatus(Fault::kNegativeLength);
    int64_t end;
    if (__builtin_add_overflow(start, length, &end)) end = INT64_MAX;
    const int64_t first = std::max<int64_t>(start, 1);
    if (end <= first) {
      out.AppendText("");
      continue;
    }
    const absl::string_view t = s.Text(i);
    const size_t begin = ByteOffsetOfChar(t, first - 1);
    const absl::string_view rest = t.substr(begin);
    out.AppendText(rest.substr(0, ByteOffsetOfChar(rest, end - first)));
  }
  return Result(std::move(out), rows);
}

// The characters trim removes: a byte bitmap when they are all ASCII (the
// usual case), else a list of code points.
class TrimSet {
 public:
  explicit TrimSet(absl::string_view chars) : chars_(chars), ascii_(IsAscii(chars)) {
    if (ascii_) {
      for (char c : chars) bytes_.set(static_cast<unsigned char>(c));
    } else {
      size_t pos = 0;
      while (pos < chars.size()) points_.push_back(DecodeChar(chars, &pos));
    }
  }

  absl::string_view chars() const { return chars_; }

  absl::string_view Trim(absl::string_view s, bool left, bool right) const {
    if (ascii_) {
      size_t b = 0, e = s.size();
      // A multibyte character never matches an ASCII set: its bytes are >= 0x80.
      if (left) {
        while (b < e && bytes_.test(static_cast<unsigned char>(s[b]))) ++b;
      }
      if (right) {
        while (e > b && bytes_.test(static_cast<unsigned char>(s[e - 1]))) --e;
      }
      return s.substr(b, e - b);
    }
    size_t b = 0, e = s.size();
    if (left) {
      while (b < e) {
        size_t next = b;
        if (!Contains(DecodeChar(s, &next))) break;
        b = next;
      }
    }
    if (right) {
      while (e > b) {
        size_t start = e - 1;
        while (start > b && IsContinuationByte(s[start])) --start;
        size_t pos = start;
        const char32_t cp = DecodeChar(s, &pos);
        if (pos != e || !Contains(cp)) break;
        e = start;
      }
    }
    return s.substr(b, e - b);
  }

 private:
  bool Contains(char32_t cp) const {
    return std::find(points_.begin(), points_.end(), cp) != points_.end();
  }

  std::string chars_;
  bool ascii_;
  std::bitset<256> bytes_;
  std::vector<char32_t> points_;
};

absl::StatusOr<Operand> Trim(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.empty() || expr.args.size() > 2) {
    return absl::InternalError("trim takes one or two arguments");
  }
  const bool left = expr.op != ExprOp::kRTrim, right = expr.op != ExprOp::kLTrim;
  ASSIGN_OR_RETURN(Operand s, TextArg(expr, ctx, 0));
  if (expr.args.size() == 1) {
    const TrimSet spaces(" ");
    return UnaryKernel(s, ctx.rows(), DataType::Text(), [&](int64_t i, ColumnVector* out) {
      out->AppendText(spaces.Trim(s.Text(i), left, right));
      return Fault::kNone;
    });
  }
  ASSIGN_OR_RETURN(Operand chars, TextArg(expr, ctx, 1));
  // The set is rebuilt only when the characters change from row to row.
  TrimSet set("");
  return BinaryKernel(s, chars, ctx.rows(), DataType::Text(), [&](int64_t i, ColumnVector* out) {
    if (chars.Text(i) != set.chars()) set = TrimSet(chars.Text(i));
    out->AppendText(set.Trim(s.Text(i), left, right));
    return Fault::kNone;
  });
}

absl::StatusOr<Operand> Replace(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.size() != 3) return absl::InternalError("replace takes three arguments");
  ASSIGN_OR_RETURN(std::vector<Operand> args, TextArgs(expr, ctx));
  const Operand &s = args[0], &from = args[1], &to = args[2];
  const int64_t n = KernelRows({&s, &from, &to}, ctx.rows());
  ColumnVector out(DataType::Text());
  out.Reserve(n);
  std::string buffer;
  for (int64_t i = 0; i < n; ++i) {
    if (s.IsNull(i) || from.IsNull(i) || to.IsNull(i)) {
      out.AppendNull();
      continue;
    }
    const absl::string_view t = s.Text(i), f = from.Text(i), r = to.Text(i);
    if (f.empty()) {
      out.AppendText(t);
      continue;
    }
    buffer.clear();
    size_t pos = 0;
    for (size_t hit = t.find(f); hit != absl::string_view::npos; hit = t.find(f, pos)) {
      buffer.append(t.data() + pos, hit - pos);
      buffer.append(r.data(), r.size());
      pos = hit + f.size();
    }
    buffer.append(t.data() + pos, t.size() - pos);
    out.AppendText(buffer);
  }
  return Result(std::move(out), ctx.rows());
}

}  // namespace

absl::StatusOr<Operand> EvalTextFunction(const Expr& expr, const EvalContext& ctx) {
  const int64_t rows = ctx.rows();
  switch (expr.op) {
    case ExprOp::kConcat:
      return Concat(expr, ctx);
    case ExprOp::kSubstr:
      return Substr(expr, ctx);
    case ExprOp::kTrim:
    case ExprOp::kLTrim:
    case ExprOp::kRTrim:
      return Trim(expr, ctx);
    case ExprOp::kReplace:
      return Replace(expr, ctx);
    case ExprOp::kPosition: {
      if (expr.args.size() != 2) return absl::InternalError("strpos takes two arguments");
      ASSIGN_OR_RETURN(std::vector<Operand> args, TextArgs(expr, ctx));
      const Operand &s = args[0], &sub = args[1];
      return BinaryKernel(s, sub, rows, DataType::Int64(), [&](int64_t i, ColumnVector* out) {
        const absl::string_view t = s.Text(i);
        const size_t hit = t.find(sub.Text(i));
        out->AppendInt64(hit == absl::string_view::npos ? 0 : CountChars(t.substr(0, hit)) + 1);
        return Fault::kNone;
      });
    }
    default:
      break;
  }
  if (expr.args.size() != 1) {
    return absl::InternalError(absl::StrCat("wrong number of arguments: ", expr.ToString()));
  }
  ASSIGN_OR_RETURN(Operand s, TextArg(expr, ctx, 0));
  if (expr.op == ExprOp::kLength) {
    return UnaryKernel(s, rows, DataType::Int64(), [&](int64_t i, ColumnVector* out) {
      out->AppendInt64(CountChars(s.Text(i)));
      return Fault::kNone;
    });
  }
  const bool upper = expr.op == ExprOp::kUpper;
  std::string buffer;
  return UnaryKernel(s, rows, DataType::Text(), [&](int64_t i, ColumnVector* out) {
    MapCase(upper, s.Text(i), &buffer);
    out->AppendText(buffer);
    return Fault::kNone;
  });
}

}  // namespace tessera::expr_internal
