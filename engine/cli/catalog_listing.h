// File: engine/cli/catalog_listing.h
//
// What the console's `\d` and `\sources` show, as small result sets, so that
// they print through the same table, CSV or JSON-lines writers as query
// results and follow `\format`.

#ifndef TESSERA_ENGINE_CLI_CATALOG_LISTING_H_
#define TESSERA_ENGINE_CLI_CATALOG_LISTING_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "engine/format/result_writer.h"
#include "engine/types/schema.h"
#include "engine/types/value.h"

namespace tessera::cli {

struct Listing {
  std::string title;  // Above a table, e.g. `Table "ehr.patient"`; may be empty.
  std::vector<Field> fields;
  std::vector<std::vector<Value>> rows;
  // Lines after a table, e.g. the primary key.
  std::vector<std::string> footer;
  // Problems that did not stop the listing, e.g. a source that is down.
  std::vector<std::string> warnings;
};

// Asked between sources, which may each be slow to answer: true stops the
// listing with Cancelled.
using CancelCheck = std::function<bool()>;

// `\d`: every source's tables. `\d NAME`: one source's tables when NAME is a
// source; otherwise the table NAME, looked for in every source. `\d S.T`:
// one table's columns, with types, nullability and primary key.
absl::StatusOr<Listing> Describe(Catalog& catalog, const std::vector<std::string>& name,
                                 const CancelCheck& cancelled);

// `\sources`: each source's kind, whether it answers now and how fast.
absl::StatusOr<Listing> ListSources(SourceRegistry& sources, const CancelCheck& cancelled);

// Prints `listing` in `format`; the title and footer only as a table.
void WriteListing(const Listing& listing, OutputFormat format, std::ostream& out);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_CATALOG_LISTING_H_
