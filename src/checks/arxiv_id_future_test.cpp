#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::DigestBuilder;
using testing::run;

TEST_CASE("arxiv-id-future reports ids from after the digest's month") {
  const auto digest = DigestBuilder()
                          .header("2024-09-30")
                          .entry("Same month", "https://arxiv.org/abs/2409.18869")
                          .entry("Earlier", "https://arxiv.org/abs/2312.00001")
                          .entry("Next month", "https://arxiv.org/abs/2410.01234v2")
                          .entry("Next year", "https://arxiv.org/pdf/2501.00001")
                          .build();
  const auto found = run("arxiv-id-future", digest);
  REQUIRE(found.size() == 2);
  CHECK(digest.slice(found[0].span) == "2410.01234v2");
  CHECK(found[0].arg("id") == "2410.01234");
  CHECK(found[0].arg("id_month") == "2024-10");
  CHECK(found[0].arg("date") == "2024-09-30");
  CHECK(found[1].arg("id_month") == "2025-01");
}

TEST_CASE("arxiv-id-future needs a valid header date") {
  const char* future = "https://arxiv.org/abs/2410.01234";
  CHECK(run("arxiv-id-future", DigestBuilder().entry("A", future).build()).empty());
  CHECK(run("arxiv-id-future",
            DigestBuilder().header_line("## Daily Papers").entry("A", future).build())
            .empty());
  CHECK(run("arxiv-id-future", DigestBuilder().header("2024-02-30").entry("A", future).build())
            .empty());
  CHECK(run("arxiv-id-future", DigestBuilder().header("2024-02-29").entry("A", future).build())
            .size() == 1);
}

TEST_CASE("arxiv-id-future skips malformed links") {
  const auto digest = DigestBuilder()
                          .header("2024-09-30")
                          .entry("A", "https://arxiv.org/abs/2410.1234")  // 4 digits: malformed
                          .build();
  CHECK(run("arxiv-id-future", digest).empty());
}

}  // namespace
}  // namespace digestlint
