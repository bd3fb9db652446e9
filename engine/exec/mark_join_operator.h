// File: engine/exec/mark_join_operator.h
//
// The mark join: every left row, followed by one boolean column saying
// whether the right side has a match for it, with SQL's three values. It is
// how EXISTS and IN subqueries are evaluated where a semi or anti join cannot
// be used (under OR, NOT or CASE, in the select list): the expression then
// reads the mark.
//
// For a left row, the candidates are the right rows whose `keys` equal the
// left row's (a NULL key matches nothing) and for which `residual` is true;
// without keys, every right row. Then:
//   - without `compare`, the mark is whether there is a candidate (EXISTS);
//   - with `compare` (x = y of an IN), true if compare is true for some
//     candidate, else NULL if it is NULL for some, else false.
// When the IN comparison itself is the only equality (an uncorrelated IN),
// it serves as the hash key instead (`compare_is_key`): the mark is true on
// an equal key; else NULL when the left key is NULL and there is any
// candidate, or when a candidate has a NULL key; else false.
//
// The right child is read whole into memory (charged to the query's
// MemoryTracker); each left batch comes out as one batch in its order.

#ifndef TESSERA_ENGINE_EXEC_MARK_JOIN_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_MARK_JOIN_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/join_hash_table.h"
#include "engine/exec/join_util.h"
#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"
#include "engine/expr/expr.h"

namespace tessera {

class MarkJoinOperator : public Operator {
 public:
  // `residual` and `compare` are over the concatenated row [left columns...,
  // right columns...], either may be null. With `compare_is_key`, there is
  // exactly one key pair and no `compare`.
  MarkJoinOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right, std::vector<int> left_keys,
                   std::vector<int> right_keys, std::unique_ptr<Expr> residual, std::unique_ptr<Expr> compare,
                   bool compare_is_key, std::string mark_name);

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "MarkJoin on #0 = #3 filter (...) mark (#1 = #4)".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {left_.get(), right_.get()}; }

 private:
  // Per left row of the current batch.
  enum Mark : uint8_t { kFalse, kNull, kTrue };

  absl::Status Build();
  // Computes marks_ for the rows of probe_.
  absl::Status MarkBatch();
  // Keeps the pairs whose residual holds; then applies the compare (or, with
  // none, `on_match`) to the marks.
  absl::Status FlushPairs(Mark on_match);
  void Finish();

  std::unique_ptr<Operator> left_;
  std::unique_ptr<Operator> right_;
  const std::vector<int> left_keys_;
  const std::vector<int> right_keys_;
  std::unique_ptr<Expr> residual_;
  std::unique_ptr<Expr> compare_;
  const bool compare_is_key_;
  std::shared_ptr<const Schema> schema_;

  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_{"mark join"};
  bool built_ = false;
  bool finished_ = false;

  JoinHashTable build_;

  RowBatch probe_;
  std::vector<int64_t> probe_first_;  // First build row with an equal key per row, -1 none.
  std::vector<uint8_t> probe_null_key_;
  std::vector<uint8_t> marks_;
  JoinPairs pairs_;    // Filtered by the residual.
  JoinPairs compare_pairs_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_MARK_JOIN_OPERATOR_H_
