#include "rules/parallel.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <vector>

namespace digestlint {

TEST_CASE("parallel_for calls the work once for every item") {
  std::vector<std::atomic<int>> calls(1000);
  parallel_for(calls.size(), 4, [&](std::size_t i) { ++calls[i]; });
  CHECK(std::all_of(calls.begin(), calls.end(), [](const auto& n) { return n == 1; }));
}

TEST_CASE("parallel_for rethrows what the work threw, on whichever thread, once all stopped") {
  for (const std::size_t failing : {std::size_t{0}, std::size_t{501}, std::size_t{999}}) {
    std::atomic<int> running{0};
    const auto work = [&](std::size_t i) {
      ++running;
      if (i == failing) {
        --running;
        throw std::runtime_error("item failed");
      }
      --running;
    };
    CHECK_THROWS_WITH_AS(parallel_for(1000, 4, work), "item failed", std::runtime_error);
    CHECK(running == 0);  // no thread still working when it returned
  }
}

}  // namespace digestlint
