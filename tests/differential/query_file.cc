#include "tests/differential/query_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "engine/common/status_macros.h"

namespace tessera::testing {
namespace {

constexpr absl::string_view kNamePrefix = "-- name:";
constexpr absl::string_view kCentral = "-- central:";

bool IsIdentifier(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isalnum(c) || c == '_'; });
}

// A directive line below `-- name:`: "-- ordered" or "-- known: why". Returns
// false for any other line; `word` and `argument` receive its parts.
bool SplitDirective(absl::string_view line, std::string* word, std::string* argument) {
  if (!absl::ConsumePrefix(&line, "-- ")) return false;
  absl::string_view head = line.substr(0, line.find(':'));
  if (head.empty() || !std::all_of(head.begin(), head.end(), [](char c) { return absl::ascii_islower(c) || c == '_'; })) {
    return false;
  }
  *word = std::string(head);
  *argument = head.size() < line.size() ? std::string(absl::StripAsciiWhitespace(line.substr(head.size() + 1))) : "";
  return true;
}

// Whether `sql` holds anything but blank lines and comments.
bool HasStatement(absl::string_view sql) {
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!line.empty() && !absl::StartsWith(line, "--")) return true;
  }
  return false;
}

}  // namespace

void PrintTo(const DifferentialQuery& query, std::ostream* os) { *os << query.id(); }

absl::StatusOr<std::vector<DifferentialQuery>> ParseQueryFile(absl::string_view file, absl::string_view text) {
  std::vector<DifferentialQuery> out;
  std::set<std::string> names;
  bool in_header = false;
  int line_number = 0;
  auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("queries/", file, ".sql line ", line_number, ": ", why));
  };
  bool in_central = false;
  auto trim = [](std::string& text) {
    absl::string_view sql = absl::StripAsciiWhitespace(text);
    while (absl::ConsumeSuffix(&sql, ";")) sql = absl::StripTrailingAsciiWhitespace(sql);
    text = std::string(sql);
  };
  auto finish = [&]() -> absl::Status {
    if (out.empty()) return absl::OkStatus();
    DifferentialQuery& q = out.back();
    trim(q.sql);
    trim(q.central);
    if (!HasStatement(q.sql)) {
      return absl::InvalidArgumentError(
          absl::StrCat("queries/", file, ".sql line ", q.line, ": query \"", q.name, "\" has no SQL"));
    }
    if (in_central && !HasStatement(q.central)) {
      return absl::InvalidArgumentError(absl::StrCat("queries/", file, ".sql line ", q.central_line, ": query \"",
                                                     q.name, "\" has no SQL below \"-- central:\""));
    }
    in_central = false;
    return absl::OkStatus();
  };
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++line_number;
    absl::string_view line = absl::StripTrailingAsciiWhitespace(raw);
    if (absl::StartsWith(line, kNamePrefix)) {
      RETURN_IF_ERROR(finish());
      std::string name(absl::StripAsciiWhitespace(line.substr(kNamePrefix.size())));
      if (!IsIdentifier(name)) return fail(absl::StrCat("a query name is letters, digits and '_', not \"", name, "\""));
      if (!names.insert(name).second) return fail(absl::StrCat("a second query named \"", name, "\""));
      DifferentialQuery q;
      q.file = std::string(file);
      q.name = std::move(name);
      q.line = line_number;
      out.push_back(std::move(q));
      in_header = true;
      continue;
    }
    if (out.empty()) {
      absl::string_view stripped = absl::StripLeadingAsciiWhitespace(line);
      if (!stripped.empty() && !absl::StartsWith(stripped, "--")) return fail("SQL before the first \"-- name:\" line");
      continue;
    }
    if (absl::StartsWith(line, kCentral)) {
      if (line != kCentral) return fail("\"-- central:\" stands alone on its line; the central SQL goes below it");
      if (in_central) return fail(absl::StrCat("a second \"-- central:\" in query \"", out.back().name, "\""));
      if (!HasStatement(out.back().sql)) {
        return fail(absl::StrCat("query \"", out.back().name, "\" has no SQL above \"-- central:\""));
      }
      in_central = true;
      in_header = false;
      out.back().central_line = line_number;
      continue;
    }
    std::string word, argument;
    if (in_header && SplitDirective(line, &word, &argument)) {
      if (word == "ordered" && argument.empty()) {
        out.back().ordered = true;
      } else if (word == "known" && !argument.empty()) {
        out.back().known = argument;
      } else {
        return fail(absl::StrCat("unknown directive \"", line, "\" (there are \"-- ordered\" and \"-- known: <reason>\")"));
      }
      continue;
    }
    in_header = false;
    absl::StrAppend(in_central ? &out.back().central : &out.back().sql, line, "\n");
  }
  RETURN_IF_ERROR(finish());
  return out;
}

absl::StatusOr<std::vector<DifferentialQuery>> LoadQueryDir(const std::string& dir) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  if (error) return absl::NotFoundError(absl::StrCat("cannot list the query files: ", error.message(), ": ", dir));
  if (files.empty()) return absl::NotFoundError(absl::StrCat("no *.sql query files in ", dir));
  std::sort(files.begin(), files.end());
  std::vector<DifferentialQuery> all;
  for (const auto& path : files) {
    std::ifstream in(path);
    if (!in.is_open()) return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
    std::stringstream text;
    text << in.rdbuf();
    ASSIGN_OR_RETURN(std::vector<DifferentialQuery> queries, ParseQueryFile(path.stem().string(), text.str()));
    if (queries.empty()) return absl::InvalidArgumentError(absl::StrCat(path.string(), " holds no queries"));
    for (auto& q : queries) all.push_back(std::move(q));
  }
  return all;
}

}  // namespace tessera::testing
