// File: engine/exec/set_operation_operator.h
//
// UNION ALL, INTERSECT [ALL] and EXCEPT [ALL] over inputs with the same
// column types. UNION ALL concatenates any number of children in order and
// holds nothing. INTERSECT and EXCEPT read the right child whole into a hash
// table of distinct rows with their counts (charged to the query's
// MemoryTracker), then stream the left child through it, so output rows come
// in left-input order. Rows compare on all columns, NULL equal to NULL, as
// SQL set operations treat them. UNION (distinct) is planned as UNION ALL
// followed by DistinctOperator.
//
// With ALL, a row occurring m times on the left and n times on the right
// comes out min(m, n) times (INTERSECT ALL) or max(m - n, 0) times (EXCEPT
// ALL); without, at most once.

#ifndef TESSERA_ENGINE_EXEC_SET_OPERATION_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_SET_OPERATION_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/batch_util.h"
#include "engine/exec/key_table.h"
#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"

namespace tessera {

enum class SetOpKind { kUnionAll, kIntersect, kIntersectAll, kExcept, kExceptAll };

class SetOperationOperator : public Operator {
 public:
  // REQUIRES: at least one child; exactly two for INTERSECT and EXCEPT; all
  // children with the first child's column types (checked at Open). The
  // output takes the first child's schema.
  SetOperationOperator(SetOpKind kind, std::vector<std::unique_ptr<Operator>> children);

  const std::shared_ptr<const Schema>& schema() const override { return children_.front()->schema(); }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "UnionAll 3 inputs", "Intersect", "IntersectAll", "Except", "ExceptAll".
  std::string Describe() const override;
  std::vector<Operator*> children() const override;

 private:
  absl::Status NextUnionAll(RowBatch& out);
  absl::Status BuildRight();
  absl::Status NextFromLeft(RowBatch& out);
  int64_t MemoryBytes() const;

  const SetOpKind kind_;
  std::vector<std::unique_ptr<Operator>> children_;

  ExecContext* ctx_ = nullptr;
  size_t current_ = 0;  // UNION ALL: the child being read.
  bool done_ = false;

  // INTERSECT / EXCEPT: the distinct rows seen (right rows, and for EXCEPT
  // also left rows already output), and per entry the right rows not yet
  // paired off (ALL) or whether the row was output (distinct).
  MemoryReservation reservation_{"set operation"};
  std::unique_ptr<KeyTable> table_;
  std::vector<int64_t> right_count_;
  std::vector<uint8_t> emitted_;
  bool built_ = false;
  RowBatch input_;
  PendingRows pending_;  // Rows of input_ to output, not yet out.
  std::vector<int> all_columns_;
  std::vector<uint64_t> hashes_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_SET_OPERATION_OPERATOR_H_
