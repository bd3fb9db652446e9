// File: engine/common/pooled_thread.h
//
// A joinable thread whose body runs on a parked thread when one is idle.
// A query starts a thread per remote scan and per build read ahead, a
// patient's record some fifty of them; creating and ending each (mapping a
// stack, a malloc arena to free, the TLB shootdowns of unmapping) cost a
// noticeable part of a small query's CPU. A finished thread parks for a
// while instead, and the next body reuses it. Every body still gets a
// thread of its own at once, as with std::thread, so bodies may wait on
// each other without deadlock.

#ifndef TESSERA_ENGINE_COMMON_POOLED_THREAD_H_
#define TESSERA_ENGINE_COMMON_POOLED_THREAD_H_

#include <cstdint>
#include <functional>
#include <memory>

namespace tessera {

class PooledThread {
 public:
  PooledThread() = default;
  // Starts `body` at once, on an idle parked thread or a new one.
  explicit PooledThread(std::function<void()> body);
  PooledThread(PooledThread&&) noexcept = default;
  PooledThread& operator=(PooledThread&& other) noexcept;
  PooledThread(const PooledThread&) = delete;
  PooledThread& operator=(const PooledThread&) = delete;
  ~PooledThread();  // Joins.

  bool joinable() const { return finished_ != nullptr; }
  // Waits until the body has returned.
  void join();

  // Runs `body` like a detached thread.
  static void Detach(std::function<void()> body);

  // Threads parked, waiting for a body; threads started since the process began.
  static int parked();
  static int64_t started();

 private:
  struct Finished;
  std::shared_ptr<Finished> finished_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_COMMON_POOLED_THREAD_H_
