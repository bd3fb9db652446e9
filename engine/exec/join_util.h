// File: engine/exec/join_util.h
//
// What the hash join and the nested-loop join share: the join types, their
// output schemas, and candidate row pairs checked against a join predicate
// over the concatenated row [left columns..., right columns...].

#ifndef TESSERA_ENGINE_EXEC_JOIN_UTIL_H_
#define TESSERA_ENGINE_EXEC_JOIN_UTIL_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "engine/expr/expr.h"
#include "engine/types/row_batch.h"
#include "engine/types/schema.h"

namespace tessera {

// Inner, left/right/full outer (the unmatched side NULL-filled), and semi and
// anti joins, which output the left rows that have (or lack) a match.
enum class JoinType { kInner, kLeft, kRight, kFull, kSemi, kAnti };

// "inner", "left", "right", "full", "semi", "anti".
const char* JoinTypeName(JoinType type);

// Whether the join outputs combined rows (left columns then right columns);
// semi and anti joins output the left row alone.
inline bool JoinOutputsPairs(JoinType type) { return type != JoinType::kSemi && type != JoinType::kAnti; }

// The left columns then the right columns, as a join predicate sees them.
std::shared_ptr<const Schema> ConcatSchema(const Schema& left, const Schema& right);

// The join's output: the concatenation, with the side an outer join may
// NULL-fill marked nullable, or the left columns alone for semi and anti.
std::shared_ptr<const Schema> JoinOutputSchema(JoinType type, const Schema& left, const Schema& right);

// Appends to `out` one row per (left_rows[i], right_rows[i]) pair: the left
// row's cells then the right row's; a row of -1 is NULLs on that side.
void AppendJoinedRows(const RowBatch& left, absl::Span<const int64_t> left_rows, const RowBatch& right,
                      absl::Span<const int64_t> right_rows, RowBatch& out);

// Candidate (left row, right row) pairs and the predicate they must satisfy.
class JoinPairs {
 public:
  // `concat` is ConcatSchema(left, right); `predicate`, a boolean expression
  // over it, may be null (every pair qualifies) and must outlive this.
  JoinPairs(std::shared_ptr<const Schema> concat, const Expr* predicate);

  void Add(int64_t left_row, int64_t right_row) {
    left_.push_back(left_row);
    right_.push_back(right_row);
  }
  void Clear() {
    left_.clear();
    right_.clear();
  }
  int64_t size() const { return static_cast<int64_t>(left_.size()); }
  const std::vector<int64_t>& left() const { return left_; }
  const std::vector<int64_t>& right() const { return right_; }

  // Keeps, in order, the pairs of rows of `left` and `right` for which the
  // predicate is true. Errors are the predicate's (division by zero).
  absl::Status Filter(const RowBatch& left, const RowBatch& right);

  // The predicate's value (true, false or NULL) for each pair, in order.
  // REQUIRES: a predicate.
  absl::StatusOr<ColumnVector> Values(const RowBatch& left, const RowBatch& right);

 private:
  // Fills scratch_ with the concatenated pairs, the columns the predicate reads.
  void FillScratch(const RowBatch& left, const RowBatch& right);

  const Expr* predicate_;
  std::vector<bool> referenced_;  // Per concatenated column: read by the predicate.
  RowBatch scratch_;
  std::vector<int64_t> left_;
  std::vector<int64_t> right_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_JOIN_UTIL_H_
