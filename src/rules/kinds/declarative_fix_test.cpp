#include "rules/kinds/declarative_fix.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

// A pack of one pattern rule over urls, whose fix is `fix`.
std::string pack_with_fix(const std::string& fix) {
  return "rules:\n"
         "  - id: links/plain\n"
         "    severity: warning\n"
         "    scope: url\n"
         "    kind: pattern\n"
         "    params: {pattern: '^http://'}\n"
         "    message: plain http\n"
         "    description: Plain http.\n"
         "    fix: " +
         fix + "\n";
}

// The findings of `rules` on a digest whose entries link to `urls`, one entry each, or, given
// `thumbnails`, link to arXiv and show those thumbnails.
std::vector<Finding> findings_for(const RuleSet& rules, const std::vector<std::string>& urls,
                                  const std::vector<std::string>& thumbnails = {}) {
  std::string text = "## Daily Papers (2024-10-02)\n\n";
  for (const std::string& url : urls) text += "### [A Paper](" + url + ")\n\nVote: 1\n\n";
  for (const std::string& thumbnail : thumbnails) {
    text +=
        "### [A Paper](https://arxiv.org/abs/2409.16430)\n\n![](" + thumbnail + ")\n\nVote: 1\n\n";
  }
  const std::vector<FileResult> results =
      Engine(rules).lint_all({std::make_shared<const SourceFile>("d.md", std::move(text))}, 1);
  return results.front().findings;
}

// Whether each finding of `rule` has a safe fix, in order.
std::vector<bool> safe_fixes(const std::vector<Finding>& findings, const std::string& rule) {
  std::vector<bool> safe;
  for (const Finding& finding : findings) {
    if (finding.rule_id != rule) continue;
    REQUIRE(finding.fix);
    safe.push_back(finding.fix->safe);
  }
  return safe;
}

TEST_CASE("safe-where makes a fix safe only for the targets whose text it matches") {
  const RuleSet rules = compile_rules(load_rule_specs(
      {{"pack.yaml", pack_with_fix("{replace: 'https://', safe-where: '^http://good\\.org/'}")}}));
  const auto findings =
      findings_for(rules, {"http://good.org/abs/1", "http://bad.org/abs/1", "http://good.org.x/a"});
  CHECK(safe_fixes(findings, "links/plain") == std::vector<bool>{true, false, false});
}

TEST_CASE("safe-where is a load error beside safe, empty, or when RE2 cannot compile it") {
  const auto error_for = [](const std::string& fix) -> std::string {
    try {
      compile_rules(load_rule_specs({{"pack.yaml", pack_with_fix(fix)}}));
    } catch (const RuleError& error) {
      CHECK(error.where().path == "pack.yaml");
      CHECK(error.where().line > 0);
      return error.what();
    }
    return "";
  };
  CHECK(error_for("{replace: 'https://', safe: true, safe-where: 'x'}").find("not both") !=
        std::string::npos);
  CHECK(error_for("{replace: 'https://', safe-where: '(unclosed'}")
            .find("safe-where: invalid regular expression") != std::string::npos);
  // An empty pattern matches every target: the fix would be safe everywhere.
  CHECK(error_for("{replace: 'https://', safe-where: ''}").find("empty regular expression") !=
        std::string::npos);
  CHECK(error_for("{replace: 'https://', safe-wher: 'x'}").find("did you mean 'safe-where'") !=
        std::string::npos);
}

TEST_CASE("links/insecure-url's fix is safe for arXiv and Hugging Face hosts, unsafe elsewhere") {
  const RuleSet rules = compile_rules(load_rule_specs(default_packs()));
  const std::vector<std::pair<std::string, bool>> cases = {
      {"http://arxiv.org/abs/2409.16430", true},
      {"HTTP://export.arxiv.org/abs/2409.16430", true},
      {"http://ar5iv.labs.arxiv.org/html/2409.16430", true},
      {"http://arxiv.org", true},
      {"http://arxiv.org?x", true},
      {"http://arxiv.org#x", true},
      {"http://huggingface.co/papers/2409.16430", true},
      {"http://cdn-thumbnails.huggingface.co/x.png", true},
      {"http://hf.co/papers/2409.16430", true},
      {"http://example.org/abs/2409.16430", false},
      {"http://arxiv.org.example.com/abs/2409.16430", false},
      {"http://hf.co.example.com/x.png", false},
      {"http://arxiv.org@example.com/abs/2409.16430", false},
      {"http://arxiv.org:80/abs/2409.16430", false},
      {"http://notarxiv.org/abs/2409.16430", false},
  };
  for (const bool thumbnail : {false, true}) {
    INFO("as " << (thumbnail ? "thumbnails" : "paper links"));
    std::vector<std::string> urls;
    std::vector<bool> expected;
    for (const auto& [url, safe] : cases) {
      urls.push_back(url);
      expected.push_back(safe);
    }
    const auto findings = thumbnail ? findings_for(rules, {}, urls) : findings_for(rules, urls);
    CHECK(safe_fixes(findings, "links/insecure-url") == expected);
  }
}

}  // namespace
}  // namespace digestlint
