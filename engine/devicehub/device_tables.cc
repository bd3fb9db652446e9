// File: engine/devicehub/device_tables.cc
//
// JSON lines to columnar tables, one declared column at a time.

#include "engine/devicehub/device_tables.h"

#include <cmath>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "engine/common/status_macros.h"
#include "engine/types/datetime.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace tessera::devicehub {
namespace {

struct ColumnSpec {
  const char* name;
  DataType type;
  bool required;
};

struct TableSpec {
  const char* name;
  const char* file;
  const char* primary_key;
  std::vector<ColumnSpec> columns;
};

const std::vector<TableSpec>& Specs() {
  static const std::vector<TableSpec> specs = {
      {"registrations",
       "registrations.jsonl",
       "registration_id",
       {{"registration_id", DataType::Text(), true},
        {"user_id", DataType::Text(), true},
        {"device_id", DataType::Text(), true},
        {"device_type", DataType::Text(), true},
        {"model", DataType::Text(), false},
        {"unit", DataType::Text(), false},
        {"registered_at", DataType::Timestamp(), false},
        {"owner_name", DataType::Text(), false},
        {"owner_birth_date", DataType::Date(), false},
        {"owner_phone", DataType::Text(), false},
        {"owner_zip", DataType::Text(), false}}},
      {"readings",
       "readings.jsonl",
       "reading_id",
       {{"reading_id", DataType::Int64(), true},
        {"registration_id", DataType::Text(), true},
        {"device_id", DataType::Text(), true},
        {"measured_at", DataType::Timestamp(), true},
        {"type", DataType::Text(), true},
        {"value", DataType::Double(), false},
        {"systolic", DataType::Int64(), false},
        {"diastolic", DataType::Int64(), false},
        {"pulse", DataType::Int64(), false},
        {"unit", DataType::Text(), false}}},
  };
  return specs;
}

// Appends one JSON value to `column`; an error says what was expected.
absl::Status AppendJson(const google::protobuf::Value* v, const ColumnSpec& spec, ColumnVector& column) {
  if (v == nullptr || v->kind_case() == google::protobuf::Value::kNullValue) {
    if (spec.required) return absl::InvalidArgumentError(absl::StrCat("\"", spec.name, "\" is missing"));
    column.AppendNull();
    return absl::OkStatus();
  }
  auto wrong = [&](const char* want) {
    return absl::InvalidArgumentError(absl::StrCat("\"", spec.name, "\" must be ", want));
  };
  switch (spec.type.id) {
    case TypeId::kText:
      if (v->kind_case() != google::protobuf::Value::kStringValue) return wrong("a string");
      column.AppendText(v->string_value());
      return absl::OkStatus();
    case TypeId::kDouble:
      if (v->kind_case() != google::protobuf::Value::kNumberValue) return wrong("a number");
      column.AppendDouble(v->number_value());
      return absl::OkStatus();
    case TypeId::kInt64: {
      if (v->kind_case() != google::protobuf::Value::kNumberValue) return wrong("a number");
      double d = v->number_value();
      // Beyond 2^53 a JSON number no longer holds every integer exactly.
      if (d != std::floor(d) || std::fabs(d) > 9007199254740992.0) return wrong("an integer");
      column.AppendInt64(static_cast<int64_t>(d));
      return absl::OkStatus();
    }
    case TypeId::kDate: {
      if (v->kind_case() != google::protobuf::Value::kStringValue) return wrong("a date string");
      absl::StatusOr<int64_t> days = ParseDate(v->string_value());
      if (!days.ok()) return wrong("a date (YYYY-MM-DD)");
      column.AppendInt64(*days);
      return absl::OkStatus();
    }
    case TypeId::kTimestamp: {
      if (v->kind_case() != google::protobuf::Value::kStringValue) return wrong("a time string");
      absl::Time t;
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, v->string_value(), &t, &error)) {
        return wrong("a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
      }
      column.AppendInt64(absl::ToUnixMicros(t));
      return absl::OkStatus();
    }
    default:
      return absl::InternalError("unsupported column type");
  }
}

// The table's name, columns and key, without rows.
HubTable Shape(const TableSpec& spec) {
  HubTable table;
  table.name = spec.name;
  table.primary_key = {spec.primary_key};
  std::vector<Field> fields;
  for (const ColumnSpec& c : spec.columns) fields.push_back({c.name, c.type, !c.required});
  table.schema = std::make_shared<const Schema>(fields);
  return table;
}

void IndexRegistrations(const std::vector<RowBatch>& batches, HubTable& table) {
  std::optional<int> column = table.schema->IndexOf("registration_id");
  if (!column.has_value()) return;
  table.index_column = *column;
  for (size_t b = 0; b < batches.size(); ++b) {
    const ColumnVector& ids = batches[b].column(*column);
    for (int64_t r = 0; r < batches[b].num_rows(); ++r) {
      if (ids.IsNull(r)) continue;
      table.index[std::string(ids.GetText(r))].push_back({static_cast<int32_t>(b), static_cast<int32_t>(r)});
    }
  }
}

absl::StatusOr<HubTable> LoadTable(const TableSpec& spec, const std::string& dir) {
  HubTable table = Shape(spec);
  const std::string path = absl::StrCat(dir, "/", spec.file);
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path, " (run 'tessera gen' to create it)"));
  std::string line;
  int64_t line_number = 0;
  std::vector<RowBatch> batches;
  RowBatch batch(table.schema);
  google::protobuf::Struct object;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    object.Clear();
    auto parsed = google::protobuf::util::JsonStringToMessage(line, &object);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", line_number, ": not a JSON object: ",
                                                     parsed.ToString()));
    }
    for (size_t i = 0; i < spec.columns.size(); ++i) {
      auto it = object.fields().find(spec.columns[i].name);
      const google::protobuf::Value* v = it == object.fields().end() ? nullptr : &it->second;
      absl::Status s = AppendJson(v, spec.columns[i], batch.column(static_cast<int>(i)));
      if (!s.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ":", line_number, ": ", s.message()));
    }
    batch.SetNumRows(batch.num_rows() + 1);
    ++table.rows;
    if (batch.num_rows() == kDefaultBatchRows) {
      batches.push_back(std::move(batch));
      batch = RowBatch(table.schema);
    }
  }
  if (batch.num_rows() > 0) batches.push_back(std::move(batch));
  IndexRegistrations(batches, table);
  table.batches = std::make_shared<const std::vector<RowBatch>>(std::move(batches));
  return table;
}

}  // namespace

absl::StatusOr<std::vector<HubTable>> LoadDeviceTables(const std::string& data_dir) {
  std::vector<HubTable> tables;
  for (const TableSpec& spec : Specs()) {
    ASSIGN_OR_RETURN(HubTable t, LoadTable(spec, absl::StrCat(data_dir, "/devices")));
    tables.push_back(std::move(t));
  }
  return tables;
}

std::vector<HubTable> DeviceTableShapes() {
  std::vector<HubTable> out;
  for (const TableSpec& spec : Specs()) out.push_back(Shape(spec));
  return out;
}

}  // namespace tessera::devicehub
