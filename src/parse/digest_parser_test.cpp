#include "parse/digest_parser.hpp"

#include <doctest/doctest.h>

#include "rules/profile_loader.hpp"

namespace digestlint {
namespace {

struct Parsed {
  SourceFile source;
  Digest digest;
  Parsed(std::string text, std::string_view profile)
      : source("t.md", std::move(text)),
        digest(parse_digest(source, default_profile_set().find(profile))) {}
};

TEST_CASE("parser: triple-emphasis labels name the profile's sections; unbalanced ones are kept") {
  const Parsed p(
      "## Daily Papers (2024-11-05)\n\n### [A](https://arxiv.org/abs/2411.00001)\n\n"
      "- ***What's New***: 새 방법입니다.\n- ***Technical Details*: 구조입니다.\n",
      "daily-papers-2024-triple");
  REQUIRE(p.digest.entries.size() == 1);
  const auto& sections = p.digest.entries[0].sections;
  REQUIRE(sections.size() == 2);
  CHECK(sections[0].name.text == "What's New");
  CHECK(sections[0].text.text == "새 방법입니다.");
  REQUIRE(sections[0].spec);
  CHECK(sections[0].spec->name == "What's New");
  CHECK(sections[0].open_stars == 3);
  CHECK(sections[1].name.text == "Technical Details");
  CHECK(sections[1].open_stars == 3);
  CHECK(sections[1].close_stars == 1);
  CHECK(p.source.slice(sections[1].label) == "***Technical Details*:");
}

TEST_CASE("parser: Python-list authors are split into names without quotes") {
  const Parsed p(
      "## Daily Papers (2024-10-21)\n\n### [A](https://arxiv.org/abs/2410.00001)\n\n"
      "Authors: ['Ada Lovelace', 'Alan Turing']\n",
      "daily-papers-2024-triple");
  const auto& authors = p.digest.entries[0].authors;
  REQUIRE(authors.size() == 2);
  CHECK(authors[0].name.text == "Ada Lovelace");
  CHECK(authors[1].name.text == "Alan Turing");
}

TEST_CASE("parser: metadata lines right above a table are read on their own lines") {
  // libcmark-gfm reports such lines as a paragraph of line 0; they are Vote and Authors here.
  for (const std::string_view rows : {"| x | y |\n", ""}) {
    const Parsed p(
        "## Daily Papers (2024-11-05)\n\n### [A](https://arxiv.org/abs/2411.00001)\n\n"
        "Vote: 3\nAuthors: Mina Park, Jonas Weber\n| a | b |\n|---|---|\n" +
            std::string(rows) + "\n- ***What's New***: 새 방법입니다.\n",
        "daily-papers-2024-triple");
    CAPTURE(rows);
    REQUIRE(p.digest.entries.size() == 1);
    const Entry& e = p.digest.entries[0];
    REQUIRE(e.votes);
    CHECK(e.votes->text == "3");
    CHECK(p.source.line_of(e.votes->span.begin) == 5);
    REQUIRE(e.authors.size() == 2);
    CHECK(e.authors[1].name.text == "Jonas Weber");
  }
}

TEST_CASE("parser: untitled bullets stay sections whose text is the bullet; video is media") {
  const Parsed p(
      "## Daily Papers (2024-01-15)\n\n### [A](https://arxiv.org/abs/2401.00001)\n\n"
      "[Watch Video](https://cdn-uploads.huggingface.co/production/uploads/x/Demo.mp4)\n"
      "<div><video controls src=\"x.mp4\"></video></div>\n\n"
      "- **굵게**: 첫 요약입니다.\n- 두 번째 요약입니다.\n"
      "### [B](https://arxiv.org/abs/2401.00002)\n\n- 세 번째입니다.\n",
      "daily-papers-2023-bullets");
  REQUIRE(p.digest.entries.size() == 2);
  const Entry& a = p.digest.entries[0];
  REQUIRE(a.media);
  REQUIRE(a.media_kind);
  CHECK(a.media_kind->name == "video");
  CHECK_FALSE(a.thumbnail);
  REQUIRE(a.sections.size() == 2);
  CHECK(a.sections[0].name.text.empty());
  CHECK(a.sections[0].text.text == "**굵게**: 첫 요약입니다.");
  CHECK(p.digest.entries[1].sections.size() == 1);
}

TEST_CASE("parser: newsletter entries are `### Title (url)` under repeated category headers") {
  const Parsed p(
      "## New uploads on arXiv(cs.CL)\r\n\r\n### Parley: Offers (https://arxiv.org/abs/2410.02211)"
      "\r\n\r\nComments: 9 pages\r\n\r\n- **What's New**: 제안입니다.\r\n\r\n"
      "## New uploads on arXiv(cs.LG)\r\n\r\n### Tess (https://arxiv.org/abs/2410.02390)\r\n",
      "arxiv-newsletter");
  REQUIRE(p.digest.header);
  CHECK_FALSE(p.digest.header->date);
  REQUIRE(p.digest.entries.size() == 2);
  CHECK(p.digest.entries[0].title.text == "Parley: Offers");
  CHECK(p.digest.entries[0].arxiv_id == "2410.02211");
  REQUIRE(p.digest.entries[0].comments);
  CHECK(p.digest.entries[0].comments->text == "9 pages");
  CHECK(p.digest.entries[0].sections.size() == 1);
  CHECK(p.digest.entries[0].sections[0].text.text == "제안입니다.");
  CHECK(p.source.slice(p.digest.entries[0].span).find("cs.LG") == std::string_view::npos);
  CHECK(p.digest.entries[1].title.text == "Tess");
}

TEST_CASE("parser: an HTML video element is the media even when its link line is broken") {
  const Parsed p(
      "## Daily Papers (2023-12-06)\n\n### [A](https://arxiv.org/abs/2312.00001)\n\n"
      "[Watch Video]https://cdn-uploads.huggingface.co/production/uploads/x/Demo.mp4\n"
      "<div><video controls src=\"https://cdn-uploads.huggingface.co/production/uploads/x/"
      "Demo.mp4\" muted=\"false\"></video></div>\n\nVote: 3\n",
      "daily-papers-2023-bullets");
  const Entry& a = p.digest.entries.at(0);
  REQUIRE(a.media);
  CHECK(a.media->text == "https://cdn-uploads.huggingface.co/production/uploads/x/Demo.mp4");
  REQUIRE(a.media_kind);
  CHECK(a.media_kind->name == "video");
}

TEST_CASE("parser: a numbered list right after a labelled section continues it") {
  const Parsed p(
      "## Daily Papers (2024-08-15)\n\n### [A](https://arxiv.org/abs/2408.00001)\n\n"
      "- **Technical Details**: 두 가지입니다:\n1. **Tokenizer**: BPE.\n2. **GQA**: 효율적.\n"
      "- **Performance Highlights**: 좋습니다.\n",
      "daily-papers-2024-sections");
  const auto& sections = p.digest.entries.at(0).sections;
  REQUIRE(sections.size() == 2);
  CHECK(sections[0].name.text == "Technical Details");
  CHECK(sections[0].text.text == "두 가지입니다:\n1. **Tokenizer**: BPE.\n2. **GQA**: 효율적.");
  CHECK(sections[1].name.text == "Performance Highlights");
}

}  // namespace
}  // namespace digestlint
