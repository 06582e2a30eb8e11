#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

using testing::kLexicons;
using testing::kParams;

TEST_CASE("unknown-section accepts the known names") {
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

- **What's New**: a
- **Technical Details**: b
- **Performance Highlights**: c
)");
  CHECK(run("unknown-section", digest, kParams, kLexicons).empty());
}

TEST_CASE("unknown-section suggests the closest name") {
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

- **Technical Detials**: a
- **Performance**: b
- **Limitations**: c
)");
  const auto found = run("unknown-section", digest, kParams, kLexicons);
  REQUIRE(found.size() == 3);
  CHECK(digest.slice(found[0].span) == "Technical Detials");
  CHECK(found[0].arg("name") == "Technical Detials");
  CHECK(found[0].arg("suggestion") == "Technical Details");
  CHECK(found[0].arg("known") == "What's New, Technical Details, Performance Highlights");
  REQUIRE(found[0].fix);
  CHECK_FALSE(found[0].fix->safe);  // a misspelling: confirm before renaming
  CHECK(found[0].fix->replacement == "Technical Details");
  CHECK(found[1].arg("suggestion") == "Performance Highlights");
  CHECK_FALSE(found[1].fix);  // too far from any known name to rename blindly
  CHECK_FALSE(found[2].fix);
}

TEST_CASE("unknown-section renames case and apostrophe variants safely") {
  const auto digest = parse("### [A](https://arxiv.org/abs/2409.00001)\n\n- **What’s new**: a\n");
  const auto found = run("unknown-section", digest, kParams, kLexicons);
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->safe);
  CHECK(testing::apply(digest, *found[0].fix).find("- **What's New**: a") != std::string::npos);
}

TEST_CASE("unknown-section reads the profile: aliases and extra sections are fine, typos not") {
  // U+2019 in What’s New: an alias in the profile; Datasets: an extra section it allows.
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

- **What’s New**: a
- **Technical Details**: b
- **Performance Higlights**: c
- **Datasets**: d
)");
  const auto found = run("unknown-section", digest);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("name") == "Performance Higlights");
  CHECK(found[0].arg("known") == "What's New, Technical Details, Performance Highlights");
}

TEST_CASE("unknown-section has nothing to check in an untitled-bullet profile") {
  const auto digest = parse("### [A](https://arxiv.org/abs/2401.00001)\n\n- **Anything**: a\n",
                            "daily-papers-2023-bullets");
  CHECK(run("unknown-section", digest).empty());
}

}  // namespace
}  // namespace digestlint
