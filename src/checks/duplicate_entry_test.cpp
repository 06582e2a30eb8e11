#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::DigestBuilder;
using testing::run;

TEST_CASE("duplicate-entry reports a repeated arXiv id, ignoring the version") {
  const auto digest = DigestBuilder()
                          .header("2024-09-30")
                          .entry("Kestrel", "https://arxiv.org/abs/2409.18869")
                          .entry("Other", "https://arxiv.org/abs/2409.17692")
                          .entry("Kestrel again, renamed", "https://arxiv.org/pdf/2409.18869v2")
                          .build();
  const auto found = run("duplicate-entry", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span).starts_with("### [Kestrel again, renamed]"));
  CHECK(found[0].arg("key") == "arXiv id 2409.18869");
  CHECK(found[0].arg("first_line") == "3");
  CHECK(found[0].arg("first_entry") == "1");
  REQUIRE(found[0].related.size() == 1);
  CHECK(digest.slice(found[0].related[0].span) ==
        "### [Kestrel](https://arxiv.org/abs/2409.18869)");
  CHECK(found[0].related[0].path.empty());
}

TEST_CASE("duplicate-entry reports a repeated title up to case and punctuation") {
  const auto digest =
      DigestBuilder()
          .entry("Kestrel-2: Sparse Routing for Speech", "https://arxiv.org/abs/2409.18869")
          .entry("kestrel 2 — sparse  routing for speech", "https://arxiv.org/abs/2409.99999")
          .entry("Kestrel-2: Sparse Routing for Speeches", "https://arxiv.org/abs/2409.11111")
          .build();
  const auto found = run("duplicate-entry", digest);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("key") == "title 'kestrel 2 — sparse  routing for speech'");
  CHECK(found[0].arg("first_entry") == "1");
}

TEST_CASE("duplicate-entry reports each later copy once, against the first") {
  const auto digest = DigestBuilder()
                          .entry("A", "https://arxiv.org/abs/2409.00001")
                          .entry("A", "https://arxiv.org/abs/2409.00001")
                          .entry("A", "https://arxiv.org/abs/2409.00001")
                          .build();
  const auto found = run("duplicate-entry", digest);
  REQUIRE(found.size() == 2);
  CHECK(found[0].arg("first_entry") == "1");
  CHECK(found[1].arg("first_entry") == "1");
  CHECK(found[1].arg("key") == "arXiv id 2409.00001");
}

TEST_CASE("duplicate-entry accepts distinct entries") {
  const auto digest = DigestBuilder()
                          .entry("A", "https://arxiv.org/abs/2409.00001")
                          .entry("B", "https://arxiv.org/abs/2409.00002")
                          .entry("", "https://arxiv.org/abs/2409.00003")
                          .entry("", "https://arxiv.org/abs/2409.00004")  // empty titles
                          .build();
  CHECK(run("duplicate-entry", digest).empty());
}

}  // namespace
}  // namespace digestlint
