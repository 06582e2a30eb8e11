#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

TEST_CASE("arxiv-malformed accepts abs and pdf links") {
  // C has no link at all: not this rule's business.
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.18869)

### [B](http://arxiv.org/pdf/2409.18870v2)

### C
)");
  CHECK(run("arxiv-malformed", digest).empty());
}

TEST_CASE("arxiv-malformed reports the broken part of a malformed link") {
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.1886)

### [B](https://www.arxiv.org/abs/2409.18869)

### [C](https://arxiv.org/html/2409.18869)
)");
  const auto found = run("arxiv-malformed", digest);
  REQUIRE(found.size() == 3);
  CHECK(digest.slice(found[0].span) == "2409.1886");
  CHECK(found[0].arg("problem") ==
        "'2409.1886' has 4 digits after the dot; ids from 2015 on have 5");
  CHECK(found[0].arg("url") == "https://arxiv.org/abs/2409.1886");
  CHECK(digest.slice(found[1].span) == "www.arxiv.org");
  CHECK(digest.slice(found[2].span) == "/html");
  CHECK_FALSE(found[0].fix);
}

TEST_CASE("arxiv-malformed reports other hosts unless allow-other-hosts") {
  const auto digest = parse("### [A](https://github.com/org/repo)\n\n### [B](/papers/x)\n");
  const auto found = run("arxiv-malformed", digest);
  REQUIRE(found.size() == 2);
  CHECK(digest.slice(found[0].span) == "https://github.com/org/repo");
  CHECK(found[0].arg("problem") == "the link points to github.com, not arxiv.org");
  CHECK(run("arxiv-malformed", digest, "{allow-other-hosts: true}").empty());
  // Still an error when the link is meant for arXiv.
  const auto broken = parse("### [A](https://arxiv.org/abs/2413.00001)\n");
  CHECK(run("arxiv-malformed", broken, "{allow-other-hosts: true}").size() == 1);
}

}  // namespace
}  // namespace digestlint
