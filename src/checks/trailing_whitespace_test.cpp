#include <doctest/doctest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "checks/testing.hpp"
#include "random_pieces.hpp"
#include "rules/kinds/regex.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

TEST_CASE("trailing-whitespace reports the blanks before each line break, a CRLF's \\r with them") {
  const auto digest = parse("## Daily Papers (2024-10-02)  \r\n\t\nVote: 3 \t \nok\nend  ");
  const auto found = run("trailing-whitespace", digest);
  REQUIRE(found.size() == 4);
  CHECK(digest.slice(found[0].span) == "  \r");
  CHECK(digest.slice(found[1].span) == "\t");
  CHECK(digest.slice(found[2].span) == " \t ");
  CHECK(digest.slice(found[3].span) == "  ");
  CHECK(found[0].arg("match") == "  \r");
  // The fix keeps the line break as it was.
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->safe);
  CHECK(found[0].fix->replacement == "\r");
  REQUIRE(found[3].fix);
  CHECK(found[3].fix->replacement.empty());
  CHECK(testing::apply(digest, *found[2].fix).find("Vote: 3\nok") != std::string::npos);
}

TEST_CASE("trailing-whitespace's fix is unsafe where the blanks are a Markdown hard line break") {
  // Two spaces after text, before a line that is not blank: removing them joins the lines.
  const auto digest = parse("first line  \r\nsecond  \n\nthird \t \nfourth\t\t\nlast  ");
  const auto found = run("trailing-whitespace", digest);
  REQUIRE(found.size() == 5);
  REQUIRE(found[0].fix);
  CHECK_FALSE(found[0].fix->safe);  // before "second"
  CHECK(found[0].fix->description.find("hard line break") != std::string::npos);
  CHECK(found[1].fix->safe);  // before a blank line: no break
  CHECK(found[2].fix->safe);  // " \t ": ends in one space
  CHECK(found[3].fix->safe);  // tabs make no break
  CHECK(found[4].fix->safe);  // the end of the text
  // A line of blanks alone is a blank line, whatever follows.
  const auto blank = run("trailing-whitespace", parse("a\n   \nb"));
  REQUIRE(blank.size() == 1);
  CHECK(blank[0].fix->safe);
}

TEST_CASE("trailing-whitespace's fix is unsafe inside a fenced code block, where blanks are code") {
  // Fences of three or more backticks or tildes, up to three spaces in; a fence closes only with
  // its own marker, at least as long.
  const auto digest =
      parse("before \n```py \ncode \n~~~ \nmore \n````\nafter \n  ~~~~\nin tildes \n~~~~~\nend \n");
  const auto found = run("trailing-whitespace", digest);
  REQUIRE(found.size() == 8);
  const std::vector<bool> safe{true, true, false, false, false, true, false, true};
  for (std::size_t k = 0; k < safe.size(); ++k) {
    CAPTURE(k);
    REQUIRE(found[k].fix);
    CHECK(found[k].fix->safe == safe[k]);
  }
  // before, ```py (the fence itself), code, ~~~ (not its fence), more, after (past the ````
  // that closes it), in tildes, end (past the ~~~~~).
  CHECK(found[2].fix->description.find("fenced code block") != std::string::npos);
  // Two backticks are no fence; a fence indented four spaces is code of another kind.
  for (std::string_view text : {"``\nx  \ny\n", "    ```\nx  \ny\n"}) {
    CAPTURE(text);
    const auto other = run("trailing-whitespace", parse(text));
    REQUIRE(other.size() == 1);
    CHECK_FALSE(other[0].fix->safe);  // a hard line break, not code
    CHECK(other[0].fix->description.find("hard line break") != std::string::npos);
  }
}

TEST_CASE("trailing-whitespace leaves blanks inside a line alone; a lone \\r ends a line") {
  for (std::string_view text : {"", "\n", "a b\n", "no break", "a\r\n\r\n", "\t\tx\n"}) {
    CAPTURE(text);
    CHECK(run("trailing-whitespace", parse(text)).empty());
  }
  // The source reads a `\r` that no `\n` follows as a line break, as editors do.
  const auto digest = parse("a \rb");
  const auto found = run("trailing-whitespace", digest);
  REQUIRE(found.size() == 1);
  CHECK(found[0].span == Span{1, 2});
}

// The analyzer replaced the rule's pattern: on any text of the bytes that matter, it finds what the
// pattern found, span for span.
TEST_CASE("trailing-whitespace finds what (?m)[ \\t]+(\\r?)$ finds") {
  const RE2 pattern(R"((?m)[ \t]+(\r?)$)");
  REQUIRE(pattern.ok());
  std::mt19937 engine(7);
  const std::vector<std::string> pieces{" ", "\t", "\r", "\n", "a", "b"};
  for (int round = 0; round < 2000; ++round) {
    const std::string text = testing::random_pieces(engine, pieces, 24);
    CAPTURE(text);
    const auto digest = parse(text);
    std::vector<Span> expected;
    for_each_match(pattern, digest.text(), [&](std::size_t begin, std::size_t end, const auto&) {
      expected.push_back({begin, end});
    });
    std::vector<Span> found;
    for (const auto& reported : run("trailing-whitespace", digest)) found.push_back(reported.span);
    CHECK(found == expected);
  }
}

}  // namespace
}  // namespace digestlint
