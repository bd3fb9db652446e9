// File: engine/cli/interrupt.h
//
// Turns Ctrl-C into cancelling the running query (at its sources too), so
// that an interrupted query stops cleanly instead of killing the process
// with sub-queries still running.

#ifndef TESSERA_ENGINE_CLI_INTERRUPT_H_
#define TESSERA_ENGINE_CLI_INTERRUPT_H_

#include <atomic>
#include <thread>

#include "engine/exec/query_context.h"

namespace tessera::cli {

// While alive, SIGINT cancels `ctx` instead of ending the process.
class CancelOnInterrupt {
 public:
  explicit CancelOnInterrupt(QueryContext& ctx);
  ~CancelOnInterrupt();

  // True once an interrupt arrived.
  bool interrupted() const;

 private:
  QueryContext& ctx_;
  std::atomic<bool> stop_{false};
  std::thread watcher_;
};

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_INTERRUPT_H_
