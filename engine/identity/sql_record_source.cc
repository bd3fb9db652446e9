// File: engine/identity/sql_record_source.cc

#include "engine/identity/sql_record_source.h"

#include "absl/strings/str_cat.h"
#include "connectors/dialect.h"
#include "engine/common/status_macros.h"
#include "engine/types/row_batch.h"

namespace tessera::identity {
namespace {

std::string CellText(const ColumnVector& column, int64_t row) {
  if (column.IsNull(row)) return "";
  if (column.type().id == TypeId::kText) return std::string(column.GetText(row));
  return column.FormatCell(row);
}

}  // namespace

SqlRecordSource::SqlRecordSource(Connector* connector, TableMapping mapping)
    : connector_(connector), mapping_(std::move(mapping)) {}

std::string SqlRecordSource::description() const {
  return absl::StrCat(connector_->name(), ".", mapping_.table);
}

absl::StatusOr<std::string> SqlRecordSource::Sql() const {
  const Dialect* dialect = connector_->dialect();
  if (dialect == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("source does not take SQL, cannot read person records from ", description()));
  }
  std::string sql = absl::StrCat("SELECT ", dialect->QuoteIdentifier(mapping_.id_column));
  for (const std::string& column : mapping_.columns) absl::StrAppend(&sql, ", ", dialect->QuoteIdentifier(column));
  absl::StrAppend(&sql, " FROM ", dialect->QuoteIdentifier(mapping_.table), " ORDER BY ",
                  dialect->QuoteIdentifier(mapping_.id_column));
  return sql;
}

absl::StatusOr<std::vector<PersonRecord>> SqlRecordSource::ReadAll(QueryContext& ctx) {
  ScanRequest request;
  ASSIGN_OR_RETURN(request.sql, Sql());
  request.paging_key = mapping_.id_column;
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream, connector_->Scan(request, ctx));
  if (stream->schema()->num_fields() != static_cast<int>(mapping_.columns.size()) + 1) {
    return absl::InternalError(absl::StrCat("unexpected column count reading ", description()));
  }
  std::vector<PersonRecord> records;
  RowBatch batch(stream->schema());
  std::vector<std::string> cells(mapping_.columns.size());
  while (true) {
    batch.Clear();
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      PersonRecord record;
      record.key = {connector_->name(), mapping_.record_type, CellText(batch.column(0), row)};
      if (record.key.record_id.empty()) {
        return absl::DataLossError(absl::StrCat("NULL ", mapping_.id_column, " in ", description()));
      }
      for (size_t c = 0; c < cells.size(); ++c) cells[c] = CellText(batch.column(static_cast<int>(c) + 1), row);
      mapping_.fill(cells, record);
      records.push_back(std::move(record));
    }
  }
  return records;
}

}  // namespace tessera::identity
