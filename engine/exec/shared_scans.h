// File: engine/exec/shared_scans.h
//
// Identical sub-queries of one query, read once. A query over the unified
// views asks the link index the same question many times (each EHR branch
// of the observation view looks up the patient's EHR ids), and
// GetPatientRecord's six sections ask it again. The first scan of a given
// request leads: it fetches as usual and keeps a copy of its rows; scans of
// the same request that start meanwhile wait for it, and later ones copy
// the kept rows instead of asking the source.
//
// Only small results are shared. A leader whose result grows past
// kMaxBatches gives up leading before its own queue can fill, so a waiter
// never waits on a scan that is itself waiting for its consumer (who might
// be waiting on the waiter). Waiters of a leader that gave up, failed or was
// abandoned fetch for themselves.

#ifndef TESSERA_ENGINE_EXEC_SHARED_SCANS_H_
#define TESSERA_ENGINE_EXEC_SHARED_SCANS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "engine/exec/query_context.h"
#include "engine/types/row_batch.h"

namespace tessera {

class SharedScans {
 public:
  using Rows = std::shared_ptr<const std::vector<RowBatch>>;

  // A leader keeps at most this many batches: fewer than a remote scan's
  // queue holds (see RemoteScanOperator::kQueueBatches).
  static constexpr int kMaxBatches = 3;

  // The query's shared scans.
  static SharedScans& Of(QueryContext& query);

  // The rows of `key` (a source and its request) when another scan of the
  // query read them whole, waiting while one is reading them. Otherwise
  // nullptr, with *lead true when the caller leads for `key` and must end
  // with Publish or GiveUp.
  Rows Join(const std::string& key, bool* lead);
  void Publish(const std::string& key, std::vector<RowBatch> batches);
  void GiveUp(const std::string& key);

 private:
  enum class State { kReading, kDone, kGivenUp };
  struct Entry {
    State state = State::kReading;
    Rows rows;
  };

  absl::Mutex mu_;
  std::map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_SHARED_SCANS_H_
