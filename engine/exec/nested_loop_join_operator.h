// File: engine/exec/nested_loop_join_operator.h
//
// Joins without equality keys: cross joins and theta joins (a < b, a BETWEEN
// b AND c). The right child is read whole into memory, charged to the
// query's MemoryTracker; every left row is then paired with every right row
// and the pair kept when the predicate over the concatenated row [left
// columns..., right columns...] is true. Work is quadratic, so the planner
// uses this only when no equality key exists.
//
// Output order: per left batch, matched pairs in left-row then right-row
// order, then that batch's unmatched left rows (left/full joins); the
// unmatched right rows of right/full joins come last.

#ifndef TESSERA_ENGINE_EXEC_NESTED_LOOP_JOIN_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_NESTED_LOOP_JOIN_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/join_util.h"
#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"
#include "engine/expr/expr.h"

namespace tessera {

class NestedLoopJoinOperator : public Operator {
 public:
  // A join of the given type whose pairs must satisfy `predicate` (a boolean
  // expression over the concatenated row); without one, every pair matches
  // (a cross join when `type` is kInner).
  NestedLoopJoinOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right, JoinType type,
                         std::unique_ptr<Expr> predicate = nullptr);

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "NestedLoopJoin left on (#0 < #3)", or "NestedLoopJoin cross".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {left_.get(), right_.get()}; }

 private:
  enum class Phase { kBuild, kFetchProbe, kProbe, kProbeTail, kBuildTail, kDone };

  absl::Status Build();
  absl::Status FetchProbe();
  absl::Status Probe(RowBatch& out);
  void ProbeTail(RowBatch& out);
  void BuildTail(RowBatch& out);
  void Finish();

  std::unique_ptr<Operator> left_;
  std::unique_ptr<Operator> right_;
  const JoinType type_;
  std::unique_ptr<Expr> predicate_;
  std::shared_ptr<const Schema> schema_;
  const bool emit_unmatched_build_;  // Right and full joins.

  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_{"nested loop join"};
  Phase phase_ = Phase::kBuild;
  bool finished_ = false;

  RowBatch build_;  // Every right row.
  std::vector<uint8_t> build_matched_;
  int64_t build_tail_row_ = 0;

  RowBatch probe_;  // The current left batch and where pairing stands.
  std::vector<uint8_t> probe_matched_;
  int64_t probe_row_ = 0;
  int64_t build_row_ = 0;
  int64_t tail_row_ = 0;
  JoinPairs pairs_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_NESTED_LOOP_JOIN_OPERATOR_H_
