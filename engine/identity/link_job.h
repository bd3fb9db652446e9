// File: engine/identity/link_job.h
//
// One run of `tessera link`: read every source's person records, link them
// (from scratch, or incrementally against what the index already holds),
// and write the index. Progress and phase timings go to a stream.

#ifndef TESSERA_ENGINE_IDENTITY_LINK_JOB_H_
#define TESSERA_ENGINE_IDENTITY_LINK_JOB_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/identity/link_store.h"
#include "engine/identity/linker.h"
#include "engine/identity/record_source.h"

namespace tessera::identity {

struct LinkJobOptions {
  LinkOptions link;
  // Link everything from scratch (re-estimating the weights) even when the
  // index already holds a previous run.
  bool rebuild = false;
  // How long reading one source may take before it is cancelled (so a source
  // that stops answering fails the run instead of hanging it).
  absl::Duration source_timeout = absl::Minutes(10);
};

struct LinkJobReport {
  std::vector<std::pair<std::string, int64_t>> records_per_source;
  bool incremental = false;
  absl::Duration read_time, link_time, store_time;
  // Every record read and its enterprise id, for evaluation.
  std::vector<PersonRecord> records;
  LinkResult result;
};

// `progress` (may be null) receives one line per phase.
absl::StatusOr<LinkJobReport> RunLinkJob(const std::vector<RecordSource*>& sources, LinkStore& store,
                                         const LinkJobOptions& options, std::ostream* progress);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_LINK_JOB_H_
