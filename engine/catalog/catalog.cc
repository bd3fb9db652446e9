#include "engine/catalog/catalog.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"

namespace tessera {

absl::StatusOr<std::vector<std::string>> Catalog::TableNames(absl::string_view source) {
  {
    absl::MutexLock lock(&mu_);
    auto it = table_names_.find(std::string(source));
    if (it != table_names_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(Connector * connector, sources_->Find(source));
  ASSIGN_OR_RETURN(std::vector<std::string> names, connector->ListTables());
  absl::MutexLock lock(&mu_);
  table_names_[std::string(source)] = names;
  return names;
}

absl::StatusOr<std::shared_ptr<const CatalogTable>> Catalog::FindTable(absl::string_view source,
                                                                       absl::string_view table) {
  auto key = std::make_pair(std::string(source), std::string(table));
  {
    absl::MutexLock lock(&mu_);
    auto it = tables_.find(key);
    if (it != tables_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(Connector * connector, sources_->Find(source));
  absl::StatusOr<TableInfo> info = connector->DescribeTable(table);
  if (!info.ok()) {
    if (info.status().code() != absl::StatusCode::kNotFound) return info.status();
    absl::StatusOr<std::vector<std::string>> names = TableNames(source);
    return absl::NotFoundError(absl::StrCat("source \"", source, "\" has no table \"", table, "\"",
                                            names.ok() ? absl::StrCat(" (its tables: ", absl::StrJoin(*names, ", "), ")")
                                                       : ""));
  }
  auto entry = std::make_shared<CatalogTable>();
  entry->source = connector;
  entry->source_name = std::string(source);
  entry->info = std::move(*info);
  absl::MutexLock lock(&mu_);
  tables_[key] = entry;
  return std::shared_ptr<const CatalogTable>(entry);
}

void Catalog::Invalidate() {
  absl::MutexLock lock(&mu_);
  tables_.clear();
  table_names_.clear();
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace tessera
