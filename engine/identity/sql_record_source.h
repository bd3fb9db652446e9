// File: engine/identity/sql_record_source.h
//
// Person records from a table of a SQL source, read through the source's
// Connector, so the same mapping works on SQLite, PostgreSQL and MariaDB.
// The statement is generated with the source's dialect quoting from the
// mapping's column names; it only reads.

#ifndef TESSERA_ENGINE_IDENTITY_SQL_RECORD_SOURCE_H_
#define TESSERA_ENGINE_IDENTITY_SQL_RECORD_SOURCE_H_

#include <functional>
#include <string>
#include <vector>

#include "connectors/connector.h"
#include "engine/identity/record_source.h"

namespace tessera::identity {

// How one table's rows become person records.
struct TableMapping {
  std::string table;        // "patient"
  std::string record_type;  // Stored in the index: "patient", "customer".
  std::string id_column;    // The table's own record id.
  std::vector<std::string> columns;  // Read in this order, after the id.
  // Fills a record from the row's cells (as text, "" for NULL), in `columns` order.
  std::function<void(const std::vector<std::string>& cells, PersonRecord& record)> fill;
};

class SqlRecordSource final : public RecordSource {
 public:
  // `connector` must outlive this.
  SqlRecordSource(Connector* connector, TableMapping mapping);

  std::string description() const override;
  absl::StatusOr<std::vector<PersonRecord>> ReadAll(QueryContext& ctx) override;

  // The statement ReadAll sends; exposed for tests.
  absl::StatusOr<std::string> Sql() const;

 private:
  Connector* connector_;
  TableMapping mapping_;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_SQL_RECORD_SOURCE_H_
