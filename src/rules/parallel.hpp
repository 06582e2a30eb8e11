#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace digestlint {

// Calls work(i) for every i < count on up to `jobs` threads, the calling one included; returns
// when all are done. Items are handed out one at a time, so uneven items balance. When work
// throws, no further item is started and the first exception is rethrown here once every thread
// has stopped (thrown on a thread of the pool, it would end the process).
template <typename Work>
void parallel_for(std::size_t count, unsigned jobs, const Work& work) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto run = [&] {
    try {
      for (std::size_t i = next++; i < count; i = next++) work(i);
    } catch (...) {
      next = count;
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  const unsigned threads = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(count)));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run);
    run();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace digestlint
