// File: engine/wire/batch_codec.cc

#include "engine/wire/batch_codec.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tessera {
namespace {

v1::TypeKind KindOf(TypeId id) {
  switch (id) {
    case TypeId::kBool: return v1::BOOL;
    case TypeId::kInt64: return v1::INT64;
    case TypeId::kDouble: return v1::DOUBLE;
    case TypeId::kDecimal: return v1::DECIMAL;
    case TypeId::kText: return v1::TEXT;
    case TypeId::kDate: return v1::DATE;
    case TypeId::kTimestamp: return v1::TIMESTAMP;
  }
  return v1::TYPE_KIND_UNSPECIFIED;
}

void EncodeColumn(const ColumnVector& column, int64_t rows, v1::Column* out) {
  bool any_null = false;
  for (int64_t r = 0; r < rows && !any_null; ++r) any_null = column.IsNull(r);
  if (any_null) {
    std::string bitmap((rows + 7) / 8, '\0');
    for (int64_t r = 0; r < rows; ++r) {
      if (column.IsNull(r)) bitmap[r / 8] = static_cast<char>(bitmap[r / 8] | (1 << (r % 8)));
    }
    out->set_null_bitmap(std::move(bitmap));
  }
  const DataType& type = column.type();
  if (type.IsIntegerBacked()) {
    auto* ints = out->mutable_ints();
    ints->Reserve(static_cast<int>(rows));
    for (int64_t r = 0; r < rows; ++r) ints->AddAlreadyReserved(column.GetInt64(r));
  } else if (type.id == TypeId::kDouble) {
    auto* doubles = out->mutable_doubles();
    doubles->Reserve(static_cast<int>(rows));
    for (int64_t r = 0; r < rows; ++r) doubles->AddAlreadyReserved(column.GetDouble(r));
  } else {
    std::string* data = out->mutable_text_data();
    auto* lengths = out->mutable_text_lengths();
    lengths->Reserve(static_cast<int>(rows));
    for (int64_t r = 0; r < rows; ++r) {
      absl::string_view text = column.GetText(r);
      data->append(text.data(), text.size());
      lengths->AddAlreadyReserved(static_cast<uint32_t>(text.size()));
    }
  }
}

absl::Status DecodeColumn(const v1::Column& in, int64_t rows, int index, ColumnVector& out) {
  const std::string& bitmap = in.null_bitmap();
  if (!bitmap.empty() && static_cast<int64_t>(bitmap.size()) != (rows + 7) / 8) {
    return absl::InvalidArgumentError(absl::StrCat("column ", index + 1, ": null bitmap of ", bitmap.size(),
                                                   " bytes for ", rows, " rows"));
  }
  auto is_null = [&](int64_t r) { return !bitmap.empty() && (bitmap[r / 8] >> (r % 8)) & 1; };
  auto wrong_length = [&](const char* list, int64_t got) {
    return absl::InvalidArgumentError(
        absl::StrCat("column ", index + 1, " (", out.type().ToString(), "): ", got, " ", list, " for ", rows, " rows"));
  };
  const DataType& type = out.type();
  out.Reserve(rows);
  if (type.IsIntegerBacked()) {
    if (in.ints_size() != rows) return wrong_length("integers", in.ints_size());
    for (int64_t r = 0; r < rows; ++r) {
      if (is_null(r)) {
        out.AppendNull();
      } else {
        out.AppendInt64(type.id == TypeId::kBool ? in.ints(r) != 0 : in.ints(r));
      }
    }
  } else if (type.id == TypeId::kDouble) {
    if (in.doubles_size() != rows) return wrong_length("doubles", in.doubles_size());
    for (int64_t r = 0; r < rows; ++r) is_null(r) ? out.AppendNull() : out.AppendDouble(in.doubles(r));
  } else {
    if (in.text_lengths_size() != rows) return wrong_length("text lengths", in.text_lengths_size());
    absl::string_view data = in.text_data();
    size_t offset = 0;
    for (int64_t r = 0; r < rows; ++r) {
      size_t length = in.text_lengths(r);
      if (length > data.size() - offset) {
        return absl::InvalidArgumentError(
            absl::StrCat("column ", index + 1, ": text of row ", r + 1, " runs past the column's data"));
      }
      is_null(r) ? out.AppendNull() : out.AppendText(data.substr(offset, length));
      offset += length;
    }
    if (offset != data.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("column ", index + 1, ": ", data.size() - offset, " bytes of text data belong to no row"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

v1::ColumnType EncodeType(const DataType& type) {
  v1::ColumnType out;
  out.set_kind(KindOf(type.id));
  if (type.id == TypeId::kDecimal) out.set_scale(type.scale);
  return out;
}

absl::StatusOr<DataType> DecodeType(const v1::ColumnType& type) {
  switch (type.kind()) {
    case v1::BOOL: return DataType::Bool();
    case v1::INT64: return DataType::Int64();
    case v1::DOUBLE: return DataType::Double();
    case v1::DECIMAL:
      if (type.scale() < 0 || type.scale() > kMaxDecimalScale) {
        return absl::InvalidArgumentError(
            absl::StrCat("decimal scale ", type.scale(), " is outside 0..", kMaxDecimalScale));
      }
      return DataType::Decimal(type.scale());
    case v1::TEXT: return DataType::Text();
    case v1::DATE: return DataType::Date();
    case v1::TIMESTAMP: return DataType::Timestamp();
    default: return absl::InvalidArgumentError(absl::StrCat("unknown column type ", type.kind()));
  }
}

void EncodeSchema(const Schema& schema, v1::Schema* out) {
  out->Clear();
  for (const Field& field : schema.fields()) {
    v1::Field* f = out->add_fields();
    f->set_name(field.name);
    *f->mutable_type() = EncodeType(field.type);
    f->set_nullable(field.nullable);
  }
}

absl::StatusOr<std::shared_ptr<const Schema>> DecodeSchema(const v1::Schema& schema) {
  std::vector<Field> fields;
  for (const v1::Field& f : schema.fields()) {
    absl::StatusOr<DataType> type = DecodeType(f.type());
    if (!type.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("column \"", f.name(), "\": ", type.status().message()));
    }
    fields.push_back(Field{f.name(), *type, f.nullable()});
  }
  return std::make_shared<const Schema>(std::move(fields));
}

void EncodeBatch(const RowBatch& batch, v1::RowBatch* out) {
  out->Clear();
  out->set_row_count(batch.num_rows());
  for (int c = 0; c < batch.num_columns(); ++c) EncodeColumn(batch.column(c), batch.num_rows(), out->add_columns());
}

absl::Status DecodeBatch(const v1::RowBatch& batch, RowBatch& out) {
  out.Clear();
  if (batch.columns_size() != out.num_columns()) {
    return absl::InvalidArgumentError(
        absl::StrCat("batch has ", batch.columns_size(), " columns; the schema has ", out.num_columns()));
  }
  if (batch.row_count() < 0) return absl::InvalidArgumentError("batch has a negative row count");
  for (int c = 0; c < out.num_columns(); ++c) {
    absl::Status status = DecodeColumn(batch.columns(c), batch.row_count(), c, out.column(c));
    if (!status.ok()) {
      out.Clear();
      return status;
    }
  }
  out.SetNumRows(batch.row_count());
  return absl::OkStatus();
}

}  // namespace tessera
