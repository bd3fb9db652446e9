#include "engine/cli/statement_splitter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace tessera::cli {
namespace {

// Bytes of an unquoted identifier after its first (PostgreSQL also allows
// `$` there, and any non-ASCII byte).
bool IsIdentChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

// Bytes a dollar-quote tag may start with (no digit: `$1` is a parameter).
bool IsTagStart(char c) {
  return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

// The `$tag$` opening a dollar-quoted string at the start of `rest`, or empty.
absl::string_view DollarTag(absl::string_view rest) {
  size_t j = 1;
  if (j < rest.size() && IsTagStart(rest[j])) {
    while (j < rest.size() && IsIdentChar(rest[j]) && rest[j] != '$') ++j;
  }
  if (j < rest.size() && rest[j] == '$') return rest.substr(0, j + 1);
  return {};
}

}  // namespace

void StatementSplitter::MarkContent() { has_content_ = true; }

InputItem StatementSplitter::TakeStatement() {
  InputItem item{InputItem::Kind::kStatement,
                 std::string(absl::StripAsciiWhitespace(buffer_)), start_line_};
  buffer_.clear();
  has_content_ = false;
  paren_depth_ = 0;
  start_line_ = line_number_;
  return item;
}

std::vector<InputItem> StatementSplitter::AddLine(absl::string_view line) {
  ++line_number_;
  // A statement starts where its text does, comments included, so that its
  // line k is line start_line_ + k - 1 of the input.
  if (buffer_.empty()) start_line_ = line_number_;
  std::vector<InputItem> out;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    const char next = i + 1 < line.size() ? line[i + 1] : '\0';
    switch (state_) {
      case State::kNormal:
        if (c == '-' && next == '-') {
          buffer_.append(line.data() + i, line.size() - i);
          i = line.size();
          continue;
        }
        if (c == '/' && next == '*') {
          state_ = State::kBlockComment;
          comment_depth_ = 1;
          buffer_.append("/*");
          i += 2;
          continue;
        }
        if (c == '\\') {
          out.push_back({InputItem::Kind::kCommand,
                         std::string(absl::StripTrailingAsciiWhitespace(line.substr(i))), line_number_});
          i = line.size();
          continue;
        }
        if (c == ';' && paren_depth_ == 0) {
          if (has_content_) {
            out.push_back(TakeStatement());
          } else {
            buffer_.clear();  // An empty statement, as psql ignores it.
          }
          ++i;
          continue;
        }
        if (c == '$' && (buffer_.empty() || !IsIdentChar(buffer_.back()))) {
          absl::string_view tag = DollarTag(line.substr(i));
          if (!tag.empty()) {
            MarkContent();
            state_ = State::kDollarQuote;
            dollar_tag_ = std::string(tag);
            buffer_.append(tag.data(), tag.size());
            i += tag.size();
            continue;
          }
        }
        if (c == '\'') {
          // E'...' takes backslash escapes; a plain '...' does not.
          bool escape = !buffer_.empty() && (buffer_.back() == 'E' || buffer_.back() == 'e') &&
                        (buffer_.size() == 1 || !IsIdentChar(buffer_[buffer_.size() - 2]));
          state_ = escape ? State::kEscapeQuote : State::kSingleQuote;
        } else if (c == '"') {
          state_ = State::kDoubleQuote;
        } else if (c == '(') {
          ++paren_depth_;
        } else if (c == ')' && paren_depth_ > 0) {
          --paren_depth_;
        }
        if (!absl::ascii_isspace(static_cast<unsigned char>(c))) MarkContent();
        buffer_.push_back(c);
        ++i;
        break;

      case State::kSingleQuote:
      case State::kEscapeQuote:
      case State::kDoubleQuote: {
        const char quote = state_ == State::kDoubleQuote ? '"' : '\'';
        if (state_ == State::kEscapeQuote && c == '\\' && i + 1 < line.size()) {
          buffer_.append(line.data() + i, 2);
          i += 2;
          continue;
        }
        if (c == quote && next == quote) {  // A doubled quote stands for itself.
          buffer_.append(2, quote);
          i += 2;
          continue;
        }
        if (c == quote) state_ = State::kNormal;
        buffer_.push_back(c);
        ++i;
        break;
      }

      case State::kDollarQuote:
        if (absl::StartsWith(line.substr(i), dollar_tag_)) {
          buffer_.append(dollar_tag_);
          i += dollar_tag_.size();
          state_ = State::kNormal;
          continue;
        }
        buffer_.push_back(c);
        ++i;
        break;

      case State::kBlockComment:
        if (c == '/' && next == '*') {
          ++comment_depth_;
          buffer_.append("/*");
          i += 2;
          continue;
        }
        if (c == '*' && next == '/') {
          buffer_.append("*/");
          i += 2;
          if (--comment_depth_ == 0) state_ = State::kNormal;
          continue;
        }
        buffer_.push_back(c);
        ++i;
        break;
    }
  }
  if (has_content_ || state_ != State::kNormal) {
    buffer_.push_back('\n');
  } else {
    buffer_.clear();  // Blank lines and comments before a statement.
  }
  return out;
}

std::optional<InputItem> StatementSplitter::Finish() {
  std::optional<InputItem> item;
  if (has_content_) item = TakeStatement();
  Reset();
  return item;
}

void StatementSplitter::Reset() {
  state_ = State::kNormal;
  buffer_.clear();
  has_content_ = false;
  paren_depth_ = 0;
  comment_depth_ = 0;
  dollar_tag_.clear();
}

bool StatementSplitter::has_pending() const { return has_content_ || state_ != State::kNormal; }

char StatementSplitter::continuation() const {
  switch (state_) {
    case State::kSingleQuote:
    case State::kEscapeQuote:
      return '\'';
    case State::kDoubleQuote:
      return '"';
    case State::kDollarQuote:
      return '$';
    case State::kBlockComment:
      return '*';
    case State::kNormal:
      break;
  }
  return paren_depth_ > 0 ? '(' : '-';
}

}  // namespace tessera::cli
