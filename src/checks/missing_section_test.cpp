#include <doctest/doctest.h>

#include "checks/testing.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

using testing::DigestBuilder;
using testing::run;

using testing::kLexicons;
using testing::kParams;

TEST_CASE("missing-section reports an entry's missing sections once, on its heading") {
  const auto digest = DigestBuilder()
                          .entry("Complete", "https://arxiv.org/abs/2409.00001")
                          .section("What's New", "a")
                          .section("Technical Details", "b")
                          .section("Performance Highlights", "c")
                          .entry("Partial", "https://arxiv.org/abs/2409.00002")
                          .section("What's New", "a")
                          .entry("Empty", "https://arxiv.org/abs/2409.00003")
                          .build();
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
  const auto digest = DigestBuilder()
                          .entry("A", "https://arxiv.org/abs/2409.00001")
                          .section("what’s  new", "a")       // case, apostrophe, spacing
                          .section("Technical Detail", "b")  // typo: unknown-section's job
                          .section("Results", "c")           // unrelated: still missing
                          .build();
  const auto found = run("missing-section", digest, kParams, kLexicons);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("missing") == "'Performance Highlights' section");
}

TEST_CASE("missing-section takes an explicit list over the profile's") {
  const auto digest = DigestBuilder()
                          .profile("daily-papers-2024-sections")
                          .entry("A")
                          .section("Summary", "x")
                          .build();
  CHECK(run("missing-section", digest, "{sections: [Summary]}").empty());
  CHECK(run("missing-section", digest).size() == 1);  // one finding naming all three
  CHECK_THROWS_AS(run("missing-section", digest, "{sections: []}"), RuleError);
}

TEST_CASE("missing-section reads the profile: any bullet is a summary in the bullet eras") {
  const auto with_bullets = DigestBuilder()
                                .profile("daily-papers-2023-bullets")
                                .entry("A")
                                .section("", "첫 번째 요약입니다.")
                                .build();
  CHECK(run("missing-section", with_bullets).empty());
  const auto without = DigestBuilder().profile("daily-papers-2023-bullets").entry("B").build();
  const auto found = run("missing-section", without);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("missing") == "summary");
}

}  // namespace
}  // namespace digestlint
