#include "engine/cli/catalog_listing.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "engine/cli/source_health.h"
#include "engine/common/status_macros.h"
#include "engine/types/row_batch.h"

namespace tessera::cli {
namespace {

Value TextOrNull(absl::string_view text) {
  return text.empty() ? Value::Null(DataType::Text()) : Value::Text(std::string(text));
}

absl::Status Cancelled() { return absl::CancelledError("cancelled"); }

// A source's error as one table cell: its first line, without the source's
// name, which the row already shows (drivers add hints on further lines).
std::string Problem(absl::string_view source, absl::string_view message) {
  absl::ConsumePrefix(&message, absl::StrCat("source \"", source, "\": "));
  return std::string(message.substr(0, message.find('\n')));
}

// The tables of the given sources: source, table, kind, column count and,
// when any source estimates it, row count.
absl::StatusOr<Listing> ListTables(Catalog& catalog, const std::vector<std::string>& source_names,
                                   const CancelCheck& cancelled) {
  Listing listing;
  listing.fields = {{"source", DataType::Text(), false},
                    {"table", DataType::Text(), false},
                    {"kind", DataType::Text(), false},
                    {"columns", DataType::Int64(), true}};
  bool any_estimate = false;
  std::vector<Value> estimates;
  for (const std::string& source_name : source_names) {
    if (cancelled()) return Cancelled();
    ASSIGN_OR_RETURN(Connector * source, catalog.sources().Find(source_name));
    absl::StatusOr<std::vector<std::string>> tables = catalog.TableNames(source_name);
    if (!tables.ok()) {
      listing.warnings.push_back(
          absl::StrCat("source \"", source_name, "\" did not answer: ", tables.status().message()));
      continue;
    }
    for (const std::string& table : *tables) {
      absl::StatusOr<std::shared_ptr<const CatalogTable>> described = catalog.FindTable(source_name, table);
      Value columns = Value::Null(DataType::Int64());
      Value estimate = Value::Null(DataType::Int64());
      if (described.ok()) {
        columns = Value::Int64(static_cast<int64_t>((*described)->info.columns.size()));
        if ((*described)->info.estimated_rows.has_value()) {
          estimate = Value::Int64(*(*described)->info.estimated_rows);
          any_estimate = true;
        }
      }
      listing.rows.push_back({Value::Text(source_name), Value::Text(table), Value::Text(source->description()),
                              columns});
      estimates.push_back(estimate);
    }
  }
  // Connectors that cannot estimate cheaply leave it out; a column of blanks
  // would say nothing.
  if (any_estimate) {
    listing.fields.push_back({"est. rows", DataType::Int64(), true});
    for (size_t i = 0; i < listing.rows.size(); ++i) listing.rows[i].push_back(estimates[i]);
  }
  return listing;
}

// One table's columns.
absl::StatusOr<Listing> DescribeTable(Catalog& catalog, const std::string& source, const std::string& table) {
  ASSIGN_OR_RETURN(std::shared_ptr<const CatalogTable> described, catalog.FindTable(source, table));
  const TableInfo& info = described->info;
  Listing listing;
  listing.title = absl::StrCat("Table \"", source, ".", info.name, "\" (", described->source->description(), ")");
  listing.fields = {{"column", DataType::Text(), false},
                    {"type", DataType::Text(), false},
                    {"nullable", DataType::Text(), false},
                    {"primary key", DataType::Text(), true},
                    {"source type", DataType::Text(), true}};
  for (const ColumnInfo& column : info.columns) {
    std::string key;
    auto it = std::find(info.primary_key.begin(), info.primary_key.end(), column.name);
    if (it != info.primary_key.end()) {
      key = info.primary_key.size() == 1
                ? "yes"
                : absl::StrCat(it - info.primary_key.begin() + 1, " of ", info.primary_key.size());
    }
    listing.rows.push_back({Value::Text(column.name), Value::Text(column.type.ToString()),
                            Value::Text(column.nullable ? "yes" : "no"), TextOrNull(key),
                            TextOrNull(column.native_type)});
  }
  listing.footer.push_back(info.primary_key.empty()
                               ? "No primary key."
                               : absl::StrCat("Primary key: (", absl::StrJoin(info.primary_key, ", "), ")"));
  if (info.estimated_rows.has_value()) {
    listing.footer.push_back(absl::StrCat("Estimated rows: ", *info.estimated_rows));
  }
  return listing;
}

}  // namespace

absl::StatusOr<Listing> Describe(Catalog& catalog, const std::vector<std::string>& name,
                                 const CancelCheck& cancelled) {
  const std::vector<std::string>& sources = catalog.sources().names();
  if (name.empty()) return ListTables(catalog, sources, cancelled);
  if (name.size() == 2) return DescribeTable(catalog, name[0], name[1]);
  if (std::find(sources.begin(), sources.end(), name[0]) != sources.end()) {
    return ListTables(catalog, {name[0]}, cancelled);
  }
  // A bare table name: describe it if exactly one source has it.
  std::vector<std::string> holders;
  for (const std::string& source : sources) {
    if (cancelled()) return Cancelled();
    absl::StatusOr<std::vector<std::string>> tables = catalog.TableNames(source);
    if (tables.ok() && std::find(tables->begin(), tables->end(), name[0]) != tables->end()) {
      holders.push_back(source);
    }
  }
  if (holders.size() == 1) return DescribeTable(catalog, holders[0], name[0]);
  if (holders.empty()) {
    return absl::NotFoundError(absl::StrCat("no source or table is named \"", name[0],
                                            "\" (sources: ", absl::StrJoin(sources, ", "), ")"));
  }
  for (std::string& holder : holders) holder = absl::StrCat(holder, ".", name[0]);
  return absl::InvalidArgumentError(
      absl::StrCat("more than one source has a table \"", name[0], "\"; name one: ", absl::StrJoin(holders, ", ")));
}

absl::StatusOr<Listing> ListSources(SourceRegistry& sources, const CancelCheck& cancelled) {
  Listing listing;
  listing.fields = {{"source", DataType::Text(), false},
                    {"kind", DataType::Text(), false},
                    {"status", DataType::Text(), false},
                    {"latency ms", DataType::Decimal(2), true},
                    {"tables", DataType::Int64(), true},
                    {"problem", DataType::Text(), true}};
  for (const std::string& name : sources.names()) {
    if (cancelled()) return Cancelled();
    ASSIGN_OR_RETURN(Connector * source, sources.Find(name));
    SourceHealth health = CheckSourceHealth(*source);
    bool up = health.status.ok();
    std::string problem = !up                  ? Problem(name, health.status.message())
                          : !health.tables.ok() ? Problem(name, health.tables.status().message())
                                                : "";
    listing.rows.push_back(
        {Value::Text(name), Value::Text(health.kind), Value::Text(up ? "up" : "DOWN"),
         up ? Value::Decimal(static_cast<int64_t>(absl::ToDoubleMilliseconds(health.latency) * 100 + 0.5), 2)
            : Value::Null(DataType::Decimal(2)),
         health.tables.ok() ? Value::Int64(static_cast<int64_t>(health.tables->size()))
                            : Value::Null(DataType::Int64()),
         TextOrNull(problem)});
  }
  // The problem column only when there is a problem.
  if (std::all_of(listing.rows.begin(), listing.rows.end(), [](const auto& row) { return row.back().is_null(); })) {
    listing.fields.pop_back();
    for (std::vector<Value>& row : listing.rows) row.pop_back();
  }
  return listing;
}

void WriteListing(const Listing& listing, OutputFormat format, std::ostream& out) {
  const bool table = format == OutputFormat::kTable;
  if (table && !listing.title.empty()) out << listing.title << "\n";
  auto schema = std::make_shared<const Schema>(listing.fields);
  RowBatch batch(schema);
  for (const std::vector<Value>& row : listing.rows) {
    for (size_t c = 0; c < row.size(); ++c) batch.column(static_cast<int>(c)).AppendValue(row[c]);
  }
  batch.SetNumRows(static_cast<int64_t>(listing.rows.size()));
  std::unique_ptr<ResultWriter> writer = MakeResultWriter(format, out);
  writer->Begin(*schema);
  writer->Write(batch);
  writer->End(batch.num_rows());
  if (!table) return;
  for (const std::string& line : listing.footer) out << line << "\n";
  out << "\n";
}

}  // namespace tessera::cli
