#include "checks/arxiv_id.hpp"

#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint::checks {
namespace {

std::string problem_of(std::string_view token) {
  std::string problem;
  CHECK_FALSE(parse_arxiv_id(token, &problem));
  return problem;
}

TEST_CASE("new-style ids: digits per era, month, version") {
  const auto id = parse_arxiv_id("2409.18869v2");
  REQUIRE(id);
  CHECK(id->base == "2409.18869");
  CHECK(id->year == 2024);
  CHECK(id->month == 9);
  CHECK(id->version == 2);
  CHECK(id->year_month() == 202409);
  CHECK_FALSE(id->old_style);

  CHECK(parse_arxiv_id("0704.0001"));   // the first new-style id
  CHECK(parse_arxiv_id("1412.9999"));   // 4 digits until the end of 2014
  CHECK(parse_arxiv_id("1501.00001"));  // 5 digits from 2015
  CHECK(problem_of("1501.0001") ==
        "'1501.0001' has 4 digits after the dot; ids from 2015 on have 5");
  CHECK(problem_of("1412.00001") ==
        "'1412.00001' has 5 digits after the dot; ids from April 2007 to December 2014 have 4");
  CHECK(problem_of("2413.01234") == "month 13 does not exist in '2413.01234'");
  CHECK(problem_of("2400.01234") == "month 00 does not exist in '2400.01234'");
  CHECK(problem_of("0703.0001") == "'0703.0001' predates new-style ids, which start at 0704");
  CHECK(problem_of("2409.00000") == "paper number 00000 in '2409.00000' does not exist");
  CHECK(problem_of("2409.18869v0") ==
        "version 'v0' in '2409.18869v0' is not valid (versions start at v1)");
  CHECK(problem_of("2409.18869V2") == "the version in '2409.18869V2' must use a lower-case 'v'");
  CHECK(problem_of("2409.18869abc") ==
        "unexpected 'abc' after the paper number in '2409.18869abc'");
  CHECK(problem_of("240918869") == "'240918869' lacks the '.' after YYMM");
  CHECK(problem_of("emu3") == "'emu3' is not an arXiv id (expected YYMM.NNNNN)");
  CHECK(problem_of("24.0918869") == "'24.0918869' is not an arXiv id (expected YYMM.NNNNN)");
  CHECK(problem_of("") == "the link has no paper id");
}

TEST_CASE("old-style ids are accepted for their era") {
  const auto id = parse_arxiv_id("hep-th/9901001v3");
  REQUIRE(id);
  CHECK(id->old_style);
  CHECK(id->base == "hep-th/9901001");
  CHECK(id->year == 1999);
  CHECK(id->version == 3);
  CHECK(parse_arxiv_id("math.AG/0601001"));
  CHECK(parse_arxiv_id("cs/0703001"));
  CHECK(problem_of("cs/0704001") == "old-style ids like 'cs/0704001' ended in March 2007");
  CHECK(problem_of("foo/9901001") ==
        "'foo' is not an arXiv archive, so 'foo/9901001' is not an arXiv id");
  CHECK(problem_of("math.ag/0601001") == "'ag' is not a valid subject class in 'math.ag/0601001'");
  CHECK(problem_of("hep-th/99010") ==
        "old-style id 'hep-th/99010' needs 7 digits (YYMMNNN) after the '/'");
}

struct LinkCase {
  std::string_view url;
  LinkKind kind;
  std::string_view problem;
  std::string_view problem_text;  // the part of the URL the problem points at
};

TEST_CASE("parse_arxiv_link classifies links and locates the problem") {
  const LinkCase cases[] = {
      {"https://arxiv.org/abs/2409.18869", LinkKind::arxiv, "", "2409.18869"},
      {"http://arxiv.org/abs/2409.18869v2", LinkKind::arxiv, "", "2409.18869v2"},
      {"https://arxiv.org/pdf/2409.18869", LinkKind::arxiv, "", "2409.18869"},
      {"https://arxiv.org/pdf/2409.18869v1.pdf", LinkKind::arxiv, "", "2409.18869v1"},
      {"https://arxiv.org/abs/hep-th/9901001", LinkKind::arxiv, "", "hep-th/9901001"},
      {"https://ARXIV.org/abs/2409.18869", LinkKind::arxiv, "", "2409.18869"},
      {"https://www.arxiv.org/abs/2409.18869", LinkKind::malformed,
       "host 'www.arxiv.org' should be 'arxiv.org'", "www.arxiv.org"},
      {"https://arxiv.com/abs/2409.18869", LinkKind::malformed,
       "host 'arxiv.com' should be 'arxiv.org'", "arxiv.com"},
      {"arxiv.org/abs/2409.18869", LinkKind::malformed, "the link has no https:// scheme",
       "arxiv.org"},
      {"ftp://arxiv.org/abs/2409.18869", LinkKind::malformed, "scheme 'ftp' should be https",
       "ftp"},
      {"https://arxiv.org/html/2409.18869", LinkKind::malformed,
       "path '/html' should be /abs/ or /pdf/", "/html"},
      {"https://arxiv.org", LinkKind::malformed, "the link has no /abs/ID path", ""},
      {"https://arxiv.org/abs/", LinkKind::malformed, "the link has no paper id", ""},
      {"https://arxiv.org/abs/2409.1886", LinkKind::malformed,
       "'2409.1886' has 4 digits after the dot; ids from 2015 on have 5", "2409.1886"},
      {"https://arxiv.org/abs/2409.18869?context=cs", LinkKind::malformed,
       "unexpected '?context=cs' after the id", "?context=cs"},
      {"https://arxiv.org/abs/2409.18869.pdf", LinkKind::malformed,
       "unexpected '.pdf' after the paper number in '2409.18869.pdf'", "2409.18869.pdf"},
      {"https://huggingface.co/papers/2409.18869", LinkKind::other_host,
       "the link points to huggingface.co, not arxiv.org",
       "https://huggingface.co/papers/2409.18869"},
      {"/papers/2409.18869", LinkKind::other_host, "the link is not an absolute arxiv.org URL",
       "/papers/2409.18869"},
  };
  for (const LinkCase& c : cases) {
    CAPTURE(c.url);
    const ArxivLink link = parse_arxiv_link(c.url);
    CHECK(link.kind == c.kind);
    CHECK(link.problem == c.problem);
    CHECK(c.url.substr(link.problem_offset, link.problem_length) == c.problem_text);
    CHECK(link.id.has_value() == (c.kind == LinkKind::arxiv));
  }
}

TEST_CASE("entry_links reads each entry's link once for the file's rules") {
  const auto digest = testing::parse(
      "### [One](https://arxiv.org/abs/2409.18869v2)\n\n### [Two](https://example.org/x)\n");
  FileAnalyses analyses;
  const auto links = entry_links(digest.digest, &analyses);
  REQUIRE(links->size() == 2);
  CHECK(entry_links(digest.digest, &analyses) == links);  // shared, not read again
  const auto own = entry_links(digest.digest, nullptr);   // without analyses, a rule's own
  REQUIRE(own->size() == 2);
  REQUIRE((*own)[0]);
  CHECK((*own)[0]->kind == LinkKind::arxiv);
  const Entry& one = digest.digest.entries[0];
  REQUIRE(link_of(one, *links));
  CHECK(link_of(one, *links)->kind == LinkKind::arxiv);
  const auto linked = linked_id(one, *links);
  REQUIRE(linked);
  CHECK(linked->id.base == "2409.18869");
  CHECK(digest.slice(linked->span) == "2409.18869v2");
  REQUIRE(link_of(digest.digest.entries[1], *links));
  CHECK(link_of(digest.digest.entries[1], *links)->kind == LinkKind::other_host);
  CHECK_FALSE(linked_id(digest.digest.entries[1], *links));
}

TEST_CASE("find_id_tokens finds id-like tokens with boundaries") {
  const auto tokens =
      find_id_tokens("https://cdn.example/papers/2409.18869.png?v=2410.01234v3&x=12345.678901");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].text == "2409.18869");
  CHECK(tokens[0].offset == 27);
  CHECK(tokens[1].text == "2410.01234v3");
  CHECK(tokens[1].base == "2410.01234");
  CHECK(find_id_tokens("/avatars/dd48dff0b639123c605b5c0ee10577d7.svg").empty());
  CHECK(find_id_tokens("1.2409.18869").empty());  // preceded by '.'
  CHECK(find_id_tokens("2409.188690").empty());   // six digits
  CHECK(find_id_tokens("2409.123").empty());      // three digits
}

}  // namespace
}  // namespace digestlint::checks
