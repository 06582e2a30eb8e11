#include "profile/detect.hpp"

#include <doctest/doctest.h>

#include "rules/profile_loader.hpp"

namespace digestlint {
namespace {

ProfileChoice detect(std::string_view text) {
  return detect_profile(text, default_profile_set());
}

std::string profile_of(std::string_view text) {
  const ProfileChoice choice = detect(text);
  return choice.profile ? choice.profile->name : "(skipped)";
}

TEST_CASE("detect: the header date picks the era") {
  CHECK(profile_of("## Daily Papers (2023-11-20)\n") == "daily-papers-2023-plain");
  CHECK(profile_of("## Daily Papers (2024-02-01)\n") == "daily-papers-2023-bullets");
  CHECK(profile_of("## Daily Papers (2024-06-12)\n") == "daily-papers-2024-sections");
  CHECK(profile_of("## Daily Papers (2024-10-18)\n") == "daily-papers-2024-triple");
  CHECK(profile_of("## Daily Papers (2025-3-3)\n") == "daily-papers-2024-triple");
  const ProfileChoice choice = detect("## Daily Papers (2024-10-02)\n");
  CHECK(choice.reason == "header date 2024-10-02 is in 2024-06-12..2024-10-17");
}

TEST_CASE("detect: without a usable date the labels decide") {
  CHECK(profile_of("## Daily Papers\n\n### [A](https://arxiv.org/abs/2411.00001)\n\n"
                   "- ***What's New***: x\n") == "daily-papers-2024-triple");
  CHECK(profile_of("## Daily Papers (30.09.2024)\n\n- **What's New**: x\n") ==
        "daily-papers-2024-sections");
}

TEST_CASE("detect: paper headings without a header get the fallback profile") {
  const ProfileChoice choice = detect("### [A](https://arxiv.org/abs/2410.00001)\n");
  REQUIRE(choice.profile);
  CHECK(choice.profile->name == "daily-papers-2024-sections");
}

TEST_CASE("detect: newsletters and files that are not digests") {
  CHECK(profile_of("## New uploads on arXiv(cs.CL)\r\n\r\n### T (https://arxiv.org/abs/1)\r\n") ==
        "arxiv-newsletter");
  const ProfileChoice readme = detect("# tool\n\n## Usage\n\n### Configuration\n");
  CHECK_FALSE(readme.profile);
  CHECK(readme.reason.starts_with("not a digest"));
  CHECK(profile_of("# Changelog\n\n## [1.2.0] - 2024-10-02\n\n### [1.1.0](https://x.org/r)\n") ==
        "(skipped)");
}

}  // namespace
}  // namespace digestlint
