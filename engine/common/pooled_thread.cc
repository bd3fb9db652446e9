// File: engine/common/pooled_thread.cc

#include "engine/common/pooled_thread.h"

#include <deque>
#include <thread>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tessera {
namespace {

// Threads waiting for a body. Never destroyed: parked threads may still
// wait on it while the process exits.
class Parking {
 public:
  static Parking& Get() {
    static Parking* parking = new Parking;
    return *parking;
  }

  int parked() {
    absl::MutexLock lock(&mu_);
    return idle_ - static_cast<int>(waiting_.size());
  }

  int64_t started() {
    absl::MutexLock lock(&mu_);
    return started_;
  }

  void Run(std::function<void()> body) {
    {
      absl::MutexLock lock(&mu_);
      if (idle_ > static_cast<int>(waiting_.size())) {
        waiting_.push_back(std::move(body));
        return;
      }
      ++started_;
    }
    std::thread([this, body = std::move(body)]() mutable {
      body();
      body = nullptr;
      Park();
    }).detach();
  }

 private:
  // How long a finished thread waits for another body, and how many wait.
  static constexpr absl::Duration kParkFor = absl::Seconds(30);
  static constexpr int kMaxParked = 256;

  void Park() {
    while (true) {
      std::function<void()> body;
      {
        absl::MutexLock lock(&mu_);
        if (idle_ >= kMaxParked) return;
        ++idle_;
        auto has_work = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return !waiting_.empty(); };
        const bool got = mu_.AwaitWithTimeout(absl::Condition(&has_work), kParkFor);
        --idle_;
        if (!got) return;
        body = std::move(waiting_.front());
        waiting_.pop_front();
      }
      body();
    }
  }

  absl::Mutex mu_;
  int idle_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t started_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<std::function<void()>> waiting_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

struct PooledThread::Finished {
  absl::Mutex mu;
  bool done ABSL_GUARDED_BY(mu) = false;
};

PooledThread::PooledThread(std::function<void()> body) : finished_(std::make_shared<Finished>()) {
  Parking::Get().Run([finished = finished_, body = std::move(body)] {
    body();
    absl::MutexLock lock(&finished->mu);
    finished->done = true;
  });
}

PooledThread& PooledThread::operator=(PooledThread&& other) noexcept {
  if (this != &other) {
    join();
    finished_ = std::move(other.finished_);
  }
  return *this;
}

PooledThread::~PooledThread() { join(); }

void PooledThread::join() {
  if (finished_ == nullptr) return;
  {
    absl::MutexLock lock(&finished_->mu);
    finished_->mu.Await(absl::Condition(&finished_->done));
  }
  finished_ = nullptr;
}

void PooledThread::Detach(std::function<void()> body) { Parking::Get().Run(std::move(body)); }

int PooledThread::parked() { return Parking::Get().parked(); }

int64_t PooledThread::started() { return Parking::Get().started(); }

}  // namespace tessera
