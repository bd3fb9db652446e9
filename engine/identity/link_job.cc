// File: engine/identity/link_job.cc

#include "engine/identity/link_job.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "engine/common/status_macros.h"
#include "engine/identity/cancel_at_deadline.h"

namespace tessera::identity {
namespace {

void Say(std::ostream* progress, const std::string& line) {
  if (progress != nullptr) *progress << line << "\n" << std::flush;
}

}  // namespace

absl::StatusOr<LinkJobReport> RunLinkJob(const std::vector<RecordSource*>& sources, LinkStore& store,
                                         const LinkJobOptions& options, std::ostream* progress) {
  LinkJobReport report;
  absl::Time start = absl::Now();
  for (RecordSource* source : sources) {
    absl::Time t = absl::Now();
    QueryContext ctx(absl::Now() + options.source_timeout);
    absl::StatusOr<std::vector<PersonRecord>> records;
    {
      CancelAtDeadline watch(ctx);
      records = source->ReadAll(ctx);
    }
    if (!records.ok() && absl::Now() >= ctx.deadline()) {
      records = absl::DeadlineExceededError(absl::StrCat("no answer within ", absl::FormatDuration(options.source_timeout)));
    }
    if (!records.ok()) {
      return absl::Status(records.status().code(),
                          absl::StrCat("reading ", source->description(), ": ", records.status().message()));
    }
    Say(progress, absl::StrFormat("read %d records from %s in %.2f s", records->size(), source->description(),
                                  absl::ToDoubleSeconds(absl::Now() - t)));
    report.records_per_source.emplace_back(source->description(), static_cast<int64_t>(records->size()));
    report.records.insert(report.records.end(), std::make_move_iterator(records->begin()),
                          std::make_move_iterator(records->end()));
  }
  report.read_time = absl::Now() - start;

  start = absl::Now();
  RETURN_IF_ERROR(store.CreateTables());
  ASSIGN_OR_RETURN(StoredIndex previous, store.Load());
  absl::Duration load_time = absl::Now() - start;

  start = absl::Now();
  report.incremental = !options.rebuild && previous.model.has_value() && !previous.records.empty();
  if (report.incremental) {
    Say(progress, absl::StrFormat("linking incrementally against %d indexed records", previous.records.size()));
    report.result = LinkIncrementally(report.records, previous.records, *previous.model, options.link);
  } else {
    Say(progress, absl::StrFormat("linking %d records from scratch", report.records.size()));
    report.result = LinkRecords(report.records, options.link);
  }
  report.link_time = absl::Now() - start;
  Say(progress, absl::StrFormat("linked in %.2f s", absl::ToDoubleSeconds(report.link_time)));

  start = absl::Now();
  if (report.incremental) {
    RETURN_IF_ERROR(store.Update(report.records, report.result, previous));
  } else {
    RETURN_IF_ERROR(store.Replace(report.records, report.result));
  }
  report.store_time = load_time + (absl::Now() - start);
  Say(progress, absl::StrFormat("index loaded and written in %.2f s", absl::ToDoubleSeconds(report.store_time)));
  return report;
}

}  // namespace tessera::identity
