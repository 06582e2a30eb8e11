#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

TEST_CASE("duplicate-entry reports a repeated arXiv id, ignoring the version") {
  const auto digest = parse(R"(## Daily Papers (2024-09-30)

### [Kestrel](https://arxiv.org/abs/2409.18869)

### [Other](https://arxiv.org/abs/2409.17692)

### [Kestrel again, renamed](https://arxiv.org/pdf/2409.18869v2)
)");
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
      parse(R"(### [Kestrel-2: Sparse Routing for Speech](https://arxiv.org/abs/2409.18869)

### [kestrel 2 — sparse  routing for speech](https://arxiv.org/abs/2409.99999)

### [Kestrel-2: Sparse Routing for Speeches](https://arxiv.org/abs/2409.11111)
)");
  const auto found = run("duplicate-entry", digest);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("key") == "title 'kestrel 2 — sparse  routing for speech'");
  CHECK(found[0].arg("first_entry") == "1");
}

TEST_CASE("duplicate-entry folds the case of Latin, Greek and fullwidth letters in titles") {
  const auto digest =
      parse(R"(### [Ünïcode_ΑΒΓ: 한국어 Ｆｕｌｌ 2](https://arxiv.org/abs/2409.00001)

### [ünïcode αβγ — 한국어 ｆｕｌｌ 2](https://arxiv.org/abs/2409.00002)

### [Ünïcode ΑΒΔ: 한국어 Ｆｕｌｌ 2](https://arxiv.org/abs/2409.00003)

### [Ünïcode ΑΒΓ: 한국어 Ｆｕｌｌ 22](https://arxiv.org/abs/2409.00004)
)");
  const auto found = run("duplicate-entry", digest);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("key") == "title 'ünïcode αβγ — 한국어 ｆｕｌｌ 2'");
  CHECK(found[0].arg("first_entry") == "1");
}

TEST_CASE("duplicate-entry reports each later copy once, against the first") {
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

### [A](https://arxiv.org/abs/2409.00001)

### [A](https://arxiv.org/abs/2409.00001)
)");
  const auto found = run("duplicate-entry", digest);
  REQUIRE(found.size() == 2);
  CHECK(found[0].arg("first_entry") == "1");
  CHECK(found[1].arg("first_entry") == "1");
  CHECK(found[1].arg("key") == "arXiv id 2409.00001");
}

TEST_CASE("duplicate-entry accepts distinct entries") {
  // Two empty titles are not the same paper.
  const auto digest = parse(R"(### [A](https://arxiv.org/abs/2409.00001)

### [B](https://arxiv.org/abs/2409.00002)

### [](https://arxiv.org/abs/2409.00003)

### [](https://arxiv.org/abs/2409.00004)
)");
  CHECK(run("duplicate-entry", digest).empty());
}

}  // namespace
}  // namespace digestlint
