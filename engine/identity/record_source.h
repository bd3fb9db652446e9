// File: engine/identity/record_source.h
//
// Where person records come from. Each implementation reads one source's
// person table (or file, or service) and hands back normalized records; the
// linker never sees a source's own shape.

#ifndef TESSERA_ENGINE_IDENTITY_RECORD_SOURCE_H_
#define TESSERA_ENGINE_IDENTITY_RECORD_SOURCE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/exec/query_context.h"
#include "engine/identity/person_record.h"

namespace tessera::identity {

class RecordSource {
 public:
  virtual ~RecordSource() = default;

  // "lab.patient", for progress and messages.
  virtual std::string description() const = 0;

  // Every person record the source holds now. Reads only.
  virtual absl::StatusOr<std::vector<PersonRecord>> ReadAll(QueryContext& ctx) = 0;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_RECORD_SOURCE_H_
