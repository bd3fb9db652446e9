// File: planner/physical/key_filter_spot.cc

#include "planner/physical/key_filter_spot.h"

namespace tessera {

std::optional<KeyFilterSpot> FindKeyFilterSpot(const LogicalNode& n, int c) {
  switch (n.kind) {
    case LogicalKind::kFilter:
      return FindKeyFilterSpot(*n.inputs[0], c);
    case LogicalKind::kProject:
      if (n.exprs[c]->op != ExprOp::kColumn) return std::nullopt;
      return FindKeyFilterSpot(*n.inputs[0], n.exprs[c]->column);
    case LogicalKind::kJoin: {
      const int left_width = static_cast<int>(n.inputs[0]->fields.size());
      if (c < left_width && n.join_type != LogicalJoinType::kRight && n.join_type != LogicalJoinType::kFull &&
          n.join_type != LogicalJoinType::kMark) {
        return FindKeyFilterSpot(*n.inputs[0], c);
      }
      if (c >= left_width && n.join_type == LogicalJoinType::kInner) {
        return FindKeyFilterSpot(*n.inputs[1], c - left_width);
      }
      return std::nullopt;
    }
    case LogicalKind::kDedup:
      for (int k : n.dedup.keys) {
        if (k == c) return KeyFilterSpot{&n, c};
      }
      return std::nullopt;
    case LogicalKind::kAggregate:
      if (c >= static_cast<int>(n.group_by.size()) || n.group_by[c]->op != ExprOp::kColumn) return std::nullopt;
      return KeyFilterSpot{&n, n.group_by[c]->column};
    default:
      return std::nullopt;
  }
}

}  // namespace tessera
