#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::DigestBuilder;
using testing::run;

TEST_CASE("duplicate-author reports the later name with a fix removing it") {
  const auto digest = DigestBuilder()
                          .entry("A")
                          .authors({"Ada Lovelace", "Alan Turing", "ada  lovelace", "Grace Hopper"})
                          .build();
  const auto found = run("duplicate-author", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "ada  lovelace");
  CHECK(found[0].arg("author") == "ada  lovelace");
  REQUIRE(found[0].related.size() == 1);
  CHECK(digest.slice(found[0].related[0].span) == "Ada Lovelace");
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->safe);
  CHECK(testing::apply(digest, *found[0].fix)
            .find("Authors: Ada Lovelace, Alan Turing, Grace Hopper\n") != std::string::npos);
}

TEST_CASE("duplicate-author ignores spacing inside names and checks entries separately") {
  const auto digest = DigestBuilder()
                          .entry("A")
                          .authors({"Mei Ling Park", "MeiLing Park"})
                          .entry("B")
                          .authors({"Mei Ling Park", "Omar Haddad"})  // same author, other entry
                          .build();
  const auto found = run("duplicate-author", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "MeiLing Park");
}

TEST_CASE("duplicate-author ignores placeholders and distinct names") {
  const auto digest =
      DigestBuilder().entry("A").authors({"Jun Ito", "+", "Ana Ruiz", "+", "Jun Itoh"}).build();
  CHECK(run("duplicate-author", digest).empty());
}

}  // namespace
}  // namespace digestlint
