// File: engine/exec/hash_join_operator.h
//
// Equi-join by hashing: builds a hash table on the RIGHT child's key columns,
// then streams the left child through it. Keys equal column by column match;
// a NULL key never matches (rows with one stay out of the table). An
// optional residual predicate over the concatenated row [left columns...,
// right columns...] must also hold for a pair to match.
//
// The build side is read whole in the first Next (not in Open, so that every
// scan of the query has been started before any is waited for) and held in
// memory, charged to the query's MemoryTracker. Output rows of one probe
// batch come in probe order, each probe row's matches in build order; the
// unmatched left rows of a left/full join follow its batch's matches, and
// the unmatched right rows of a right/full join come last.

#ifndef TESSERA_ENGINE_EXEC_HASH_JOIN_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_HASH_JOIN_OPERATOR_H_

#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/join_hash_table.h"
#include "engine/exec/join_util.h"
#include "engine/exec/key_filter_operator.h"
#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"
#include "engine/expr/expr.h"

namespace tessera {

class HashJoinOperator : public Operator {
 public:
  // Joins rows where left column left_keys[i] equals right column
  // right_keys[i] for every i (and `residual`, if any, is true).
  //
  // `null_aware` serves anti joins that implement NOT IN, where a NULL makes
  // the comparison unknown rather than false: if the build side has a row
  // with a NULL key, no left row qualifies; a left row with a NULL key
  // qualifies only if the build side is empty. With a residual predicate,
  // only build rows for which it holds count. A key of several columns is
  // NULL when any of its columns is.
  //
  // REQUIRES: left_keys.size() == right_keys.size() >= 1, paired key columns
  // of the same type; null_aware only with JoinType::kAnti.
  HashJoinOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right, JoinType type,
                   std::vector<int> left_keys, std::vector<int> right_keys,
                   std::unique_ptr<Expr> residual = nullptr, bool null_aware = false);

  ~HashJoinOperator() override;

  // Starts reading the build side in Open, on a thread of its own, instead
  // of at the first Next. A bind join's keys then reach its probe's source
  // at once, so the branches of a UNION ALL of bind joins (a unified view
  // over many sources) query their sources together instead of one after
  // another.
  void BuildInOpen() { build_in_open_ = true; }

  // Once built, the table is offered to `keys`, for KeyFilterOperators below
  // the probe side. REQUIRES: one key, and an inner or semi join.
  void PublishKeys(std::shared_ptr<BuiltKeys> keys) { published_keys_ = std::move(keys); }

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "HashJoin left on #0 = #2", right columns numbered after the left ones
  // as in the residual predicate.
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {left_.get(), right_.get()}; }

 private:
  enum class Phase { kBuild, kFetchProbe, kProbe, kProbeTail, kBuildTail, kDone };
  bool build_in_open_ = false;
  std::shared_ptr<BuiltKeys> published_keys_;
  std::future<absl::Status> opened_build_;  // Valid until Next waits for it.

  absl::Status Build();
  absl::Status FetchProbe();
  absl::Status Probe(RowBatch& out);
  absl::Status ProbeTail(RowBatch& out);
  void BuildTail(RowBatch& out);
  // For an unmatched left row of a null-aware anti join: whether NOT IN is
  // true rather than unknown.
  absl::StatusOr<bool> NullAwareQualifies(int64_t probe_row);
  void Finish();

  std::unique_ptr<Operator> left_;
  std::unique_ptr<Operator> right_;
  const JoinType type_;
  const std::vector<int> left_keys_;
  const std::vector<int> right_keys_;
  std::unique_ptr<Expr> residual_;
  const bool null_aware_;
  std::shared_ptr<const Schema> schema_;
  // Whether unmatched build rows are output (right and full joins).
  const bool emit_unmatched_build_;

  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_{"hash join"};
  Phase phase_ = Phase::kBuild;
  bool finished_ = false;

  // The build side: every right row, chained by key.
  JoinHashTable build_;
  std::vector<uint8_t> build_matched_;
  int64_t build_tail_row_ = 0;

  // The current probe batch: per row its first matching build row (-1 for
  // none), whether its key is NULL, and whether it found a match; and where
  // probing stands.
  RowBatch probe_;
  std::vector<int64_t> probe_first_;
  std::vector<uint8_t> probe_null_key_;
  std::vector<uint8_t> probe_matched_;
  int64_t probe_row_ = 0;
  int64_t chain_ = -1;
  int64_t tail_row_ = 0;
  JoinPairs pairs_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_HASH_JOIN_OPERATOR_H_
