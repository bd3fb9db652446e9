#include "planner/binder/scope.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/edit_distance.h"

namespace tessera {

void Scope::Append(const Scope& other) {
  columns_.insert(columns_.end(), other.columns_.begin(), other.columns_.end());
}

bool Scope::HasQualifier(absl::string_view qualifier) const {
  for (const ScopeColumn& c : columns_) {
    if (c.qualifier == qualifier) return true;
  }
  return false;
}

absl::StatusOr<int> Scope::Resolve(absl::string_view qualifier, absl::string_view name) const {
  int found = -1;
  for (int i = 0; i < size(); ++i) {
    const ScopeColumn& c = columns_[i];
    if (c.name != name) continue;
    if (qualifier.empty() ? c.hidden : c.qualifier != qualifier) continue;
    if (found >= 0) {
      return absl::InvalidArgumentError(absl::StrCat("column reference \"", name, "\" is ambiguous"));
    }
    found = i;
  }
  if (found >= 0) return found;
  std::string full = qualifier.empty() ? std::string(name) : absl::StrCat(qualifier, ".", name);
  if (!qualifier.empty() && !HasQualifier(qualifier)) {
    return absl::NotFoundError(absl::StrCat("missing FROM-clause entry for table \"", qualifier, "\""));
  }
  // Suggest the nearest names, as PostgreSQL's hint does.
  std::vector<std::pair<size_t, std::string>> near;
  for (const ScopeColumn& c : columns_) {
    if (!qualifier.empty() && c.qualifier != qualifier) continue;
    size_t d = EditDistance(name, c.name);
    if (d <= std::max<size_t>(2, name.size() / 3)) {
      near.emplace_back(d, c.qualifier.empty() ? c.name : absl::StrCat(c.qualifier, ".", c.name));
    }
  }
  std::sort(near.begin(), near.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < near.size() && i < 3; ++i) names.push_back(near[i].second);
  std::string hint = names.empty() ? "" : absl::StrCat(" (did you mean ", absl::StrJoin(names, ", "), "?)");
  return absl::NotFoundError(absl::StrCat("column \"", full, "\" does not exist", hint));
}

}  // namespace tessera
