#include "engine/server/metadata_calls.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "engine/format/result_writer.h"
#include "engine/wire/batch_codec.h"

namespace tessera::server {
namespace {

// Keeps EXPLAIN's text lines.
class LineCollector : public ResultWriter {
 public:
  explicit LineCollector(v1::ExplainResponse* response) : response_(response) {}
  void Begin(const Schema&) override {}
  void Write(const RowBatch& batch) override {
    for (int64_t i = 0; i < batch.num_rows(); ++i) {
      response_->add_lines(std::string(batch.column(0).GetText(i)));
    }
  }
  void End(int64_t) override {}

 private:
  v1::ExplainResponse* response_;
};

}  // namespace

absl::Status ExplainQuery(Session& session, const v1::ExplainRequest& request, QueryContext& ctx,
                          v1::ExplainResponse* response) {
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, session.Parse(request.sql()));
  if (statements.size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Explain takes exactly one statement; the text holds ", statements.size()));
  }
  ast::Statement& statement = statements[0];
  statement.kind = ast::Statement::Kind::kExplain;
  statement.explain_analyze = statement.explain_analyze || request.analyze();
  LineCollector lines(response);
  return session.Execute(statement, request.sql(), ctx, lines).status();
}

absl::Status ListTables(Catalog& catalog, const v1::TableListRequest& request, v1::TableList* response) {
  std::vector<std::string> sources = catalog.sources().names();
  if (!request.source().empty()) {
    RETURN_IF_ERROR(catalog.sources().Find(request.source()).status());
    sources = {request.source()};
  }
  if (request.source().empty()) {
    for (const std::string& name : catalog.sources().view_names()) {
      v1::ViewSummary* view = response->add_views();
      view->set_name(name);
      view->set_sql(catalog.sources().FindView(name)->sql());
    }
  }
  for (const std::string& source_name : sources) {
    ASSIGN_OR_RETURN(Connector * source, catalog.sources().Find(source_name));
    absl::StatusOr<std::vector<std::string>> tables = catalog.TableNames(source_name);
    if (!tables.ok()) {
      response->add_warnings(absl::StrCat("source \"", source_name, "\" did not answer: ", tables.status().message()));
      continue;
    }
    for (const std::string& table : *tables) {
      v1::TableSummary* summary = response->add_tables();
      summary->set_source(source_name);
      summary->set_name(table);
      summary->set_source_kind(source->description());
      absl::StatusOr<std::shared_ptr<const CatalogTable>> described = catalog.FindTable(source_name, table);
      if (!described.ok()) continue;
      summary->set_column_count(static_cast<int32_t>((*described)->info.columns.size()));
      if ((*described)->info.estimated_rows.has_value()) {
        summary->set_estimated_rows(*(*described)->info.estimated_rows);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status DescribeTable(Catalog& catalog, const v1::TableDetailsRequest& request,
                           v1::TableDetails* response) {
  if (request.table().empty()) return absl::InvalidArgumentError("DescribeTable needs a table name");
  std::string source = request.source();
  if (source.empty()) {
    std::vector<std::string> holders;
    for (const std::string& name : catalog.sources().names()) {
      absl::StatusOr<std::vector<std::string>> tables = catalog.TableNames(name);
      if (tables.ok() && std::find(tables->begin(), tables->end(), request.table()) != tables->end()) {
        holders.push_back(name);
      }
    }
    if (holders.empty()) {
      return absl::NotFoundError(absl::StrCat("no source has a table \"", request.table(), "\" (sources: ",
                                              absl::StrJoin(catalog.sources().names(), ", "), ")"));
    }
    if (holders.size() > 1) {
      for (std::string& holder : holders) holder = absl::StrCat(holder, ".", request.table());
      return absl::InvalidArgumentError(absl::StrCat("more than one source has a table \"", request.table(),
                                                     "\"; name one: ", absl::StrJoin(holders, ", ")));
    }
    source = holders[0];
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const CatalogTable> described, catalog.FindTable(source, request.table()));
  const TableInfo& info = described->info;
  response->set_source(source);
  response->set_name(info.name);
  response->set_source_kind(described->source->description());
  for (const ColumnInfo& column : info.columns) {
    v1::ColumnDescription* out = response->add_columns();
    out->set_name(column.name);
    *out->mutable_type() = EncodeType(column.type);
    out->set_nullable(column.nullable);
    out->set_source_type(column.native_type);
  }
  for (const std::string& key : info.primary_key) response->add_primary_key(key);
  if (info.estimated_rows.has_value()) response->set_estimated_rows(*info.estimated_rows);
  return absl::OkStatus();
}

}  // namespace tessera::server
