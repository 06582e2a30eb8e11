#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

TEST_CASE("arxiv-id-future reports ids from after the digest's month") {
  const auto digest = parse(R"(## Daily Papers (2024-09-30)

### [Same month](https://arxiv.org/abs/2409.18869)

### [Earlier](https://arxiv.org/abs/2312.00001)

### [Next month](https://arxiv.org/abs/2410.01234v2)

### [Next year](https://arxiv.org/pdf/2501.00001)
)");
  const auto found = run("arxiv-id-future", digest);
  REQUIRE(found.size() == 2);
  CHECK(digest.slice(found[0].span) == "2410.01234v2");
  CHECK(found[0].arg("id") == "2410.01234");
  CHECK(found[0].arg("id_month") == "2024-10");
  CHECK(found[0].arg("date") == "2024-09-30");
  CHECK(found[1].arg("id_month") == "2025-01");
}

TEST_CASE("arxiv-id-future needs a valid header date") {
  const std::string future = "\n\n### [A](https://arxiv.org/abs/2410.01234)\n";
  CHECK(run("arxiv-id-future", parse(future)).empty());
  CHECK(run("arxiv-id-future", parse("## Daily Papers" + future)).empty());
  CHECK(run("arxiv-id-future", parse("## Daily Papers (2024-02-30)" + future)).empty());
  CHECK(run("arxiv-id-future", parse("## Daily Papers (2024-02-29)" + future)).size() == 1);
}

TEST_CASE("arxiv-id-future skips malformed links") {
  // 4 digits after the dot: malformed.
  const auto digest =
      parse("## Daily Papers (2024-09-30)\n\n### [A](https://arxiv.org/abs/2410.1234)\n");
  CHECK(run("arxiv-id-future", digest).empty());
}

}  // namespace
}  // namespace digestlint
