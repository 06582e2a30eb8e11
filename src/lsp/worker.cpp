#include "lsp/worker.hpp"

#include <algorithm>

namespace digestlint::lsp {

LintWorker::LintWorker() : thread_([this] { run(); }) {}

LintWorker::~LintWorker() {
  stop(std::chrono::milliseconds(0));
  thread_.join();
}

void LintWorker::post(const std::string& key, Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    std::erase_if(queue_, [&](const auto& queued) { return queued.first == key; });
    if (busy_ && running_.key == key) *running_.cancelled = true;
    queue_.emplace_back(key, std::move(job));
  }
  changed_.notify_all();
}

bool LintWorker::stop(std::chrono::milliseconds patience) {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  queue_.clear();
  if (busy_) *running_.cancelled = true;
  changed_.notify_all();
  return changed_.wait_for(lock, patience, [this] { return !busy_; });
}

void LintWorker::wait_idle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !busy_ && queue_.empty(); });
}

void LintWorker::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto [key, job] = std::move(queue_.front());
    queue_.pop_front();
    running_ = {key, std::make_shared<std::atomic<bool>>(false)};
    busy_ = true;
    const std::shared_ptr<std::atomic<bool>> cancelled = running_.cancelled;
    lock.unlock();
    job(*cancelled);
    lock.lock();
    busy_ = false;
    changed_.notify_all();
  }
}

}  // namespace digestlint::lsp
