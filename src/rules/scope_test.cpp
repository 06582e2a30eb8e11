// Targets: a field's text is a view of the file; a summary's joined text maps back to its
// sections in the source.
#include "rules/scope.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

const char* const kDigest =
    "## Daily Papers (2024-10-02)\n\n"
    "### [TideNet: Forecasting Tides](https://arxiv.org/abs/2410.01234)\n\n"
    "Vote: 12\n\nAuthors: Mina Park, Jonas Weber\n\n"
    "- **What's New**: TideNet은 조석을 예측합니다.\n"
    "- **Technical Details**: 127개 관측소를 씁니다.\n";

TEST_CASE("a field's target views the file, and maps its offsets onto the file") {
  const testing::TestDigest parsed = testing::parse(kDigest);
  TargetCache targets(parsed.digest, *parsed.source);
  const std::vector<Target>& authors = targets.of(Scope::author);
  REQUIRE(authors.size() == 2);
  const Target& jonas = authors[1];
  CHECK(jonas.text == "Jonas Weber");
  CHECK(jonas.joined == nullptr);
  const std::string_view file = parsed.text();
  CHECK(jonas.text.data() >= file.data());
  CHECK(jonas.text.data() + jonas.text.size() <= file.data() + file.size());
  CHECK(parsed.slice(jonas.to_source(6, 11)) == "Weber");
  // Offsets past the end are held to it.
  CHECK(jonas.to_source(6, 99) == jonas.to_source(6, 11));
  CHECK(jonas.to_source(99, 99) == Span{jonas.span.begin + 11, jonas.span.begin + 11});
}

TEST_CASE("a summary's target joins its sections and maps each part back to its section") {
  const testing::TestDigest parsed = testing::parse(kDigest);
  TargetCache targets(parsed.digest, *parsed.source);
  std::vector<Target> summaries = targets.of(Scope::summary);  // a copy, moved below
  REQUIRE(summaries.size() == 1);
  const std::vector<Target> moved = std::move(summaries);
  const Target& summary = moved.front();
  REQUIRE(summary.joined != nullptr);
  CHECK(summary.text == "TideNet은 조석을 예측합니다.\n127개 관측소를 씁니다.");
  const std::size_t second = summary.text.find("127");
  CHECK(parsed.slice(summary.to_source(second, second + 3)) == "127");
  CHECK(parsed.slice(summary.to_source(0, 7)) == "TideNet");
  // The joining '\n' has no place in the source: from the end of one section to the start of
  // the next.
  const Span newline = summary.to_source(second - 1, second);
  CHECK(parsed.slice({newline.begin - 1, newline.begin}) == ".");
  CHECK(newline.end == summary.to_source(second, second + 3).begin);
}

}  // namespace
}  // namespace digestlint
