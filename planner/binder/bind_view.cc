// Binding of a view from the configuration: its SQL is parsed and bound by a
// binder of its own (its positions are in its own text), then used like a
// subquery, so the optimizer pushes filters and limits through it. A
// session's binders keep bound views between statements (view_cache.h).

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "planner/binder/binder.h"
#include "engine/common/status_macros.h"
#include "planner/parser/parser.h"

namespace tessera {
namespace {

// `status` from the view's own text, restated for the query naming it: its
// position (which counts in the view's SQL) is said in words.
absl::Status InView(const absl::Status& status, absl::string_view view) {
  std::string message(status.message());
  if (std::optional<int> offset = ErrorPosition(status); offset.has_value()) {
    size_t at = message.rfind(" at position ");
    if (at != std::string::npos) {
      message = absl::StrCat(message.substr(0, at), " (", message.substr(at + 4), " of the view's SQL)");
    }
  }
  return absl::Status(status.code(), absl::StrCat("view \"", view, "\": ", message));
}

// `plan` under a deduplication of its rows, as `spec` (whose column names
// are the plan's) says.
absl::StatusOr<std::unique_ptr<LogicalNode>> Deduplicated(std::unique_ptr<LogicalNode> plan,
                                                          const config::Deduplication& spec, absl::string_view view) {
  auto column = [&](const std::string& name, const char* what, bool required) -> absl::StatusOr<int> {
    if (name.empty() && !required) return -1;
    for (size_t i = 0; i < plan->fields.size(); ++i) {
      if (plan->fields[i].name == name) return static_cast<int>(i);
    }
    return absl::InvalidArgumentError(absl::StrCat("view \"", view, "\": deduplicate.", what, " names \"", name,
                                                   "\", which is not a column of the view"));
  };
  auto node = std::make_unique<LogicalNode>();
  node->kind = LogicalKind::kDedup;
  DedupSpec& d = node->dedup;
  if (spec.key().empty()) {
    return absl::InvalidArgumentError(absl::StrCat("view \"", view, "\": deduplicate needs at least one key"));
  }
  for (const std::string& k : spec.key()) {
    ASSIGN_OR_RETURN(int c, column(k, "key", true));
    d.keys.push_back(c);
  }
  ASSIGN_OR_RETURN(d.time, column(spec.time(), "time", false));
  ASSIGN_OR_RETURN(d.value, column(spec.value(), "value", false));
  ASSIGN_OR_RETURN(d.source, column(spec.source(), "source", false));
  ASSIGN_OR_RETURN(d.record_id, column(spec.record_id(), "record_id", false));
  d.time_tolerance_micros = spec.time_tolerance_seconds() * 1000000;
  if (spec.value_tolerance() > 0) d.value_tolerance = spec.value_tolerance();
  if (d.time >= 0 && plan->fields[d.time].type.id != TypeId::kTimestamp &&
      plan->fields[d.time].type.id != TypeId::kDate) {
    return absl::InvalidArgumentError(absl::StrCat("view \"", view, "\": deduplicate.time must be a date or timestamp"));
  }
  node->fields = plan->fields;
  node->fields.push_back({"sources", DataType::Text(), false});
  node->fields.push_back({"source_records", DataType::Text(), false});
  node->fields.push_back({"conflicting", DataType::Bool(), false});
  node->inputs.push_back(std::move(plan));
  return node;
}

using ParsedView = std::shared_ptr<const std::vector<ast::Statement>>;

// A view's statements, parsed once per text: every query naming a view used
// to parse it again, and the unified views are long enough (the observation
// view's fifteen branches) that parsing them cost more than running a
// patient's lookup. Texts come from the configuration, so there are few;
// the bound keeps a process that reloads many configurations small.
absl::StatusOr<ParsedView> ParseView(const std::string& sql) {
  constexpr size_t kMaxCachedViews = 1024;
  static absl::Mutex mu;
  static auto* cache = new absl::flat_hash_map<std::string, ParsedView>();
  {
    absl::MutexLock lock(&mu);
    auto it = cache->find(sql);
    if (it != cache->end()) return it->second;
  }
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, ParseSql(sql));
  auto parsed = std::make_shared<const std::vector<ast::Statement>>(std::move(statements));
  absl::MutexLock lock(&mu);
  if (cache->size() >= kMaxCachedViews) cache->clear();
  cache->emplace(sql, parsed);
  return parsed;
}

}  // namespace

absl::StatusOr<std::unique_ptr<LogicalNode>> Binder::BindViewSql(const ast::TableRef& ref, const config::View& view,
                                                                 bool* reads_now) {
  const std::string& view_sql = view.sql();
  absl::StatusOr<ParsedView> statements = ParseView(view_sql);
  if (!statements.ok()) return ErrorAt(InView(statements.status(), ref.name), ref.location);
  if ((*statements)->size() != 1 || (*statements)->front().kind != ast::Statement::Kind::kSelect) {
    return ErrorAt(absl::InvalidArgumentError(absl::StrCat("view \"", ref.name, "\" must be one SELECT statement")),
                   ref.location);
  }
  Binder inner(catalog_, view_sql, now_);
  inner.view_cache_ = view_cache_;
  inner.expanding_views_ = expanding_views_;
  inner.expanding_views_.push_back(ref.name);
  absl::StatusOr<std::unique_ptr<LogicalNode>> plan = inner.BindSelect(*(*statements)->front().select);
  *reads_now = inner.reads_now_;
  if (!plan.ok()) return ErrorAt(InView(plan.status(), ref.name), ref.location);
  if (view.has_deduplicate()) {
    plan = Deduplicated(std::move(*plan), view.deduplicate(), ref.name);
    if (!plan.ok()) return ErrorAt(plan.status(), ref.location);
  }
  return plan;
}

absl::StatusOr<Binder::Bound> Binder::BindView(const ast::TableRef& ref, const config::View& view) {
  const std::string& view_sql = view.sql();
  if (std::find(expanding_views_.begin(), expanding_views_.end(), ref.name) != expanding_views_.end()) {
    std::vector<std::string> chain = expanding_views_;
    chain.push_back(ref.name);
    return ErrorAt(absl::InvalidArgumentError(
                       absl::StrCat("view \"", ref.name, "\" refers to itself (", absl::StrJoin(chain, " -> "), ")")),
                   ref.location);
  }
  const int64_t generation = catalog_->generation();
  std::unique_ptr<LogicalNode> plan =
      view_cache_ != nullptr ? view_cache_->Find(ref.name, view_sql, generation) : nullptr;
  if (plan == nullptr) {
    bool reads_now = false;
    ASSIGN_OR_RETURN(plan, BindViewSql(ref, view, &reads_now));
    reads_now_ = reads_now_ || reads_now;
    if (view_cache_ != nullptr && !reads_now) view_cache_->Store(ref.name, view_sql, generation, *plan);
  }

  std::string alias = ref.alias.empty() ? ref.name : ref.alias;
  Bound out;
  for (size_t i = 0; i < plan->fields.size(); ++i) {
    std::string name = i < ref.column_aliases.size() ? ref.column_aliases[i] : plan->fields[i].name;
    out.scope.Add({alias, name, plan->fields[i].type});
    plan->fields[i].name = name;
  }
  out.plan = std::move(plan);
  return out;
}

}  // namespace tessera
