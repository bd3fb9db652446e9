// File: engine/types/schema.h
//
// The names and types of a result's columns, shared by every batch of it.

#ifndef TESSERA_ENGINE_TYPES_SCHEMA_H_
#define TESSERA_ENGINE_TYPES_SCHEMA_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "engine/types/data_type.h"

namespace tessera {

struct Field {
  std::string name;
  DataType type;
  bool nullable = true;
};

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  int num_fields() const { return static_cast<int>(fields_.size()); }
  const Field& field(int i) const { return fields_[i]; }
  const std::vector<Field>& fields() const { return fields_; }

  // The index of the first field named `name` (exact match), if any.
  std::optional<int> IndexOf(absl::string_view name) const;

  // "name type, name type" for messages and tests.
  std::string ToString() const;

 private:
  std::vector<Field> fields_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_SCHEMA_H_
