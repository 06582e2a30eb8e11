#include "lsp/diagnostics.hpp"

#include <doctest/doctest.h>

#include "lsp/code_actions.hpp"
#include "lsp/hover.hpp"
#include "report/test_support.hpp"

using namespace digestlint;
using namespace digestlint::lsp;

namespace {

const std::string kText = "## 제목\n- 요약: 모델은 \\frac 값 🎼 끝.   \n";

Span span_of(const std::string& needle) {
  const std::size_t at = kText.find(needle);
  REQUIRE(at != std::string::npos);
  return {at, at + needle.size()};
}

TEST_CASE("a fix that rewrites a CRLF line's \\r is edited without it") {
  // "ab  \r\n": the trailing-whitespace pattern takes "  \r" and writes back "\r". An editor
  // places no position between "\r" and "\n", so an edit up to the "\n" would write "\r" twice.
  const std::string text = "# T\r\nab  \r\n가\r\n";
  const SourceFile source("d.md", text);
  const std::size_t spaces = text.find("  \r");
  const Span span{spaces, spaces + 3};
  const std::vector<Finding> findings{{"text/trailing-whitespace",
                                       Severity::note,
                                       "m",
                                       "",
                                       span,
                                       Fix{span, "\r", true, "remove trailing whitespace"},
                                       {}}};
  const json actions = code_actions(source, "u", findings, {{1, 0}, {1, 4}}, {"quickfix"});
  REQUIRE(actions.size() == 1);
  const json edit = actions[0]["edit"]["changes"]["u"][0];
  CHECK(edit["range"] == json::parse(R"({"start":{"line":1,"character":2},
                                         "end":{"line":1,"character":4}})"));
  CHECK(edit["newText"] == "");
  // The diagnostic ends where the line does, before the "\r".
  CHECK(to_range(source, span).end.character == 4);
  // Kept text is never cut inside a code point: "가" and "각" share their first two bytes.
  const std::size_t ga = text.find("가");
  const Span syllable{ga, ga + 3};
  const std::vector<Finding> hangul{
      {"x/y", Severity::note, "m", "", syllable, Fix{syllable, "각", true, ""}, {}}};
  const json hangul_edit = code_actions(source, "u", hangul, {{2, 0}, {2, 1}},
                                        {"quickfix"})[0]["edit"]["changes"]["u"][0];
  CHECK(hangul_edit["newText"] == "각");
  CHECK(hangul_edit["range"]["end"]["character"] == 1);
}

}  // namespace

TEST_CASE("spans become UTF-16 ranges") {
  const SourceFile source("d.md", kText);
  const TextRange range = to_range(source, span_of("\\frac"));
  CHECK(range.start.line == 1);
  CHECK(range.start.character == 10);  // "- 요약: " is 6 units, "모델은 " 4 (bytes: 10 + 10)
  CHECK(range.end.character == 15);
  // After the emoji (2 units, 4 bytes): "\frac 값 " 8 more, emoji 2, space 1.
  CHECK(to_range(source, span_of("끝")).start.character == 10 + 8 + 2 + 1);
  // A byte order mark is stripped by SourceFile but is one unit in the editor's first line.
  const SourceFile bom("b.md", "\xEF\xBB\xBF가 x\ny");
  CHECK(to_range(bom, {4, 5}).start.character == 3);
  CHECK(to_range(bom, {6, 7}).start.character == 0);
}

TEST_CASE("a finding becomes a diagnostic") {
  const SourceFile source("/repo/d.md", kText);
  Finding finding{"text/latex-artifact",
                  Severity::warning,
                  "LaTeX residue '\\frac'",
                  "write it as plain text",
                  span_of("\\frac"),
                  std::nullopt,
                  {RelatedLocation{"", span_of("제목"), "the title"}}};
  RuleSpec rule;
  rule.id = "text/latex-artifact";
  rule.builtin = true;
  const json d = to_diagnostic(source, "file:///repo/d.md", finding, {}, &rule);
  CHECK(d["code"] == "text/latex-artifact");
  CHECK(d["source"] == "digestlint");
  CHECK(d["severity"] == 2);
  CHECK(d["message"] == "LaTeX residue '\\frac'\nwrite it as plain text");
  CHECK(d["codeDescription"]["href"] ==
        "https://github.com/digestlint/digestlint/blob/main/docs/rules/text/latex-artifact.md");
  // A rule of another pack has no page there (#10 bug 12).
  rule.builtin = false;
  CHECK_FALSE(
      to_diagnostic(source, "file:///repo/d.md", finding, {}, &rule).contains("codeDescription"));
  CHECK(d["range"] == json::parse(R"({"start":{"line":1,"character":10},
                                      "end":{"line":1,"character":15}})"));
  const json& related = d["relatedInformation"][0];
  CHECK(related["location"]["uri"] == "file:///repo/d.md");
  CHECK(related["location"]["range"]["start"]["character"] == 3);
  CHECK(related["message"] == "the title");

  finding.severity = Severity::note;
  finding.hint.clear();
  finding.related.clear();
  const json note = to_diagnostic(source, "file:///repo/d.md", finding);
  CHECK(note["severity"] == 3);
  CHECK(note["message"] == "LaTeX residue '\\frac'");
  CHECK_FALSE(note.contains("relatedInformation"));
  finding.severity = Severity::error;
  CHECK(to_diagnostic(source, "u", finding)["severity"] == 1);
}

TEST_CASE("related locations in other files are looked up") {
  const SourceFile source("/repo/a.md", kText);
  const Finding finding{"summary/duplicate",
                        Severity::warning,
                        "duplicate",
                        "",
                        span_of("끝"),
                        std::nullopt,
                        {RelatedLocation{"/repo/b.md", {7, 8}, "first seen here"}}};
  const json d = to_diagnostic(source, "file:///repo/a.md", finding, [](const std::string& path) {
    return std::make_shared<const SourceFile>(path, "가나\n다라마");
  });
  const json& location = d["relatedInformation"][0]["location"];
  CHECK(location["uri"] == "file:///repo/b.md");
  CHECK(location["range"]["start"] == json::parse(R"({"line":1,"character":0})"));
}

TEST_CASE("code actions offer the finding's fix with a UTF-16 edit") {
  const SourceFile source("d.md", kText);
  const Span spaces = span_of("   \n");
  std::vector<Finding> findings{
      {"text/latex-artifact",
       Severity::warning,
       "m",
       "",
       span_of("\\frac"),
       Fix{span_of("\\frac "), "", false, ""},
       {}},
      {"text/trailing-whitespace",
       Severity::note,
       "m",
       "",
       {spaces.begin, spaces.end - 1},
       Fix{{spaces.begin, spaces.end - 1}, "", true, "remove trailing whitespace"},
       {}},
  };
  const TextRange line1{{1, 0}, {1, 0}};
  const json at_start = code_actions(source, "u", findings, line1, {});
  // The cursor at column 0 touches neither finding: only the fix-all action.
  REQUIRE(at_start.size() == 1);
  CHECK(at_start[0]["kind"] == "source.fixAll.digestlint");

  const json on_latex = code_actions(source, "u", findings, {{1, 12}, {1, 12}}, {"quickfix"});
  REQUIRE(on_latex.size() == 1);
  CHECK(on_latex[0]["title"] == "Fix: delete '\\frac ' (unsafe)");
  CHECK(on_latex[0]["isPreferred"] == false);
  CHECK(on_latex[0]["diagnostics"][0]["code"] == "text/latex-artifact");
  const json edit = on_latex[0]["edit"]["changes"]["u"][0];
  CHECK(edit["range"] == json::parse(R"({"start":{"line":1,"character":10},
                                         "end":{"line":1,"character":16}})"));
  CHECK(edit["newText"] == "");

  const json whole_line = code_actions(source, "u", findings, {{1, 0}, {1, 40}}, {});
  REQUIRE(whole_line.size() == 3);
  CHECK(whole_line[1]["title"] == "Fix: remove trailing whitespace");
  CHECK(whole_line[1]["isPreferred"] == true);
  // Fix-all applies only the safe fix.
  CHECK(whole_line[2]["edit"]["changes"]["u"].size() == 1);
  CHECK(code_actions(source, "u", findings, {{1, 0}, {1, 40}}, {"refactor"}).empty());
  CHECK(code_actions(source, "u", findings, {{1, 0}, {1, 40}}, {"source"}).size() == 1);
}

TEST_CASE("hover shows the docs of the rule under the cursor") {
  const SourceFile source("d.md", kText);
  const std::vector<Finding> findings{
      {"text/latex-artifact", Severity::warning, "m", "", span_of("\\frac"), std::nullopt, {}}};
  RuleSpec rule;
  rule.id = "text/latex-artifact";
  rule.builtin = true;
  rule.description = "LaTeX leaked into the text.";
  rule.docs = "Bad: `\\frac`\n";
  const RuleLookup lookup = [&](std::string_view id) { return id == rule.id ? &rule : nullptr; };
  const auto shown = hover(source, findings, {1, 15}, lookup);  // at the end edge
  REQUIRE(shown.has_value());
  const std::string value = (*shown)["contents"]["value"];
  CHECK((*shown)["contents"]["kind"] == "markdown");
  CHECK(value.find("**text/latex-artifact** (warning) — LaTeX leaked into the text.") == 0);
  CHECK(value.find("Bad: `\\frac`") != std::string::npos);
  CHECK(value.find("docs/rules/text/latex-artifact.md") != std::string::npos);
  CHECK((*shown)["range"]["start"]["character"] == 10);
  CHECK_FALSE(hover(source, findings, {1, 16}, lookup).has_value());
  CHECK_FALSE(hover(source, findings, {0, 10}, lookup).has_value());

  // A client that reads plain text only gets it without Markdown's marks.
  const json plain_client = {{"textDocument", {{"hover", {{"contentFormat", {"plaintext"}}}}}}};
  REQUIRE(hover_format(plain_client) == HoverFormat::plaintext);
  const auto plain = hover(source, findings, {1, 15}, lookup, hover_format(plain_client));
  REQUIRE(plain.has_value());
  CHECK((*plain)["contents"]["kind"] == "plaintext");
  const std::string plain_value = (*plain)["contents"]["value"];
  CHECK(plain_value.find("text/latex-artifact (warning) — LaTeX leaked into the text.") == 0);
  CHECK(plain_value.find("Rule documentation: ") != std::string::npos);
  CHECK(plain_value.find("**") == std::string::npos);
  CHECK(plain_value.find("Bad: '\\frac'") != std::string::npos);  // code in quotes
  CHECK(plain_value.find('`') == std::string::npos);
  const json both = {{"textDocument", {{"hover", {{"contentFormat", {"plaintext", "markdown"}}}}}}};
  CHECK(hover_format(both) == HoverFormat::plaintext);  // the client's order of preference
  CHECK(hover_format({{"textDocument", {{"hover", {{"contentFormat", {"markdown"}}}}}}}) ==
        HoverFormat::markdown);
  CHECK(hover_format(json::object()) == HoverFormat::markdown);
  CHECK(hover_format(json("not an object")) == HoverFormat::markdown);
}

TEST_CASE("rule docs shown as plain text spell Markdown's marks out") {
  RuleSpec rule;
  rule.id = "team/x";
  rule.docs =
      "## Why\n\nUse `a``b` or ``x`y``, **not** [the page](https://x.test/p).\n```\ncode\n```\n"
      "Unclosed ``x` stays, [a] and [b](c)";
  const std::string plain = rule_hover_text(rule, HoverFormat::plaintext);
  CHECK(plain.find("Why\n\nUse 'a``b' or 'x`y', not the page (https://x.test/p).\ncode\n") !=
        std::string::npos);
  CHECK(plain.find("Unclosed ``x` stays, [a] and b (c)") != std::string::npos);
  CHECK(rule_hover_text(rule, HoverFormat::markdown).find(rule.docs) != std::string::npos);
}

// The plain-text rendering as first written, searching ahead from each mark: the reference the
// linear one must agree with.
std::string plain_line_by_search(std::string_view line) {
  std::string out;
  for (std::size_t at = 0; at < line.size();) {
    if (line.substr(at, 2) == "**") {
      at += 2;
      continue;
    }
    if (line[at] == '`') {
      const std::size_t code = std::min(line.find_first_not_of('`', at), line.size());
      const std::size_t ticks = code - at;
      std::size_t close = code;
      while ((close = line.find('`', close)) != std::string_view::npos) {
        const std::size_t run_end = std::min(line.find_first_not_of('`', close), line.size());
        if (run_end - close == ticks) break;
        close = run_end;
      }
      out += close == std::string_view::npos
                 ? std::string(line.substr(at, ticks))
                 : "'" + std::string(line.substr(code, close - code)) + "'";
      at = close == std::string_view::npos ? code : close + ticks;
      continue;
    }
    if (line[at] == '[') {
      const std::size_t middle = line.find(']', at);
      const bool link = middle != std::string_view::npos && line.substr(middle, 2) == "](";
      const std::size_t end = link ? line.find(')', middle) : std::string_view::npos;
      if (end != std::string_view::npos) {
        out += std::string(line.substr(at + 1, middle - at - 1)) + " (" +
               std::string(line.substr(middle + 2, end - middle - 2)) + ")";
        at = end + 1;
        continue;
      }
    }
    out += line[at++];
  }
  return out;
}

// A docs line as a plain-text hover shows it: between the header's blank line and the next (a
// rule of no built-in pack has no documentation link to follow it; the line must not render
// empty, which would end it early).
std::string plain_docs(const std::string& docs) {
  RuleSpec rule;
  rule.id = "team/x";
  rule.docs = docs;
  const std::string text = rule_hover_text(rule, HoverFormat::plaintext);
  const std::size_t begin = text.find("\n\n") + 2;
  return text.substr(begin, text.find("\n\n", begin) - begin);
}

TEST_CASE("plain-text docs agree with a search ahead from each mark") {
  std::uint64_t state = 7;
  const auto next = [&] {
    return (state = state * 6364136223846793005ull + 1442695040888963407ull) >> 33;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string line;
    const std::size_t size = 1 + next() % 24;
    for (std::size_t i = 0; i < size; ++i) line += "`*[]()a"[next() % 7];
    if (line.starts_with("```")) continue;  // a fence: dropped
    INFO(line);
    const std::string expected = plain_line_by_search(line);
    if (expected.empty()) continue;
    REQUIRE(plain_docs(line) == expected);
  }
  // Every '[' of a long line meets the one ']' at its end, and no link (each '[' searched to the
  // end of the line; now the search resumes where it stopped).
  const std::string brackets = std::string(200000, '[') + "]";
  CHECK(plain_docs(brackets) == brackets);
}

TEST_CASE("a related file no longer at hand is placed by its excerpts as by the file") {
  const report_test::ExcerptedFile other;
  const SourceFile source("d.md", "## X\n");
  Finding finding;
  finding.rule_id = "r/x";
  finding.span = Span{3, 4};
  finding.related = other.related(false);
  const auto lookup = [&](const std::string&) {
    return std::make_shared<const SourceFile>(other.source);
  };
  const json read = to_diagnostic(source, "file:///repo/d.md", finding, lookup);
  finding.related = other.related(true);
  const json excerpted = to_diagnostic(source, "file:///repo/d.md", finding);
  CHECK(excerpted["relatedInformation"] == read["relatedInformation"]);
  // The byte order mark is a character of the first line for LSP.
  CHECK(excerpted["relatedInformation"][0]["location"]["range"]["start"]["character"] == 8);
}
