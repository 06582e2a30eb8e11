#include <doctest/doctest.h>

#include "checks/testing.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

using testing::kLexicons;
using testing::kParams;

TEST_CASE("missing-section reports an entry's missing sections once, on its heading") {
  const auto digest = parse(R"(### [Complete](https://arxiv.org/abs/2409.00001)

- **What's New**: a
- **Technical Details**: b
- **Performance Highlights**: c

### [Partial](https://arxiv.org/abs/2409.00002)

- **What's New**: a

### [Empty](https://arxiv.org/abs/2409.00003)
)");
  const auto found = run("missing-section", digest, kParams, kLexicons);
  REQUIRE(found.size() == 2);
  CHECK(digest.slice(found[0].span) == "### [Partial](https://arxiv.org/abs/2409.00002)");
  CHECK(found[0].arg("missing") == "'Technical Details' and 'Performance Highlights' sections");
  CHECK(found[0].arg("label") == "- **Technical Details**: ");
  CHECK(digest.slice(found[1].span).starts_with("### [Empty]"));
  CHECK(found[1].arg("missing") ==
        "'What's New', 'Technical Details' and 'Performance Highlights' sections");
}

TEST_CASE("missing-section counts a variant or misspelt name as present") {
  // Case, apostrophe and spacing; a typo (unknown-section's job); an unrelated name (still
  // missing).
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

- **what’s  new**: a
- **Technical Detail**: b
- **Results**: c
)");
  const auto found = run("missing-section", digest, kParams, kLexicons);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("missing") == "'Performance Highlights' section");
}

TEST_CASE("missing-section takes an explicit list over the profile's") {
  const auto digest = parse("### [A](https://arxiv.org/abs/2409.00001)\n\n- **Summary**: x\n");
  CHECK(run("missing-section", digest, "{sections: [Summary]}").empty());
  CHECK(run("missing-section", digest).size() == 1);  // one finding naming all three
  CHECK_THROWS_AS(run("missing-section", digest, "{sections: []}"), RuleError);
}

TEST_CASE("missing-section reads the profile: any bullet is a summary in the bullet eras") {
  const auto with_bullets =
      parse("### [A](https://arxiv.org/abs/2401.00001)\n\n- 첫 번째 요약입니다.\n",
            "daily-papers-2023-bullets");
  CHECK(run("missing-section", with_bullets).empty());
  const auto without =
      parse("### [B](https://arxiv.org/abs/2401.00002)\n", "daily-papers-2023-bullets");
  const auto found = run("missing-section", without);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("missing") == "summary");
}

}  // namespace
}  // namespace digestlint
