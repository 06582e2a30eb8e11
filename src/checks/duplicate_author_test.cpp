#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

TEST_CASE("duplicate-author reports the later name with a fix removing it") {
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

Authors: Ada Lovelace, Alan Turing, ada  lovelace, Grace Hopper
)");
  const auto found = run("duplicate-author", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "ada  lovelace");
  CHECK(found[0].arg("author") == "ada  lovelace");
  REQUIRE(found[0].related.size() == 1);
  CHECK(digest.slice(found[0].related[0].span) == "Ada Lovelace");
  REQUIRE(found[0].fix);
  CHECK_FALSE(found[0].fix->safe);  // two co-authors can share a name
  CHECK(testing::apply(digest, *found[0].fix)
            .find("Authors: Ada Lovelace, Alan Turing, Grace Hopper\n") != std::string::npos);
}

TEST_CASE("duplicate-author ignores spacing inside names and checks entries separately") {
  // The same author in another entry is fine.
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

Authors: Mei Ling Park, MeiLing Park

### [B](https://arxiv.org/abs/2409.00002)

Authors: Mei Ling Park, Omar Haddad
)");
  const auto found = run("duplicate-author", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "MeiLing Park");
}

TEST_CASE("duplicate-author ignores placeholders and distinct names") {
  const auto digest = parse(
      "### [A](https://arxiv.org/abs/2409.00001)\n\nAuthors: Jun Ito, +, Ana Ruiz, +, Jun Itoh\n");
  CHECK(run("duplicate-author", digest).empty());
}

TEST_CASE("duplicate-author lets a profile allow repeats right after the name, not later ones") {
  // The bullet era lists each author who claimed the paper twice in a row.
  const std::string markdown =
      "### [A](https://arxiv.org/abs/2401.00001)\n\n"
      "Authors: Yixin Song, Yixin Song, Ana Ruiz, +, Ana Ruiz, Jun Ito, Yixin Song\n";
  const auto allowed = parse(markdown, "daily-papers-2023-bullets");
  const auto found = run("duplicate-author", allowed);
  // "Ana Ruiz" after a placeholder still repeats the name just before it, as written with a word.
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("author") == "Yixin Song");
  CHECK(found[0].span.begin == markdown.rfind("Yixin Song"));
  REQUIRE(found[0].related.size() == 1);
  CHECK(found[0].related[0].span.begin == markdown.find("Yixin Song"));
  // Where the profile does not allow them, every later listing is reported against the first.
  CHECK(run("duplicate-author", parse(markdown)).size() == 3);
}

}  // namespace
}  // namespace digestlint
