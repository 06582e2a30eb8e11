#include "rules/parallel.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace digestlint {

TEST_CASE("parallel_for calls the work once for every item") {
  std::vector<std::atomic<int>> calls(1000);
  parallel_for(calls.size(), 4, [&](std::size_t i) { ++calls[i]; });
  CHECK(std::all_of(calls.begin(), calls.end(), [](const auto& n) { return n == 1; }));
}

TEST_CASE("parallel_for rethrows what the work threw, on whichever thread, once all stopped") {
  for (const std::size_t failing : {std::size_t{0}, std::size_t{51}, std::size_t{99}}) {
    std::atomic<int> running{0};
    const auto work = [&](std::size_t i) {
      if (i == failing) throw std::runtime_error("item failed");
      ++running;
      // Long enough that other threads are inside an item when one fails: returning before they
      // stop (a detached pool) would leave `running` above 0.
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --running;
    };
    CHECK_THROWS_WITH_AS(parallel_for(100, 4, work), "item failed", std::runtime_error);
    CHECK(running == 0);  // no thread still working when it returned
  }
}

}  // namespace digestlint
