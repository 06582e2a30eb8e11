#include "lsp/worker.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace digestlint::lsp;

TEST_CASE("worker: a newer job for a document replaces the queued one and cancels the running") {
  LintWorker worker;
  std::mutex mutex;
  std::vector<std::string> done;
  std::atomic<bool> started = false;
  std::atomic<bool> release = false;
  bool first_cancelled = false;
  worker.post("a", [&](const std::atomic<bool>& cancelled) {
    started = true;
    while (!release && !cancelled) std::this_thread::yield();
    first_cancelled = cancelled;
  });
  while (!started) std::this_thread::yield();
  const auto record = [&](std::string name) {
    return [&, name](const std::atomic<bool>&) {
      std::lock_guard lock(mutex);
      done.push_back(name);
    };
  };
  worker.post("b", record("b1"));
  worker.post("b", record("b2"));  // replaces b1, still queued
  worker.post("a", record("a2"));  // cancels the running job of "a"
  worker.wait_idle();
  CHECK(first_cancelled);
  CHECK(done == std::vector<std::string>{"b2", "a2"});
}

TEST_CASE("worker: stop cancels what runs and reports whether it ended in time") {
  LintWorker worker;
  std::atomic<bool> started = false;
  worker.post("a", [&](const std::atomic<bool>& cancelled) {
    started = true;
    while (!cancelled) std::this_thread::yield();
  });
  while (!started) std::this_thread::yield();
  CHECK(worker.stop(std::chrono::milliseconds(1000)));
  bool ran = false;
  worker.post("b", [&](const std::atomic<bool>&) { ran = true; });
  CHECK_FALSE(ran);
}
