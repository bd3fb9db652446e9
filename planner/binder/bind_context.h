// File: planner/binder/bind_context.h
//
// What an expression being bound may refer to, and where what it collects
// goes. Aggregates, window functions and scalar subqueries are bound in
// place of a marker column that the SELECT binder later points at the
// operator computing them.

#ifndef TESSERA_PLANNER_BINDER_BIND_CONTEXT_H_
#define TESSERA_PLANNER_BINDER_BIND_CONTEXT_H_

#include <memory>
#include <vector>

#include "planner/binder/binder.h"

namespace tessera {

// Marker column indexes: kAggregateMarker + i is the i-th collected
// aggregate, and so on. Real inputs never have this many columns.
inline constexpr int kAggregateMarker = 1 << 24;
inline constexpr int kWindowMarker = 2 << 24;
inline constexpr int kScalarMarker = 3 << 24;

struct Binder::ExprContext {
  const Scope* scope = nullptr;
  const char* clause = "";  // "WHERE", "SELECT list", ... for messages.
  std::vector<AggregateExpr>* aggregates = nullptr;    // Null: not allowed here.
  std::vector<WindowFunction>* windows = nullptr;      // Null: not allowed here.
  std::vector<Binder::ScalarSubquery>* scalar_subqueries = nullptr;  // Null: not allowed here.
  const std::vector<ast::NamedWindow>* named_windows = nullptr;
};

}  // namespace tessera

#endif  // TESSERA_PLANNER_BINDER_BIND_CONTEXT_H_
