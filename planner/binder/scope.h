// File: planner/binder/scope.h
//
// The columns a clause of a query can name: each with the table alias it
// came from, its name and its position in the input of the clause.

#ifndef TESSERA_PLANNER_BINDER_SCOPE_H_
#define TESSERA_PLANNER_BINDER_SCOPE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/types/data_type.h"

namespace tessera {

struct ScopeColumn {
  std::string qualifier;  // Table alias (or table name); empty for derived names.
  std::string name;
  DataType type;
  // Hidden columns resolve only when qualified and are left out of `*`
  // (the right side's copy of a USING column).
  bool hidden = false;
};

class Scope {
 public:
  Scope() = default;
  explicit Scope(std::vector<ScopeColumn> columns) : columns_(std::move(columns)) {}

  const std::vector<ScopeColumn>& columns() const { return columns_; }
  int size() const { return static_cast<int>(columns_.size()); }

  void Add(ScopeColumn column) { columns_.push_back(std::move(column)); }
  void Append(const Scope& other);
  void SetHidden(int index) { columns_[index].hidden = true; }

  // The index of `qualifier.name` (qualifier may be empty). NotFound when no
  // column matches, with the closest names as candidates; InvalidArgument
  // when an unqualified name is ambiguous.
  absl::StatusOr<int> Resolve(absl::string_view qualifier, absl::string_view name) const;

  // True when some column has this qualifier.
  bool HasQualifier(absl::string_view qualifier) const;

 private:
  std::vector<ScopeColumn> columns_;
};

}  // namespace tessera

#endif  // TESSERA_PLANNER_BINDER_SCOPE_H_
