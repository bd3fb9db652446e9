// File: engine/identity/link_store.cc

#include "engine/identity/link_store.h"

#include <algorithm>
#include <cstring>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "connectors/odbc/odbc_api.h"
#include "engine/common/status_macros.h"
#include "engine/exec/query_context.h"
#include "engine/identity/cancel_at_deadline.h"
#include "engine/types/row_batch.h"
#include "engine/types/value.h"

namespace tessera::identity {
namespace {

constexpr char kRecordTable[] = "link_record";
constexpr char kPossibleTable[] = "link_possible";
constexpr char kModelTable[] = "link_model";
// The link_model field holding MatchModel::u_address_same_family.
constexpr char kSameFamilyAddress[] = "address_same_family";
// Rows per INSERT: well under every server's statement limits.
constexpr size_t kRowsPerInsert = 400;

std::string CellText(const ColumnVector& column, int64_t row) {
  if (column.IsNull(row)) return "";
  switch (column.type().id) {
    case TypeId::kText: return std::string(column.GetText(row));
    case TypeId::kDouble: return absl::StrFormat("%.17g", column.GetDouble(row));
    default: return column.FormatCell(row);
  }
}

int64_t ToStored(uint64_t fingerprint) {
  int64_t v;
  std::memcpy(&v, &fingerprint, sizeof v);
  return v;
}

uint64_t FromStored(int64_t v) {
  uint64_t fingerprint;
  std::memcpy(&fingerprint, &v, sizeof fingerprint);
  return fingerprint;
}

}  // namespace

LinkStore::LinkStore(std::unique_ptr<odbc::Connection> writer, std::unique_ptr<odbc::OdbcConnector> reader,
                     std::string schema)
    : writer_(std::move(writer)), reader_(std::move(reader)), dialect_(writer_->dialect()),
      schema_(std::move(schema)) {}

absl::StatusOr<std::unique_ptr<LinkStore>> LinkStore::Open(const std::string& connection_string,
                                                           DialectKind dialect, const std::string& schema) {
  if (!schema.empty() && dialect != DialectKind::kSqlite) {
    // The index's own schema (database) is created on first use.
    ASSIGN_OR_RETURN(std::unique_ptr<odbc::Connection> bootstrap,
                     odbc::Connection::Open("link index", connection_string, dialect, odbc::AccessMode::kReadWrite));
    std::string create =
        dialect == DialectKind::kPostgres ? "CREATE SCHEMA IF NOT EXISTS " : "CREATE DATABASE IF NOT EXISTS ";
    RETURN_IF_ERROR(bootstrap->Execute(absl::StrCat(create, DialectFor(dialect).QuoteIdentifier(schema))));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<odbc::Connection> writer,
                   odbc::Connection::Open("link index", connection_string, dialect, odbc::AccessMode::kReadWrite,
                                          schema));
  odbc::OdbcSourceOptions options;
  options.name = "link index";
  options.connection_string = connection_string;
  options.dialect = dialect;
  options.schema = schema;
  options.max_idle_connections = 1;
  auto reader = std::make_unique<odbc::OdbcConnector>(options);
  return std::unique_ptr<LinkStore>(new LinkStore(std::move(writer), std::move(reader), schema));
}

std::string LinkStore::Table(absl::string_view name) const { return dialect_.QualifiedName(schema_, name); }

absl::Status LinkStore::CreateTables() {
  const std::string statements[] = {
      absl::StrCat("CREATE TABLE IF NOT EXISTS ", Table(kRecordTable),
                   " (enterprise_id BIGINT NOT NULL, source VARCHAR(64) NOT NULL, record_type VARCHAR(64) NOT NULL,"
                   " record_id VARCHAR(128) NOT NULL, fingerprint BIGINT NOT NULL,"
                   " PRIMARY KEY (source, record_type, record_id))"),
      absl::StrCat("CREATE INDEX IF NOT EXISTS link_record_enterprise_idx ON ", Table(kRecordTable),
                   " (enterprise_id)"),
      absl::StrCat("CREATE TABLE IF NOT EXISTS ", Table(kPossibleTable),
                   " (source_a VARCHAR(64) NOT NULL, record_type_a VARCHAR(64) NOT NULL,"
                   " record_id_a VARCHAR(128) NOT NULL, source_b VARCHAR(64) NOT NULL,"
                   " record_type_b VARCHAR(64) NOT NULL, record_id_b VARCHAR(128) NOT NULL,"
                   " probability DOUBLE PRECISION NOT NULL)"),
      absl::StrCat("CREATE TABLE IF NOT EXISTS ", Table(kModelTable),
                   " (field VARCHAR(32) NOT NULL, level INTEGER NOT NULL, m DOUBLE PRECISION NOT NULL,"
                   " u DOUBLE PRECISION NOT NULL, PRIMARY KEY (field, level))"),
  };
  for (const std::string& sql : statements) {
    absl::Status status = writer_->Execute(sql);
    if (!status.ok()) return absl::Status(status.code(), absl::StrCat("creating the link index: ", status.message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::vector<std::string>>> LinkStore::Select(const std::string& sql) {
  // A store that stops answering fails the run instead of hanging it.
  QueryContext ctx(absl::Now() + absl::Minutes(10));
  CancelAtDeadline watch(ctx);
  ScanRequest request;
  request.sql = sql;
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream, reader_->Scan(request, ctx));
  std::vector<std::vector<std::string>> rows;
  RowBatch batch(stream->schema());
  while (true) {
    batch.Clear();
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string>& row = rows.emplace_back(batch.num_columns());
      for (int c = 0; c < batch.num_columns(); ++c) row[c] = CellText(batch.column(c), r);
    }
  }
  return rows;
}

absl::StatusOr<StoredIndex> LinkStore::Load() {
  StoredIndex index;
  ASSIGN_OR_RETURN(std::vector<std::vector<std::string>> rows,
                   Select(absl::StrCat("SELECT enterprise_id, source, record_type, record_id, fingerprint FROM ",
                                       Table(kRecordTable))));
  for (const std::vector<std::string>& row : rows) {
    IndexedRecord indexed;
    int64_t fingerprint = 0;
    if (!absl::SimpleAtoi(row[0], &indexed.enterprise_id) || !absl::SimpleAtoi(row[4], &fingerprint)) {
      return absl::DataLossError(absl::StrCat("bad link_record row for ", row[1], ".", row[2], " ", row[3]));
    }
    indexed.fingerprint = FromStored(fingerprint);
    index.records[RecordKey{row[1], row[2], row[3]}] = indexed;
  }
  ASSIGN_OR_RETURN(rows, Select(absl::StrCat("SELECT field, level, m, u FROM ", Table(kModelTable))));
  if (rows.empty()) return index;
  MatchModel model;
  for (int f = 0; f < kNumFields; ++f) {
    model.m[f].assign(FieldLevels(static_cast<Field>(f)), -1.0);
    model.u[f].assign(FieldLevels(static_cast<Field>(f)), -1.0);
  }
  bool have_prior = false;
  for (const std::vector<std::string>& row : rows) {
    int level = 0;
    double m = 0, u = 0;
    if (!absl::SimpleAtoi(row[1], &level) || !absl::SimpleAtod(row[2], &m) || !absl::SimpleAtod(row[3], &u)) {
      return absl::DataLossError(absl::StrCat("bad link_model row for field ", row[0]));
    }
    if (row[0] == "prior") {
      model.prior = m;
      have_prior = true;
      continue;
    }
    if (row[0] == kSameFamilyAddress) {
      if (level < 0 || level >= FieldLevels(kAddress)) {
        return absl::DataLossError(absl::StrCat("link_model has ", kSameFamilyAddress, " level ", level));
      }
      model.u_address_same_family.resize(FieldLevels(kAddress), 0.0);
      model.u_address_same_family[level] = u;
      continue;
    }
    int field = 0;
    while (field < kNumFields && row[0] != FieldName(static_cast<Field>(field))) ++field;
    if (field == kNumFields || level < 0 || level >= FieldLevels(static_cast<Field>(field))) {
      return absl::DataLossError(absl::StrCat("link_model names unknown field ", row[0], " level ", level));
    }
    model.m[field][level] = m;
    model.u[field][level] = u;
  }
  for (int f = 0; f < kNumFields; ++f) {
    for (int l = 0; l < FieldLevels(static_cast<Field>(f)); ++l) {
      if (model.m[f][l] < 0 || model.u[f][l] < 0) {
        return absl::DataLossError(absl::StrCat("link_model lacks field ", FieldName(static_cast<Field>(f)),
                                                " level ", l, ": run 'tessera link --rebuild'"));
      }
    }
  }
  if (!have_prior) return absl::DataLossError("link_model lacks the prior: run 'tessera link --rebuild'");
  index.model = std::move(model);
  return index;
}

absl::Status LinkStore::InTransaction(const std::function<absl::Status()>& body) {
  RETURN_IF_ERROR(writer_->Begin());
  absl::Status status = body();
  if (status.ok()) return writer_->Commit();
  // Undo the partial write, then restore autocommit for the next caller.
  SQLEndTran(SQL_HANDLE_DBC, writer_->handle(), SQL_ROLLBACK);
  SQLSetConnectAttr(writer_->handle(), SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0);
  return status;
}

absl::Status LinkStore::InsertRecords(const std::vector<PersonRecord>& records, const LinkResult& result,
                                      const std::vector<uint32_t>& which) {
  const std::string prefix = absl::StrCat("INSERT INTO ", Table(kRecordTable),
                                          " (enterprise_id, source, record_type, record_id, fingerprint) VALUES ");
  for (size_t start = 0; start < which.size(); start += kRowsPerInsert) {
    std::string sql = prefix;
    size_t end = std::min(which.size(), start + kRowsPerInsert);
    for (size_t k = start; k < end; ++k) {
      const PersonRecord& r = records[which[k]];
      absl::StrAppend(&sql, k == start ? "(" : ",(", result.enterprise_ids[which[k]], ",",
                      dialect_.RenderLiteral(Value::Text(r.key.source)), ",",
                      dialect_.RenderLiteral(Value::Text(r.key.record_type)), ",",
                      dialect_.RenderLiteral(Value::Text(r.key.record_id)), ",", ToStored(Fingerprint(r)), ")");
    }
    RETURN_IF_ERROR(writer_->Execute(sql));
  }
  return absl::OkStatus();
}

absl::Status LinkStore::InsertPossibles(const std::vector<PersonRecord>& records,
                                        const std::vector<ScoredPair>& pairs) {
  const std::string prefix =
      absl::StrCat("INSERT INTO ", Table(kPossibleTable),
                   " (source_a, record_type_a, record_id_a, source_b, record_type_b, record_id_b, probability) VALUES ");
  auto key_literals = [&](const RecordKey& k) {
    return absl::StrCat(dialect_.RenderLiteral(Value::Text(k.source)), ",",
                        dialect_.RenderLiteral(Value::Text(k.record_type)), ",",
                        dialect_.RenderLiteral(Value::Text(k.record_id)));
  };
  for (size_t start = 0; start < pairs.size(); start += kRowsPerInsert) {
    std::string sql = prefix;
    size_t end = std::min(pairs.size(), start + kRowsPerInsert);
    for (size_t k = start; k < end; ++k) {
      absl::StrAppend(&sql, k == start ? "(" : ",(", key_literals(records[pairs[k].a].key), ",",
                      key_literals(records[pairs[k].b].key), ",",
                      dialect_.RenderLiteral(Value::Double(pairs[k].probability)), ")");
    }
    RETURN_IF_ERROR(writer_->Execute(sql));
  }
  return absl::OkStatus();
}

absl::Status LinkStore::WriteModel(const MatchModel& model) {
  RETURN_IF_ERROR(writer_->Execute(absl::StrCat("DELETE FROM ", Table(kModelTable))));
  std::string sql = absl::StrCat("INSERT INTO ", Table(kModelTable), " (field, level, m, u) VALUES ('prior', -1, ",
                                 dialect_.RenderLiteral(Value::Double(model.prior)), ", 0)");
  for (int f = 0; f < kNumFields; ++f) {
    for (size_t l = 0; l < model.m[f].size(); ++l) {
      absl::StrAppend(&sql, ",(", dialect_.RenderLiteral(Value::Text(FieldName(static_cast<Field>(f)))), ",", l,
                      ",", dialect_.RenderLiteral(Value::Double(model.m[f][l])), ",",
                      dialect_.RenderLiteral(Value::Double(model.u[f][l])), ")");
    }
  }
  for (size_t l = 0; l < model.u_address_same_family.size(); ++l) {
    absl::StrAppend(&sql, ",(", dialect_.RenderLiteral(Value::Text(kSameFamilyAddress)), ",", l, ",",
                    dialect_.RenderLiteral(Value::Double(model.m[kAddress][l])), ",",
                    dialect_.RenderLiteral(Value::Double(model.u_address_same_family[l])), ")");
  }
  return writer_->Execute(sql);
}

absl::Status LinkStore::DeleteKeys(const std::vector<RecordKey>& keys, bool with_possibles) {
  // One statement per key keeps the SQL portable (no row-value IN lists);
  // an incremental run touches few records.
  for (const RecordKey& k : keys) {
    std::string s = dialect_.RenderLiteral(Value::Text(k.source));
    std::string t = dialect_.RenderLiteral(Value::Text(k.record_type));
    std::string i = dialect_.RenderLiteral(Value::Text(k.record_id));
    RETURN_IF_ERROR(writer_->Execute(absl::StrCat("DELETE FROM ", Table(kRecordTable), " WHERE source = ", s,
                                                  " AND record_type = ", t, " AND record_id = ", i)));
    if (!with_possibles) continue;
    RETURN_IF_ERROR(writer_->Execute(absl::StrCat(
        "DELETE FROM ", Table(kPossibleTable), " WHERE (source_a = ", s, " AND record_type_a = ", t,
        " AND record_id_a = ", i, ") OR (source_b = ", s, " AND record_type_b = ", t, " AND record_id_b = ", i, ")")));
  }
  return absl::OkStatus();
}

absl::Status LinkStore::Replace(const std::vector<PersonRecord>& records, const LinkResult& result) {
  return InTransaction([&]() -> absl::Status {
    RETURN_IF_ERROR(writer_->Execute(absl::StrCat("DELETE FROM ", Table(kRecordTable))));
    RETURN_IF_ERROR(writer_->Execute(absl::StrCat("DELETE FROM ", Table(kPossibleTable))));
    std::vector<uint32_t> all(records.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    RETURN_IF_ERROR(InsertRecords(records, result, all));
    RETURN_IF_ERROR(InsertPossibles(records, result.possible_matches));
    return WriteModel(result.model);
  });
}

absl::Status LinkStore::Update(const std::vector<PersonRecord>& records, const LinkResult& result,
                               const StoredIndex& previous) {
  std::vector<RecordKey> stale;      // Rows of changed or removed records, and their possibles.
  std::vector<RecordKey> moved;      // Rows of unchanged records whose id changed.
  std::vector<uint32_t> fresh;       // Records whose row to (re)insert.
  absl::flat_hash_set<RecordKey> present;
  for (uint32_t i = 0; i < records.size(); ++i) {
    present.insert(records[i].key);
    auto it = previous.records.find(records[i].key);
    bool same = it != previous.records.end() && it->second.fingerprint == Fingerprint(records[i]) &&
                it->second.enterprise_id == result.enterprise_ids[i];
    if (same) continue;
    if (it != previous.records.end()) {
      (it->second.fingerprint == Fingerprint(records[i]) ? moved : stale).push_back(records[i].key);
    }
    fresh.push_back(i);
  }
  for (const auto& [key, indexed] : previous.records) {
    if (!present.contains(key)) stale.push_back(key);
  }
  return InTransaction([&]() -> absl::Status {
    RETURN_IF_ERROR(DeleteKeys(stale, /*with_possibles=*/true));
    RETURN_IF_ERROR(DeleteKeys(moved, /*with_possibles=*/false));
    RETURN_IF_ERROR(InsertRecords(records, result, fresh));
    return InsertPossibles(records, result.possible_matches);
  });
}

absl::StatusOr<std::vector<LinkRow>> LinkStore::RecordsOf(int64_t enterprise_id) {
  ASSIGN_OR_RETURN(std::vector<std::vector<std::string>> rows,
                   Select(absl::StrCat("SELECT enterprise_id, source, record_type, record_id FROM ",
                                       Table(kRecordTable), " WHERE enterprise_id = ", enterprise_id,
                                       " ORDER BY source, record_type, record_id")));
  std::vector<LinkRow> out;
  for (const std::vector<std::string>& row : rows) {
    LinkRow link;
    if (!absl::SimpleAtoi(row[0], &link.enterprise_id)) return absl::DataLossError("bad enterprise_id in link_record");
    link.key = {row[1], row[2], row[3]};
    out.push_back(std::move(link));
  }
  return out;
}

absl::StatusOr<std::vector<LinkRow>> LinkStore::AllRows() {
  ASSIGN_OR_RETURN(std::vector<std::vector<std::string>> rows,
                   Select(absl::StrCat("SELECT enterprise_id, source, record_type, record_id FROM ",
                                       Table(kRecordTable), " ORDER BY enterprise_id, source, record_type, record_id")));
  std::vector<LinkRow> out;
  out.reserve(rows.size());
  for (const std::vector<std::string>& row : rows) {
    LinkRow link;
    if (!absl::SimpleAtoi(row[0], &link.enterprise_id)) return absl::DataLossError("bad enterprise_id in link_record");
    link.key = {row[1], row[2], row[3]};
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace tessera::identity
