// File: engine/catalog/source_registry.h
//
// The sources of one engine instance, built from its configuration: one
// Connector per configured source, looked up by name, and the views defined
// over them with the code maps they use.

#ifndef TESSERA_ENGINE_CATALOG_SOURCE_REGISTRY_H_
#define TESSERA_ENGINE_CATALOG_SOURCE_REGISTRY_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "engine/terminology/code_map.h"
#include "proto/config.pb.h"

namespace tessera {

class SourceRegistry {
 public:
  // Creates a connector per source. Sources are connected lazily, so a source
  // that is down does not stop the others from being queried.
  static absl::StatusOr<std::unique_ptr<SourceRegistry>> Create(const config::TesseraConfig& config);

  // The named source, or NotFound listing the sources there are.
  absl::StatusOr<Connector*> Find(absl::string_view name) const;

  // Source names in configuration order.
  const std::vector<std::string>& names() const { return names_; }

  // The view, or nullptr when no view has that name.
  const config::View* FindView(absl::string_view name) const;
  // View names in configuration order.
  const std::vector<std::string>& view_names() const { return view_names_; }

  // The code maps of the configuration's code map files.
  const CodeMaps& code_maps() const { return code_maps_; }

 private:
  std::vector<std::string> names_;
  std::vector<std::string> view_names_;
  std::map<std::string, config::View, std::less<>> views_;
  CodeMaps code_maps_;
  std::map<std::string, std::unique_ptr<Connector>, std::less<>> sources_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_CATALOG_SOURCE_REGISTRY_H_
