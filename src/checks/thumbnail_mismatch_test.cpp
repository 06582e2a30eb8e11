#include <doctest/doctest.h>
#include <fmt/format.h>

#include "checks/testing.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

constexpr const char* kCdn = "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/";
// The default pack's parameters (rules/links.yaml).
constexpr const char* kParams =
    "{thumbnail-template: "
    "'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{id}.png'}";

// An entry linking to `link`, with `thumbnail` below its heading when there is one.
std::string entry(std::string_view title, std::string_view link, std::string_view thumbnail = {}) {
  std::string markdown = fmt::format("### [{}]({})\n\n", title, link);
  if (!thumbnail.empty()) markdown += fmt::format("![]({})\n\n", thumbnail);
  return markdown;
}

TEST_CASE("thumbnail-mismatch accepts the paper's own thumbnail") {
  const auto digest =
      parse(entry("A", "https://arxiv.org/abs/2409.18869v2", std::string(kCdn) + "2409.18869.png") +
            entry("B", "https://arxiv.org/abs/2409.17692"));  // no thumbnail at all
  CHECK(run("thumbnail-mismatch", digest, kParams).empty());
}

TEST_CASE("thumbnail-mismatch reports another entry's thumbnail with a safe fix") {
  const auto digest =
      parse(entry("A", "https://arxiv.org/abs/2409.18869", std::string(kCdn) + "2409.17692.png") +
            entry("B", "https://arxiv.org/abs/2409.17692", std::string(kCdn) + "2409.17692.png"));
  const auto found = run("thumbnail-mismatch", digest, kParams);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == std::string(kCdn) + "2409.17692.png");
  CHECK(found[0].arg("link_id") == "2409.18869");
  CHECK(found[0].arg("thumbnail_id") == "2409.17692");
  CHECK(found[0].arg("problem") == "the thumbnail shows 2409.17692, the link is 2409.18869");
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->safe);
  CHECK(found[0].fix->span == found[0].span);
  CHECK(testing::apply(digest, *found[0].fix).find(std::string(kCdn) + "2409.18869.png)") !=
        std::string::npos);
}

TEST_CASE("thumbnail-mismatch reports absolute thumbnails without an id") {
  const auto digest = parse(entry("A", "https://arxiv.org/abs/2409.18869",
                                  "https://huggingface.co/avatars/0123abcd.svg") +
                            entry("B", "https://arxiv.org/abs/2409.17692",
                                  "/avatars/0123abcd.svg"));  // relative: links/relative-url
  const auto found = run("thumbnail-mismatch", digest, kParams);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("thumbnail_id") == "");
  CHECK(found[0].arg("problem") == "the thumbnail has no arXiv id, the link is 2409.18869");
  CHECK(run("thumbnail-mismatch", digest,
            "{require-id: false, thumbnail-template: 'https://img.example/{id}.jpg'}")
            .empty());
}

TEST_CASE("thumbnail-mismatch uses the thumbnail template") {
  const auto digest =
      parse(entry("A", "https://arxiv.org/abs/2409.18869", "https://img.example/2409.00001.png"));
  const auto found =
      run("thumbnail-mismatch", digest, "{thumbnail-template: 'https://img.example/{id}.jpg'}");
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->replacement == "https://img.example/2409.18869.jpg");
  CHECK_THROWS_AS(run("thumbnail-mismatch", digest, "{thumbnail-template: 'https://x/a.png'}"),
                  RuleError);
  CHECK_THROWS_AS(run("thumbnail-mismatch", digest), RuleError);  // the pack names the host
}

TEST_CASE("thumbnail-mismatch skips entries without a valid arXiv link") {
  const auto digest =
      parse(entry("A", "https://arxiv.org/abs/2409.1886", std::string(kCdn) + "2409.17692.png"));
  CHECK(run("thumbnail-mismatch", digest, kParams).empty());
}

TEST_CASE("thumbnail-mismatch leaves uploaded figures and videos alone") {
  for (const std::string_view url :
       {"https://cdn-uploads.huggingface.co/production/uploads/5f1a2b/FigA1.png",
        "https://cdn-uploads.huggingface.co/production/uploads/5f1a2b/Demo.mp4"}) {
    const auto digest =
        parse(entry("A", "https://arxiv.org/abs/2401.07001", url), "daily-papers-2023-bullets");
    CHECK(run("thumbnail-mismatch", digest, kParams).empty());
  }
}

TEST_CASE("thumbnail-mismatch: a paper the digest never links may be the right one") {
  const auto digest =
      parse(entry("A", "https://arxiv.org/abs/2409.18869", std::string(kCdn) + "2409.17692.png"));
  const auto found = run("thumbnail-mismatch", digest, kParams);
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix);
  CHECK_FALSE(found[0].fix->safe);  // the link may be the wrong side
}

TEST_CASE("thumbnail-mismatch offers only an unsafe fix for an avatar or an unknown image") {
  for (const std::string_view url : {"https://cdn-avatars.huggingface.co/v1/production/a1.png",
                                     "https://example.org/figure.png"}) {
    const auto digest = parse(entry("A", "https://arxiv.org/abs/2409.18869", url));
    const auto found = run("thumbnail-mismatch", digest, kParams);
    REQUIRE(found.size() == 1);
    REQUIRE(found[0].fix);
    CHECK_FALSE(found[0].fix->safe);
  }
}

}  // namespace
}  // namespace digestlint
