#include "rules/suppressions.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>

#include "parse/digest_parser.hpp"
#include "rules/config.hpp"
#include "rules/profile_loader.hpp"

namespace digestlint {
namespace {

Finding finding_at(const SourceFile& source, std::string_view needle, std::string rule) {
  const auto at = source.text().find(needle);
  REQUIRE(at != std::string_view::npos);
  return Finding{std::move(rule), Severity::warning, "m", "", {at, at + needle.size()}, {}, {}, {}};
}

struct Linted {
  SourceFile source;
  Digest digest;
  std::vector<Suppression> suppressions;
  explicit Linted(std::string text)
      : source("t.md", std::move(text)),
        digest(parse_digest(source, default_profile_set().find("daily-papers-2024-sections"))),
        suppressions(
            read_suppressions(source, read_directives(source, digest,
                                                      {"authors/placeholder", "authors/lowercase",
                                                       "text/truncated", "links/insecure-url"}))) {}
};

}  // namespace

TEST_CASE("suppressions: next-line covers only the next non-blank line") {
  Linted l(
      "## H\n\n<!-- digestlint-disable-next-line authors/placeholder -->\n\nAuthors: A, +, "
      "B\n\nAuthors: +\n");
  REQUIRE(l.suppressions.size() == 1);
  std::vector<Finding> findings{finding_at(l.source, "+, B", "authors/placeholder"),
                                finding_at(l.source, "+\n", "authors/placeholder")};
  apply_suppressions(l.suppressions, findings);
  REQUIRE(findings.size() == 1);
  CHECK(l.source.position(findings[0].span.begin).line == 7);
  CHECK(l.suppressions[0].used);
}

TEST_CASE("suppressions: disable/enable ranges, categories and whole files") {
  Linted l(
      "<!-- digestlint-disable-file text/truncated -->\n\nA truncated\n\n<!-- digestlint-disable "
      "authors -->\n\n"
      "Authors: +\n\n<!-- digestlint-enable -->\n\nAuthors: +\n\n<!-- digestlint-disable-next-line "
      "links/insecure-url -->\n\nx\n");
  REQUIRE(l.suppressions.size() == 3);
  std::vector<Finding> findings{
      finding_at(l.source, "A truncated", "text/truncated"),
      finding_at(l.source, "+\n\n<!-- digestlint-enable", "authors/placeholder"),
      finding_at(l.source, "+\n\n<!-- digestlint-disable-next", "authors/placeholder")};
  apply_suppressions(l.suppressions, findings);
  REQUIRE(findings.size() == 1);
  CHECK(l.source.position(findings[0].span.begin).line == 11);
  CHECK(l.suppressions[0].used);
  CHECK(l.suppressions[1].used);
  CHECK_FALSE(l.suppressions[2].used);
}

TEST_CASE("suppressions: comments of several lines are read, and skipped by next-line") {
  // libcmark-gfm ends such a comment's block a line early; the close is read all the same.
  Linted whole("<!--\n  digestlint-disable-file authors/placeholder\n-->\nAuthors: +\n");
  REQUIRE(whole.suppressions.size() == 1);
  Linted next(
      "## H\n\n<!-- digestlint-disable-next-line authors/placeholder -->\n<!--\n note\n-->\n"
      "Authors: A, +\n");
  REQUIRE(next.suppressions.size() == 1);
  std::vector<Finding> findings{finding_at(next.source, "+\n", "authors/placeholder")};
  apply_suppressions(next.suppressions, findings);
  CHECK(findings.empty());
}

TEST_CASE("suppressions: enabling one rule of a range keeps the others disabled") {
  Linted l(
      "<!-- digestlint-disable authors/placeholder, authors/lowercase -->\n\nAuthors: +\n\n"
      "<!-- digestlint-enable authors/placeholder -->\n\nAuthors: +, x\n");
  REQUIRE(l.suppressions.size() == 2);
  std::vector<Finding> findings{finding_at(l.source, "+\n\n<!--", "authors/placeholder"),
                                finding_at(l.source, "+, x", "authors/placeholder"),
                                finding_at(l.source, "x\n", "authors/lowercase")};
  apply_suppressions(l.suppressions, findings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == "authors/placeholder");
  CHECK(l.source.position(findings[0].span.begin).line == 7);
  CHECK(l.suppressions[0].comment == l.suppressions[1].comment);
}

TEST_CASE("suppressions: a block of next-line comments all point at the line after the block") {
  std::string text = "## H\n\n";
  for (int i = 0; i < 3; ++i) text += "<!-- digestlint-disable-next-line authors/placeholder -->\n";
  text += "\nAuthors: A, +\n<!-- digestlint-disable-next-line text/truncated -->\n";
  Linted l(text);
  REQUIRE(l.suppressions.size() == 4);
  const Span authors = l.source.line_span(7);
  for (int i = 0; i < 3; ++i) {
    CHECK(l.suppressions[i].begin == authors.begin);
    CHECK(l.suppressions[i].end == authors.end);
  }
  CHECK(l.suppressions[3].begin == l.source.text().size());  // no line after it: covers nothing
}

TEST_CASE("suppressions: an enable of other rules leaves every open range open") {
  std::string text;
  for (int i = 0; i < 3; ++i) text += "<!-- digestlint-disable authors/lowercase -->\n";
  text += "<!-- digestlint-enable text/truncated -->\n<!-- digestlint-enable authors -->\n";
  text += "<!-- digestlint-enable authors/lowercase -->\nAuthors: a\n";
  Linted l(text);
  REQUIRE(l.suppressions.size() == 3);
  const std::size_t closed_at = l.source.text().find("<!-- digestlint-enable authors/lowercase");
  for (const Suppression& s : l.suppressions) CHECK(s.end == closed_at);
}

TEST_CASE("suppressions: the sweep agrees with asking every suppression for every finding") {
  // The meaning of a suppression, written plainly: quadratic, so only for the test.
  const auto covers = [](const Suppression& s, const Finding& finding) {
    return !finding.internal && s.begin <= finding.span.begin && finding.span.begin < s.end &&
           (s.rules.empty() || std::any_of(s.rules.begin(), s.rules.end(), [&](const auto& r) {
              return selects(r, finding.rule_id);
            }));
  };
  const std::vector<std::vector<std::string>> rule_lists{
      {}, {"ALL"}, {"authors"}, {"authors/placeholder"}, {"text", "authors/lowercase"}, {"links"}};
  const std::vector<std::string> ids{"authors/placeholder", "authors/lowercase", "text/truncated",
                                     "links/insecure-url", "summary/title-mismatch"};
  std::uint32_t seed = 12345;
  const auto next = [&](std::uint32_t below) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % below;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<Suppression> suppressions;
    for (std::uint32_t n = next(6); n > 0; --n) {
      const std::size_t begin = next(60);
      suppressions.push_back({{0, 0}, rule_lists[next(6)], begin, begin + next(30), false});
    }
    std::vector<Finding> findings;
    for (std::uint32_t n = next(12); n > 0; --n) {
      const std::size_t at = next(90);
      findings.push_back(Finding{ids[next(5)],
                                 Severity::warning,
                                 std::to_string(findings.size()),
                                 "",
                                 {at, at + 1},
                                 {},
                                 {},
                                 {},
                                 next(8) == 0});
    }
    std::vector<Suppression> expected_suppressions = suppressions;
    std::vector<Finding> expected;
    for (const Finding& finding : findings) {
      bool covered = false;
      for (Suppression& s : expected_suppressions) {
        if (covers(s, finding)) covered = s.used = true;
      }
      if (!covered) expected.push_back(finding);
    }
    apply_suppressions(suppressions, findings);
    REQUIRE(findings.size() == expected.size());
    for (std::size_t i = 0; i < findings.size(); ++i)
      CHECK(findings[i].message == expected[i].message);
    for (std::size_t i = 0; i < suppressions.size(); ++i) {
      CHECK(suppressions[i].used == expected_suppressions[i].used);
    }
  }
}

}  // namespace digestlint

namespace digestlint {

TEST_CASE("directives: the exact grammar; anything else is invalid and suppresses nothing") {
  const std::vector<std::string> known{"authors/placeholder", "text/truncated"};
  const auto read = [&](std::string comment) {
    const SourceFile source("t.md", comment + "\nAuthors: A, +\n");
    return read_directives(
        source, parse_digest(source, default_profile_set().find("daily-papers-2024-sections")),
        known);
  };
  CHECK(read("<!-- digestlint-disable-next-line authors/placeholder -->").front().problem.empty());
  CHECK(read("<!-- digestlint-disable authors, text/truncated -->").front().problem.empty());
  CHECK(read("<!--digestlint-enable-->").front().problem.empty());
  for (const char* typo :
       {"<!-- digestlint-disable-line authors/placeholder -->",
        "<!-- digestlint-disable-nextline authors/placeholder -->",
        "<!-- digestlint-disablenext -->", "<!-- digestlint-disable-files -->"}) {
    const auto directives = read(typo);
    REQUIRE(directives.size() == 1);
    CHECK(directives.front().problem.find("unknown directive") != std::string::npos);
    const SourceFile source("t.md", std::string(typo) + "\nAuthors: A, +\n");
    CHECK(read_suppressions(source, directives).empty());
  }
  CHECK(read("<!-- digestlint-disable-nextline text/truncated -->")
            .front()
            .problem.find("did you mean 'digestlint-disable-next-line'") != std::string::npos);
  const auto unknown = read("<!-- digestlint-disable authors/placehodler -->");
  CHECK(unknown.front().problem.find("did you mean 'authors/placeholder'") != std::string::npos);
  CHECK(read("<!-- expect: authors/placeholder -->").empty());
  CHECK(read("<!-- DIGESTLINT-DISABLE-FILE text/truncated -->").front().problem ==
        "directives are written in lower case: 'digestlint-disable-file'");
  // After text on its line, a directive is part of that text.
  const auto in_text = read("Authors: A, + <!-- digestlint-disable-next-line authors -->");
  REQUIRE(in_text.size() == 1);
  CHECK(in_text.front().problem.find("after text on its line") != std::string::npos);
  CHECK(in_text.front().comment.begin == std::string_view("Authors: A, + ").size());
  // Shown as code, it is no directive: in a code span, or in a fenced block.
  CHECK(read("Write `<!-- digestlint-disable-next-line authors -->` above it.").empty());
  // Code spans pair runs of backticks as long as each other (CommonMark), not any two backticks:
  // a span of two holds a single one, and a lone backtick is literal.
  CHECK(read("Write ``a ` <!-- digestlint-disable authors --> b`` above it.").empty());
  CHECK(read("Authors: `A`, ` B <!-- digestlint-disable authors -->").size() == 1);
  CHECK(read("Authors: ``A` <!-- digestlint-disable authors --> `` <!-- digestlint-disable -->")
            .size() == 1);
  CHECK(read("```markdown\nAuthors: A <!-- digestlint-disable authors -->\n```").empty());
  CHECK(read("```\nx\n```\nAuthors: A <!-- digestlint-disable authors -->").size() == 1);
  // A fence of the other character, or a shorter one, is code too: the block goes on.
  CHECK(read("~~~\n```\nAuthors: A <!-- digestlint-disable authors -->\n~~~").empty());
  CHECK(read("````\n```\nAuthors: A <!-- digestlint-disable authors -->\n````").empty());
}

}  // namespace digestlint
