// File: engine/cli/query_runner.h
//
// Where the console's statements run: in this process, over the configured
// sources, or on a `tessera serve` server. The console reads, splits,
// times and prints the same way for both; a runner only executes
// statements and answers `\d` and `\sources`.

#ifndef TESSERA_ENGINE_CLI_QUERY_RUNNER_H_
#define TESSERA_ENGINE_CLI_QUERY_RUNNER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/catalog/source_registry.h"
#include "engine/cli/catalog_listing.h"
#include "engine/cli/interrupt.h"
#include "engine/format/result_writer.h"

namespace tessera::cli {

struct RunOutcome {
  // The first failure; its position (ErrorPosition) refers to the text run.
  absl::Status status;
  // Ctrl-C stopped it: whatever status came back, that was the cause.
  bool interrupted = false;
};

class QueryRunner {
 public:
  virtual ~QueryRunner() = default;

  // What statements run against, for the console's greeting: "ehr, lab".
  virtual std::string Target() const = 0;

  // Runs the statements of `sql` one after another until one fails, each
  // written through a new writer from `make_writer`; `after_each` is called
  // after each statement that succeeded. Ctrl-C (through `interrupts`)
  // cancels the running statement.
  virtual RunOutcome Run(absl::string_view sql, InterruptWatcher& interrupts,
                         const std::function<std::unique_ptr<ResultWriter>()>& make_writer,
                         const std::function<void()>& after_each) = 0;

  // `\d [NAME]` (see catalog_listing.h).
  virtual absl::StatusOr<Listing> Describe(const std::vector<std::string>& name, const CancelCheck& cancelled) = 0;

  // `\sources`.
  virtual absl::StatusOr<Listing> ListSources(const CancelCheck& cancelled) = 0;
};

// Runs statements in this process over `sources`, which must outlive it.
std::unique_ptr<QueryRunner> MakeLocalRunner(SourceRegistry* sources);

// How to reach a server.
struct RemoteOptions {
  std::string address;      // HOST:PORT.
  std::string token;        // Sent as "authorization: Bearer TOKEN" when set.
  std::string tls_ca_pem;   // Set: TLS, trusting this CA.
  std::string tls_cert_pem;  // With tls_key_pem: a client certificate.
  std::string tls_key_pem;
};

// Runs statements on the server at options.address.
std::unique_ptr<QueryRunner> MakeRemoteRunner(const RemoteOptions& options);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_QUERY_RUNNER_H_
