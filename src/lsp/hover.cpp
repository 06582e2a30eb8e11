#include "lsp/hover.hpp"

#include <set>

#include "lsp/diagnostics.hpp"
#include "report/rule_docs.hpp"

namespace digestlint::lsp {

std::string rule_hover_markdown(const RuleSpec& rule) {
  std::string text = "**" + rule.id + "** (" + std::string(to_string(rule.severity)) + ")";
  if (!rule.description.empty()) text += " — " + rule.description;
  text += "\n\n";
  if (!rule.docs.empty()) {
    text += rule.docs;
    while (text.ends_with('\n')) text.pop_back();
    text += "\n\n";
  }
  if (const std::string url = rule_docs_url(rule); !url.empty())
    text += "[Rule documentation](" + url + ")";
  return text;
}

std::optional<json> hover(const SourceFile& source, const std::vector<Finding>& findings,
                          TextPosition position, const RuleLookup& rules) {
  std::string markdown;
  std::optional<TextRange> range;
  std::set<std::string> shown;
  for (const Finding& finding : findings) {
    const TextRange finding_range = to_range(source, finding.span);
    if (!touches(finding_range, TextRange{position, position})) continue;
    if (!shown.insert(finding.rule_id).second) continue;
    const RuleSpec* rule = rules ? rules(finding.rule_id) : nullptr;
    if (!markdown.empty()) markdown += "\n\n---\n\n";
    markdown +=
        rule ? rule_hover_markdown(*rule) : "**" + finding.rule_id + "**\n\n" + finding.message;
    if (!range) range = finding_range;
  }
  if (markdown.empty()) return std::nullopt;
  return json{{"contents", {{"kind", "markdown"}, {"value", markdown}}},
              {"range", to_json(*range)}};
}

}  // namespace digestlint::lsp
