// File: engine/identity/link_store.h
//
// The link index, stored through ODBC: a SQLite file by default, PostgreSQL
// when several engine instances share it. It holds ids and links only:
//
//   link_record   (enterprise_id, source, record_type, record_id, fingerprint)
//   link_possible (source_a, record_type_a, record_id_a,
//                  source_b, record_type_b, record_id_b, probability)
//   link_model    (field, level, m, u)  -- the match weights; level -1 of
//                                          field "prior" holds the prior,
//                                          field "address_same_family" the
//                                          address u among namesakes
//
// never demographics or clinical data (the fingerprint is a 64-bit hash that
// tells an incremental run which records changed). link_record is indexed
// on enterprise_id, so turning an enterprise id into each source's own ids
// is one indexed lookup.

#ifndef TESSERA_ENGINE_IDENTITY_LINK_STORE_H_
#define TESSERA_ENGINE_IDENTITY_LINK_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "connectors/dialect.h"
#include "connectors/odbc/odbc_connection.h"
#include "connectors/odbc/odbc_connector.h"
#include "engine/identity/linker.h"

namespace tessera::identity {

// One row of the index as the planner reads it.
struct LinkRow {
  int64_t enterprise_id = 0;
  RecordKey key;
};

// What a previous run left in the index.
struct StoredIndex {
  absl::flat_hash_map<RecordKey, IndexedRecord> records;
  std::optional<MatchModel> model;  // Absent before the first run.
};

class LinkStore {
 public:
  // Connects to the store (read-write: the index is the engine's own data,
  // not a source). `schema` is a PostgreSQL schema / MariaDB database,
  // created if missing, or empty for the connection's default.
  static absl::StatusOr<std::unique_ptr<LinkStore>> Open(const std::string& connection_string, DialectKind dialect,
                                                         const std::string& schema = "");

  // Creates the index tables if they are not there.
  absl::Status CreateTables();

  // Everything a previous run stored; an empty index when there is none.
  absl::StatusOr<StoredIndex> Load();

  // Replaces the whole index with `result` for `records`, in one transaction.
  absl::Status Replace(const std::vector<PersonRecord>& records, const LinkResult& result);

  // Writes only what an incremental run changed relative to `previous`:
  // rows of new, changed, reassigned and removed records, and the possible
  // matches that involve them. One transaction.
  absl::Status Update(const std::vector<PersonRecord>& records, const LinkResult& result,
                      const StoredIndex& previous);

  // The source records of one enterprise patient, ordered by source,
  // record type and record id.
  absl::StatusOr<std::vector<LinkRow>> RecordsOf(int64_t enterprise_id);

  // Every row of link_record, ordered by enterprise id, then key.
  absl::StatusOr<std::vector<LinkRow>> AllRows();

 private:
  LinkStore(std::unique_ptr<odbc::Connection> writer, std::unique_ptr<odbc::OdbcConnector> reader,
            std::string schema);

  std::string Table(absl::string_view name) const;
  absl::Status InTransaction(const std::function<absl::Status()>& body);
  absl::Status InsertRecords(const std::vector<PersonRecord>& records, const LinkResult& result,
                             const std::vector<uint32_t>& which);
  absl::Status InsertPossibles(const std::vector<PersonRecord>& records, const std::vector<ScoredPair>& pairs);
  absl::Status WriteModel(const MatchModel& model);
  // Deletes the keys' link_record rows, and with `with_possibles` every
  // possible match naming them.
  absl::Status DeleteKeys(const std::vector<RecordKey>& keys, bool with_possibles);
  // Runs a SELECT through the reader; every cell as text.
  absl::StatusOr<std::vector<std::vector<std::string>>> Select(const std::string& sql);

  std::unique_ptr<odbc::Connection> writer_;
  std::unique_ptr<odbc::OdbcConnector> reader_;
  const Dialect& dialect_;
  std::string schema_;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_LINK_STORE_H_
