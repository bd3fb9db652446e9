// File: engine/identity/febrl_file.cc

#include "engine/identity/febrl_file.h"

#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tessera::identity {

absl::StatusOr<FebrlData> ReadFebrlFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open Febrl file ", path));
  FebrlData data;
  std::string line;
  int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line_number == 1 || absl::StripAsciiWhitespace(line).empty()) continue;
    std::vector<std::string> c = absl::StrSplit(line, ',');
    for (std::string& cell : c) cell = std::string(absl::StripAsciiWhitespace(cell));
    std::vector<absl::string_view> id_parts = absl::StrSplit(c[0], '-');
    int64_t entity = 0;
    if (c.size() != 11 || id_parts.size() < 3 || !absl::SimpleAtoi(id_parts[1], &entity)) {
      return absl::InvalidArgumentError(absl::StrCat("not a Febrl record at ", path, ":", line_number));
    }
    PersonRecord r;
    r.key = {"febrl", "record", absl::StrCat(line_number - 1)};
    r.given = NormalizeName(c[1]);
    r.family = NormalizeFamilyName(c[2]);
    r.street = NormalizeText(absl::StrCat(c[3], " ", c[4]));
    r.city = NormalizeText(c[6]);
    r.zip = DigitsOf(c[7]);
    r.birth = ParseBirthDate(c[9]);
    r.national_id = DigitsOf(c[10]);
    data.records.push_back(std::move(r));
    data.entity.push_back(entity);
  }
  return data;
}

}  // namespace tessera::identity
