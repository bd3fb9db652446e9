#include "engine/cli/args.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "engine/common/edit_distance.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace tessera::cli {
namespace {


const FlagSpec* FindSpec(const std::vector<FlagSpec>& specs, absl::string_view name) {
  for (const FlagSpec& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

absl::Status UnknownFlag(const std::vector<FlagSpec>& specs, absl::string_view name) {
  const FlagSpec* best = nullptr;
  size_t best_distance = 3;
  for (const FlagSpec& s : specs) {
    size_t d = EditDistance(name, s.name);
    if (d < best_distance) {
      best_distance = d;
      best = &s;
    }
  }
  std::string hint = best != nullptr ? absl::StrCat(" (did you mean --", best->name, "?)") : "";
  return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name, hint));
}

}  // namespace

absl::StatusOr<int64_t> ParsedArgs::GetInt(const std::string& name) const {
  int64_t v;
  if (!absl::SimpleAtoi(Get(name), &v)) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, " takes a whole number, not \"", Get(name), "\""));
  }
  return v;
}

absl::StatusOr<double> ParsedArgs::GetDouble(const std::string& name) const {
  double v;
  if (!absl::SimpleAtod(Get(name), &v)) {
    return absl::InvalidArgumentError(absl::StrCat("--", name, " takes a number, not \"", Get(name), "\""));
  }
  return v;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& specs) {
  ParsedArgs parsed;
  for (const FlagSpec& s : specs) parsed.flags[s.name] = s.default_value;
  bool only_positionals = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    // "-5" is a negative number, not a flag.
    if (only_positionals || arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) {
      parsed.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      parsed.help = true;
      continue;
    }
    // Both -e and --e are accepted for one-letter flags; long ones want "--".
    bool two_dashes = absl::StartsWith(arg, "--");
    absl::string_view body = absl::StripPrefix(absl::StripPrefix(arg, "-"), "-");
    std::string name(body.substr(0, body.find('=')));
    if (!two_dashes && name.size() > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag ", arg, " (long flags take two dashes: --", name, ")"));
    }
    const FlagSpec* spec = FindSpec(specs, name);
    if (spec == nullptr) return UnknownFlag(specs, name);
    if (spec->value_name.empty()) {
      if (body.find('=') != absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " takes no value"));
      }
      parsed.flags[name] = "true";
    } else if (body.find('=') != absl::string_view::npos) {
      parsed.flags[name] = std::string(body.substr(body.find('=') + 1));
    } else if (i + 1 < args.size()) {
      parsed.flags[name] = args[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value (", spec->value_name, ")"));
    }
  }
  return parsed;
}

std::string FlagsHelp(const std::vector<FlagSpec>& specs) {
  std::string out = "Flags:\n";
  for (const FlagSpec& s : specs) {
    std::string left = absl::StrCat("  --", s.name, s.value_name.empty() ? "" : absl::StrCat(" ", s.value_name));
    std::string help = s.help;
    if (!s.default_value.empty() && !s.value_name.empty()) {
      absl::StrAppend(&help, " (default: ", s.default_value, ")");
    }
    if (left.size() < 26) {
      absl::StrAppendFormat(&out, "%-26s %s\n", left, help);
    } else {
      absl::StrAppendFormat(&out, "%s\n%-26s %s\n", left, "", help);
    }
  }
  absl::StrAppendFormat(&out, "%-26s %s\n", "  -h, --help", "show this help");
  return out;
}

}  // namespace tessera::cli
