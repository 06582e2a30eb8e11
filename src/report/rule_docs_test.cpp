// A rule's docs page says whether its findings may carry a fix, built-in rules' fixes included.
#include "report/rule_docs.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>

#include "rules/engine.hpp"
#include "rules/loader.hpp"

namespace digestlint {
namespace {

std::string fix_column(const RuleSpec& rule) {
  const std::string page = rule_markdown(rule);
  const std::size_t row = page.find("\n| ", page.find("|---|"));
  REQUIRE(row != std::string::npos);
  const std::string line = page.substr(row + 1, page.find('\n', row + 1) - row - 1);
  const std::size_t last = line.rfind(" |");
  return line.substr(line.rfind("| ", last - 1) + 2, last - line.rfind("| ", last - 1) - 2);
}

TEST_CASE("a rule's docs page says whether it fixes, declaratively or built in") {
  std::map<std::string, std::string> fixes;
  for (const RuleSpec& rule : load_rule_specs(default_packs())) fixes[rule.id] = fix_column(rule);
  CHECK(fixes.at("authors/placeholder") == "yes (declarative)");
  CHECK(fixes.at("text/trailing-whitespace") == "yes (built in)");
  CHECK(fixes.at("authors/duplicate") == "yes (built in)");
  CHECK(fixes.at("summary/duplicate-summary") == "—");
  CHECK(fixes.at("text/truncated") == "—");
}

TEST_CASE("every rule whose findings on the fixtures carry a fix says so on its page") {
  RuleSet rules = compile_rules(load_rule_specs(default_packs()));
  std::map<std::string, std::string> fixes;
  for (const RuleSpec& rule : rules.specs) fixes[rule.id] = fix_column(rule);
  std::vector<std::shared_ptr<const SourceFile>> sources;
  const auto fixtures = std::filesystem::path(DIGESTLINT_SOURCE_DIR) / "fixtures";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(fixtures)) {
    if (entry.path().extension() != ".md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    sources.push_back(std::make_shared<const SourceFile>(entry.path().string(), std::move(text)));
  }
  REQUIRE(sources.size() > 20);
  std::size_t fixed = 0;
  for (const FileResult& file : Engine(rules).lint_all(sources, 2)) {
    for (const Finding& finding : file.findings) {
      if (!finding.fix) continue;
      ++fixed;
      INFO(finding.rule_id);
      CHECK(fixes.at(finding.rule_id) != "—");
    }
  }
  CHECK(fixed > 10);
}

}  // namespace
}  // namespace digestlint
