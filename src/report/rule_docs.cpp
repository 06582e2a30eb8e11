#include "report/rule_docs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

std::string scopes_text(const RuleSpec& rule) {
  std::vector<std::string_view> names;
  for (const Scope scope : rule.scopes) names.push_back(to_string(scope));
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string yaml_text(const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  return out.c_str();
}

// Whether the rule's findings may carry a fix, and whose.
std::string_view fix_text(const RuleSpec& rule) {
  if (rule.fix.node().IsDefined() && !rule.fix.node().IsNull()) return "yes (declarative)";
  const AnalyzerInfo* analyzer =
      rule.analyzer.empty() ? nullptr : find_analyzer(rule.analyzer, /*declarative=*/false);
  return analyzer && analyzer->fixes ? "yes (built in)" : "—";
}

}  // namespace

std::string rule_markdown(const RuleSpec& rule) {
  std::string page = fmt::format("# {}\n\n{}\n\n", rule.id, rule.description);
  page +=
      fmt::format("| severity | scope | kind | fix |\n|---|---|---|---|\n| {} | {} | {} | {} |\n\n",
                  to_string(rule.severity), scopes_text(rule),
                  rule.analyzer.empty() ? rule.kind : fmt::format("builtin (`{}`)", rule.analyzer),
                  fix_text(rule));
  std::string docs = rule.docs;
  while (!docs.empty() && docs.back() == '\n') docs.pop_back();
  if (!docs.empty()) page += docs + "\n\n";
  page += fmt::format("## Message\n\n```\n{}\n```\n", rule.message);
  if (!rule.hint.empty()) page += fmt::format("\nHint: `{}`\n", rule.hint);
  if (const YAML::Node& params = rule.params; params.IsMap() && params.size() > 0) {
    page += fmt::format(
        "\n## Parameters\n\nSet them in `.digestlint.yaml` under `rules: {{{}: {{params: "
        "…}}}}`.\n\n```yaml\n{}\n```\n",
        rule.id, yaml_text(params));
  }
  page += fmt::format(
      "\nRun `digestlint explain {}` to print this page; `digestlint check --select {}` to run "
      "only this rule.\n",
      rule.id, rule.id);
  return page;
}

std::string rules_index_markdown(const std::vector<RuleSpec>& rules) {
  // The default pack's index says where it comes from; a team's pages name their own packs.
  const bool builtin =
      std::all_of(rules.begin(), rules.end(), [](const RuleSpec& rule) { return rule.builtin; });
  std::vector<std::string> packs;
  for (const RuleSpec& rule : rules) {
    if (std::find(packs.begin(), packs.end(), rule.defined_at.path) == packs.end())
      packs.push_back(rule.defined_at.path);
  }
  std::string page =
      builtin ? "# Rules\n\nGenerated from `rules/*.yaml` by `digestlint docs docs/rules`; a test "
                "keeps it in sync.\n\n"
              : fmt::format("# Rules\n\nGenerated from {} by `digestlint docs`.\n\n",
                            fmt::join(packs, ", "));
  page += "| rule | severity | what it finds |\n|---|---|---|\n";
  for (const RuleSpec& rule : rules) {
    page += fmt::format("| [{}]({}/{}.md) | {} | {} |\n", rule.id, rule.category(), rule.name(),
                        to_string(rule.severity), rule.description);
  }
  return page;
}

std::string rule_docs_url(const RuleSpec& rule, std::string_view base) {
  if (base.empty() || (!rule.builtin && base == kDefaultDocsUrl)) return {};
  std::string url(base);
  if (url.back() != '/') url += '/';
  return url + rule.category() + "/" + rule.name() + ".md";
}

}  // namespace digestlint
