// x IN (a, b, ...): true when x equals an item, NULL when it equals none but
// x or some item is NULL, else false (the OR of x = item, three-valued).
//
// A long list of constants of x's own type is looked up in a hash set built
// once per batch; anything else is compared item by item, a batch at a time.

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"

namespace tessera::expr_internal {
namespace {

// Lists shorter than this are compared item by item: a few tight comparison
// loops beat building a set.
constexpr size_t kHashListThreshold = 8;

// Rows of x looked up in a set of the items' keys.
template <typename Set, typename Key>
ColumnVector Probe(const Operand& x, int64_t n, const Set& items, bool item_null, Key key) {
  ColumnVector out(DataType::Bool());
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (x.IsNull(i)) {
      out.AppendNull();
    } else if (items.contains(key(i))) {
      out.AppendBool(true);
    } else if (item_null) {
      out.AppendNull();
    } else {
      out.AppendBool(false);
    }
  }
  return out;
}

// -0.0 equals 0.0 and NaN equals NaN, so each gets one key.
double DoubleKey(double v) {
  if (v == 0) return 0.0;
  if (v != v) return std::numeric_limits<double>::quiet_NaN();
  return v;
}

struct DoubleKeyEq {
  bool operator()(double a, double b) const { return a == b || (a != a && b != b); }
};

absl::StatusOr<Operand> HashedIn(const Operand& x, const std::vector<Operand>& items,
                                 int64_t rows) {
  const int64_t n = x.is_single() ? 1 : rows;
  bool item_null = false;
  for (const Operand& item : items) item_null |= item.IsNull(0);
  switch (x.type().id) {
    case TypeId::kText: {
      absl::flat_hash_set<std::string> set;
      for (const Operand& item : items) {
        if (!item.IsNull(0)) set.insert(std::string(item.Text(0)));
      }
      return Result(Probe(x, n, set, item_null, [&](int64_t i) { return x.Text(i); }), rows);
    }
    case TypeId::kDouble: {
      absl::flat_hash_set<double, absl::Hash<double>, DoubleKeyEq> set;
      for (const Operand& item : items) {
        if (!item.IsNull(0)) set.insert(DoubleKey(item.Double(0)));
      }
      return Result(Probe(x, n, set, item_null, [&](int64_t i) { return DoubleKey(x.Double(i)); }),
                    rows);
    }
    default: {
      absl::flat_hash_set<int64_t> set;
      for (const Operand& item : items) {
        if (!item.IsNull(0)) set.insert(item.Int(0));
      }
      return Result(Probe(x, n, set, item_null, [&](int64_t i) { return x.Int(i); }), rows);
    }
  }
}

}  // namespace

absl::StatusOr<Operand> EvalInList(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.empty()) return absl::InternalError("IN needs a left-hand side");
  const int64_t rows = ctx.rows();
  ASSIGN_OR_RETURN(Operand x, EvalNode(*expr.args[0], ctx));
  std::vector<Operand> items;
  items.reserve(expr.args.size() - 1);
  bool hashable = expr.args.size() - 1 >= kHashListThreshold;
  for (size_t k = 1; k < expr.args.size(); ++k) {
    ASSIGN_OR_RETURN(Operand item, EvalNode(*expr.args[k], ctx));
    hashable = hashable && item.is_single() && item.type() == x.type();
    items.push_back(std::move(item));
  }
  if (hashable) return HashedIn(x, items, rows);

  // The OR of x = item, three-valued, folded one item at a time.
  const int64_t n = rows;
  std::vector<uint8_t> state(x.is_single() ? 1 : n, 0);  // 0 false, 1 true, 2 NULL.
  for (const Operand& item : items) {
    ASSIGN_OR_RETURN(Operand equal, CompareOperands(ExprOp::kEqual, x, item, rows));
    if (!equal.is_single() && state.size() == 1) state.resize(n, state[0]);
    for (size_t i = 0; i < state.size(); ++i) {
      const int64_t row = static_cast<int64_t>(i);
      const uint8_t e = equal.IsNull(row) ? 2 : (equal.Int(row) != 0 ? 1 : 0);
      // true wins over NULL, NULL over false.
      if (e == 1 || state[i] == 1) {
        state[i] = 1;
      } else if (e == 2) {
        state[i] = 2;
      }
    }
  }
  ColumnVector out(DataType::Bool());
  out.Reserve(static_cast<int64_t>(state.size()));
  for (uint8_t s : state) {
    if (s == 2) {
      out.AppendNull();
    } else {
      out.AppendBool(s == 1);
    }
  }
  return Result(std::move(out), rows);
}

}  // namespace tessera::expr_internal
