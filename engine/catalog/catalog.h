// File: engine/catalog/catalog.h
//
// What a query can name: every source's tables, as the sources describe them.
// Table descriptions are fetched from a source the first time a query names
// one of its tables and kept for the life of the catalog, so planning a query
// does not cost a round trip per table.

#ifndef TESSERA_ENGINE_CATALOG_CATALOG_H_
#define TESSERA_ENGINE_CATALOG_CATALOG_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "connectors/connector.h"
#include "engine/catalog/source_registry.h"

namespace tessera {

// A table of one source, as the binder sees it.
struct CatalogTable {
  Connector* source = nullptr;
  std::string source_name;
  TableInfo info;
};

class Catalog {
 public:
  explicit Catalog(SourceRegistry* sources) : sources_(sources) {}

  // `source.table`. NotFound names the source's tables (or the sources, when
  // the source is unknown) so the message can suggest the right one.
  absl::StatusOr<std::shared_ptr<const CatalogTable>> FindTable(absl::string_view source,
                                                                absl::string_view table);

  // The table names of one source (cached).
  absl::StatusOr<std::vector<std::string>> TableNames(absl::string_view source);

  SourceRegistry& sources() { return *sources_; }

  // Forgets cached descriptions (after a source's schema changed).
  void Invalidate();

  // Counts Invalidate calls: what was derived from the catalog's
  // descriptions (a bound view) is valid within one generation.
  int64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  SourceRegistry* sources_;
  std::atomic<int64_t> generation_{0};
  absl::Mutex mu_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const CatalogTable>> tables_
      ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<std::string>> table_names_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_CATALOG_CATALOG_H_
