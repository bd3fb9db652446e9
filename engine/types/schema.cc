#include "engine/types/schema.h"

#include "absl/strings/str_cat.h"

namespace tessera {

std::optional<int> Schema::IndexOf(absl::string_view name) const {
  for (int i = 0; i < num_fields(); ++i) {
    if (fields_[i].name == name) return i;
  }
  return std::nullopt;
}

std::string Schema::ToString() const {
  std::string out;
  for (const Field& f : fields_) {
    if (!out.empty()) out += ", ";
    absl::StrAppend(&out, f.name, " ", f.type.ToString());
  }
  return out;
}

}  // namespace tessera
