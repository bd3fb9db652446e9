// File: engine/identity/device_registration_file.cc

#include "engine/identity/device_registration_file.h"

#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace tessera::identity {
namespace {

std::string StringField(const google::protobuf::Struct& object, const char* name) {
  auto it = object.fields().find(name);
  if (it == object.fields().end() || it->second.kind_case() != google::protobuf::Value::kStringValue) return "";
  return it->second.string_value();
}

bool IsFamilyParticle(absl::string_view word) {
  static constexpr absl::string_view kParticles[] = {"van", "von", "de", "del", "della", "der", "den", "da",
                                                     "di", "du", "la", "le", "st", "ten", "ter"};
  for (absl::string_view p : kParticles) {
    if (word == p) return true;
  }
  return false;
}

}  // namespace

void SplitGivenFirstName(absl::string_view full_name, PersonRecord& record) {
  std::vector<std::string> words = absl::StrSplit(NormalizeName(full_name), ' ', absl::SkipEmpty());
  if (words.empty()) return;
  record.given = words.front();
  if (words.size() < 2) return;
  // The family name starts at its particle, if it has one ("Van Dyke").
  size_t family_start = words.size() - 1;
  while (family_start > 1 && IsFamilyParticle(words[family_start - 1])) --family_start;
  std::vector<std::string> family(words.begin() + family_start, words.end());
  record.family = NormalizeFamilyName(absl::StrJoin(family, " "));
  for (size_t i = 1; i < family_start; ++i) absl::StrAppend(&record.middle, record.middle.empty() ? "" : " ", words[i]);
}

void SplitFamilyFirstName(absl::string_view full_name, PersonRecord& record) {
  std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(full_name, absl::MaxSplits(',', 1));
  record.family = NormalizeFamilyName(parts.first);
  std::vector<std::string> words = absl::StrSplit(NormalizeName(parts.second), ' ', absl::SkipEmpty());
  if (words.empty()) return;
  record.given = words.front();
  for (size_t i = 1; i < words.size(); ++i) absl::StrAppend(&record.middle, record.middle.empty() ? "" : " ", words[i]);
}

absl::StatusOr<std::vector<PersonRecord>> DeviceRegistrationFile::ReadAll(QueryContext& ctx) {
  std::ifstream in(path_);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open device registrations ", path_));
  std::vector<PersonRecord> records;
  std::string line;
  int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    if (line_number % 4096 == 0 && ctx.is_cancelled()) return absl::CancelledError("reading device registrations");
    google::protobuf::Struct object;
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    if (!google::protobuf::util::JsonStringToMessage(line, &object, options).ok()) {
      return absl::InvalidArgumentError(absl::StrCat("not a JSON object at ", path_, ":", line_number));
    }
    PersonRecord record;
    record.key = {"devices", "registration", StringField(object, "registration_id")};
    if (record.key.record_id.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("registration without registration_id at ", path_, ":", line_number));
    }
    SplitGivenFirstName(StringField(object, "owner_name"), record);
    record.birth = ParseBirthDate(StringField(object, "owner_birth_date"));
    record.phone = NormalizePhone(StringField(object, "owner_phone"));
    record.zip = NormalizeZip(StringField(object, "owner_zip"));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace tessera::identity
