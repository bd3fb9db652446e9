// File: engine/server/service_state.h
//
// What every call of the query service shares: the federation, who may
// call, the engine's threads, and the counters that show what the server
// holds (queries running, bytes of results waiting for slow clients).

#ifndef TESSERA_ENGINE_SERVER_SERVICE_STATE_H_
#define TESSERA_ENGINE_SERVER_SERVICE_STATE_H_

#include <atomic>
#include <cstdint>

#include "engine/catalog/source_registry.h"
#include "engine/server/auth.h"
#include "engine/server/engine_threads.h"
#include "engine/session/session.h"

namespace tessera::server {

struct ServiceState {
  SourceRegistry* sources = nullptr;
  Session* session = nullptr;  // Shared: its catalog caches table descriptions.
  const Authenticator* auth = nullptr;
  EngineThreads* threads = nullptr;
  int max_concurrent_queries = 16;

  // Queries admitted and not yet finished (their operators destroyed).
  std::atomic<int> running_queries{0};
  // Encoded result messages held for clients, now and at most.
  std::atomic<int64_t> buffered_bytes{0};
  std::atomic<int64_t> peak_buffered_bytes{0};
  // Encoded result messages the engine has produced, ever: a query that a
  // slow client holds back stops adding to it.
  std::atomic<int64_t> produced_bytes{0};

  void AddBuffered(int64_t bytes) {
    int64_t now = buffered_bytes.fetch_add(bytes) + bytes;
    int64_t peak = peak_buffered_bytes.load();
    while (now > peak && !peak_buffered_bytes.compare_exchange_weak(peak, now)) {
    }
  }
};

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_SERVICE_STATE_H_
