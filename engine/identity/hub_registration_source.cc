// File: engine/identity/hub_registration_source.cc

#include "engine/identity/hub_registration_source.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "connectors/table_scan.h"
#include "engine/common/status_macros.h"
#include "engine/identity/device_registration_file.h"
#include "engine/types/row_batch.h"

namespace tessera::identity {
namespace {

constexpr char kTable[] = "registrations";

std::string CellText(const ColumnVector& column, int64_t row) {
  if (column.IsNull(row)) return "";
  if (column.type().id == TypeId::kText) return std::string(column.GetText(row));
  return column.FormatCell(row);  // A date prints as YYYY-MM-DD.
}

}  // namespace

std::string HubRegistrationSource::description() const {
  return absl::StrCat(connector_->name(), ".", kTable);
}

absl::StatusOr<std::vector<PersonRecord>> HubRegistrationSource::ReadAll(QueryContext& ctx) {
  ASSIGN_OR_RETURN(TableInfo info, connector_->DescribeTable(kTable));
  TableScan scan;
  scan.table = kTable;
  for (const ColumnInfo& column : info.columns) scan.table_columns.push_back(column.name);
  scan.columns = {"registration_id", "owner_name", "owner_birth_date", "owner_phone", "owner_zip"};
  for (const std::string& wanted : scan.columns) {
    if (std::find(scan.table_columns.begin(), scan.table_columns.end(), wanted) == scan.table_columns.end()) {
      return absl::FailedPreconditionError(absl::StrCat("no column ", wanted, " in ", description()));
    }
  }
  ScanRequest request;
  request.table_scan = scan;
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream, connector_->Scan(request, ctx));
  if (stream->schema()->num_fields() != static_cast<int>(scan.columns.size())) {
    return absl::InternalError(absl::StrCat("unexpected column count reading ", description()));
  }
  std::vector<PersonRecord> records;
  RowBatch batch(stream->schema());
  while (true) {
    batch.Clear();
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      PersonRecord record;
      record.key = {"devices", "registration", CellText(batch.column(0), row)};
      if (record.key.record_id.empty()) {
        return absl::DataLossError(absl::StrCat("NULL registration_id in ", description()));
      }
      SplitGivenFirstName(CellText(batch.column(1), row), record);
      record.birth = ParseBirthDate(CellText(batch.column(2), row));
      record.phone = NormalizePhone(CellText(batch.column(3), row));
      record.zip = NormalizeZip(CellText(batch.column(4), row));
      records.push_back(std::move(record));
    }
  }
  return records;
}

}  // namespace tessera::identity
