// The console's statements run in this process, through a Session over the
// configured sources.

#include <vector>

#include "absl/strings/str_join.h"
#include "engine/cli/query_runner.h"
#include "engine/session/session.h"

namespace tessera::cli {
namespace {

class LocalRunner : public QueryRunner {
 public:
  explicit LocalRunner(SourceRegistry* sources) : sources_(sources), session_(sources) {}

  std::string Target() const override { return absl::StrJoin(sources_->names(), ", "); }

  RunOutcome Run(absl::string_view sql, InterruptWatcher& interrupts,
                 const std::function<std::unique_ptr<ResultWriter>()>& make_writer,
                 const std::function<void()>& after_each) override {
    absl::StatusOr<std::vector<ast::Statement>> statements = session_.Parse(sql);
    if (!statements.ok()) return {statements.status(), false};
    for (const ast::Statement& statement : *statements) {
      QueryContext ctx;
      std::unique_ptr<ResultWriter> writer = make_writer();
      absl::StatusOr<StatementResult> result;
      {
        std::unique_ptr<InterruptWatcher::Scope> watch = interrupts.Watch(ctx);
        result = session_.Execute(statement, sql, ctx, *writer);
      }
      if (ctx.is_cancelled()) return {absl::CancelledError("query cancelled"), true};
      if (!result.ok()) return {result.status(), false};
      after_each();
    }
    return {};
  }

  absl::StatusOr<Listing> Describe(const std::vector<std::string>& name, const CancelCheck& cancelled) override {
    return cli::Describe(session_.catalog(), name, cancelled);
  }

  absl::StatusOr<Listing> ListSources(const CancelCheck& cancelled) override {
    return cli::ListSources(*sources_, cancelled);
  }

 private:
  SourceRegistry* sources_;
  Session session_;
};

}  // namespace

std::unique_ptr<QueryRunner> MakeLocalRunner(SourceRegistry* sources) {
  return std::make_unique<LocalRunner>(sources);
}

}  // namespace tessera::cli
