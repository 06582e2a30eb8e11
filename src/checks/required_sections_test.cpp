#include <doctest/doctest.h>

#include "checks/testing.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

using testing::DigestBuilder;
using testing::run;

using testing::kLexicons;
using testing::kParams;

TEST_CASE("required-sections reports each missing section on the entry heading") {
  const auto digest = DigestBuilder()
                          .entry("Complete", "https://arxiv.org/abs/2409.00001")
                          .section("What's New", "a")
                          .section("Technical Details", "b")
                          .section("Performance Highlights", "c")
                          .entry("Partial", "https://arxiv.org/abs/2409.00002")
                          .section("What's New", "a")
                          .entry("Empty", "https://arxiv.org/abs/2409.00003")
                          .build();
  const auto found = run("required-sections", digest, kParams, kLexicons);
  REQUIRE(found.size() == 5);
  CHECK(digest.slice(found[0].span) == "### [Partial](https://arxiv.org/abs/2409.00002)");
  CHECK(found[0].arg("missing") == "Technical Details");
  CHECK(found[1].arg("missing") == "Performance Highlights");
  CHECK(digest.slice(found[2].span).starts_with("### [Empty]"));
  CHECK(found[2].arg("missing") == "What's New");
}

TEST_CASE("required-sections counts a variant or misspelt name as present") {
  const auto digest = DigestBuilder()
                          .entry("A", "https://arxiv.org/abs/2409.00001")
                          .section("what’s  new", "a")       // case, apostrophe, spacing
                          .section("Technical Detail", "b")  // typo: unknown-section's job
                          .section("Results", "c")           // unrelated: still missing
                          .build();
  const auto found = run("required-sections", digest, kParams, kLexicons);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("missing") == "Performance Highlights");
}

TEST_CASE("required-sections takes an explicit list and requires one") {
  const auto digest = DigestBuilder().entry("A").section("Summary", "x").build();
  CHECK(run("required-sections", digest, "{sections: [Summary]}").empty());
  CHECK_THROWS_AS(run("required-sections", digest, "{}"), RuleError);
}

}  // namespace
}  // namespace digestlint
