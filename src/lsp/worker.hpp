#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace digestlint::lsp {

// Runs lint jobs on one background thread, so the message loop keeps answering (shutdown above
// all) while a big document is linted. Jobs are keyed by document: a newer job replaces a queued
// one for the same document and cancels a running one, whose results are then dropped.
class LintWorker {
 public:
  // A job polls `cancelled` between steps and stops early once it is set.
  using Job = std::function<void(const std::atomic<bool>& cancelled)>;

  LintWorker();
  ~LintWorker();  // cancels what runs and joins
  LintWorker(const LintWorker&) = delete;
  LintWorker& operator=(const LintWorker&) = delete;

  void post(const std::string& key, Job job);
  // Cancels the running job, drops the queued ones; true once the worker is idle within
  // `patience` (a job stuck inside one long analyzer step may take longer).
  bool stop(std::chrono::milliseconds patience);
  // Waits until nothing is queued or running (tests).
  void wait_idle();

 private:
  struct Running {
    std::string key;
    std::shared_ptr<std::atomic<bool>> cancelled;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<std::string, Job>> queue_;
  Running running_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace digestlint::lsp
