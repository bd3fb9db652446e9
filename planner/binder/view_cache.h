// File: planner/binder/view_cache.h
//
// Bound views, kept between statements: binding a view like the golden
// record (a union of one join per source, grouped, with dozens of CASE
// expressions) cost more than optimizing and building the operators of a
// point lookup over it. A session keeps one cache; each use of a view gets
// its own copy of the plan, which the optimizer then rewrites freely.
//
// An entry is the view's plan as its SQL binds against the catalog of one
// generation (see Catalog::generation). A view whose binding read the
// statement's time (current_date, now()) is not kept: its plan holds that
// time as a constant.

#ifndef TESSERA_PLANNER_BINDER_VIEW_CACHE_H_
#define TESSERA_PLANNER_BINDER_VIEW_CACHE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "planner/logical/logical_plan.h"

namespace tessera {

class BoundViewCache {
 public:
  // A copy of the plan kept for the view `name` with SQL `sql`, bound in
  // catalog generation `generation`; nullptr if there is none.
  std::unique_ptr<LogicalNode> Find(const std::string& name, const std::string& sql, int64_t generation) const;

  // Keeps a copy of `plan` (replacing an entry of an older generation).
  void Store(const std::string& name, const std::string& sql, int64_t generation, const LogicalNode& plan);

  int64_t size() const;

 private:
  struct Entry {
    int64_t generation = 0;
    std::shared_ptr<const LogicalNode> plan;
  };
  mutable absl::Mutex mu_;
  // By view name and SQL, so that two configurations' views of one name
  // never meet.
  std::map<std::pair<std::string, std::string>, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera

#endif  // TESSERA_PLANNER_BINDER_VIEW_CACHE_H_
