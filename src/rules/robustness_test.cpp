// Bad input never crashes the linter: mutated digests and pathological Markdown go through the
// whole default rule pack, and every finding stays inside its file.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "rules/catalog.hpp"

namespace digestlint {
namespace {

std::string sample_digest() {
  std::ifstream in(std::string(DIGESTLINT_SOURCE_DIR) + "/fixtures/clean.md", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void lint_and_check_spans(const Engine& engine, std::string text) {
  const auto source = std::make_shared<const SourceFile>("fuzz.md", std::move(text));
  const FileResult result = engine.lint(source);
  for (const Finding& finding : result.findings) {
    REQUIRE(finding.span.begin <= finding.span.end);
    REQUIRE(finding.span.end <= source->text().size());
    if (finding.fix) REQUIRE(finding.fix->span.end <= source->text().size());
    (void)source->position(finding.span.end);
  }
}

}  // namespace

TEST_CASE("robustness: mutated digests never crash and findings stay in bounds") {
  RuleCatalog catalog({});
  const auto& compiled = catalog.for_file("");
  const Engine engine(compiled.rules, compiled.filter);
  const std::string base = sample_digest();
  REQUIRE(!base.empty());
  const std::vector<std::string> tokens{
      "###",  "[",        "](",    ")",        "![", "**",
      ":",    ",",        "\n",    "\r\n",     "- ", "<!--",
      "-->",  "`",        "$",     "(",        "（", "\xEF\xBB\xBF",
      "\xFF", "\xE1\x80", "Vote:", "Authors:", "+",  "## Daily Papers (",
      "\t",   "\\"};
  std::mt19937 random(20241002);
  for (int round = 0; round < 400; ++round) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(random() % 12);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = text.empty() ? 0 : random() % text.size();
      switch (random() % 4) {
        case 0:
          text.insert(at, tokens[random() % tokens.size()]);
          break;
        case 1:
          text.erase(at, random() % 40);
          break;
        case 2:
          if (!text.empty()) text[at] = static_cast<char>(random() % 256);
          break;
        default:
          text.resize(at);
          break;
      }
    }
    lint_and_check_spans(engine, std::move(text));
  }
}

TEST_CASE("robustness: pathological Markdown") {
  RuleCatalog catalog({});
  const auto& compiled = catalog.for_file("");
  const Engine engine(compiled.rules, compiled.filter);
  const std::vector<std::string> inputs{
      "",
      "\n",
      "###",
      "### [",
      "### [](",
      "### [x](",
      "### []()\n![]()\nVote:\nAuthors:\n- **:",
      "## Daily Papers (\n",
      "## Daily Papers ()\n### [a](b)\n- **What's New**:",
      std::string(100000, '('),
      std::string(50000, '['),
      "### [" + std::string(10000, '[') + "](x)",
      "Authors: " + std::string(5000, ','),
      "- " + std::string(20000, '*'),
      "<!-- digestlint-disable-next-line -->",
      "<!-- digestlint-enable -->\n<!-- digestlint-disable",
      "```\n### [not an entry](x)\n```\n",
      std::string("\0\0\0", 3),
      "\r\r\r\n\n\r",
  };
  for (const std::string& input : inputs) lint_and_check_spans(engine, input);
}

}  // namespace digestlint
