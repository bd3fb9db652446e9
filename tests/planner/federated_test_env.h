// File: tests/planner/federated_test_env.h
//
// A small Riverside in SQLite files under the test's temporary folder, with
// a session over it: the ground every planner test stands on.

#ifndef TESSERA_TESTS_PLANNER_FEDERATED_TEST_ENV_H_
#define TESSERA_TESTS_PLANNER_FEDERATED_TEST_ENV_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/catalog/source_registry.h"
#include "engine/session/session.h"

namespace tessera::testing {

// The rows of a result as text cells, for comparisons.
struct TextResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

class FederatedTestEnv {
 public:
  // Generates Riverside (once per process) with `people` people.
  static FederatedTestEnv& Get(int64_t people = 300);
  // Another Riverside (once per process), whose unified views carry
  // enterprise patient ids from a link index built from the ground truth:
  // the views and deduplication are tested apart from the linker's errors.
  static FederatedTestEnv& Linked();

  absl::StatusOr<TextResult> Query(const std::string& sql);
  // The EXPLAIN text of `sql`, one line per plan line.
  absl::StatusOr<std::string> Explain(const std::string& sql);

  const std::string& data_dir() const { return data_dir_; }
  Session& session() { return *session_; }

 private:
  FederatedTestEnv() = default;
  // Generates Riverside into TEST_TMPDIR/`folder` and configures the session.
  static FederatedTestEnv* Make(const char* folder, int64_t people, bool linked);
  std::string data_dir_;
  std::unique_ptr<SourceRegistry> sources_;
  std::unique_ptr<Session> session_;
};

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_PLANNER_FEDERATED_TEST_ENV_H_
