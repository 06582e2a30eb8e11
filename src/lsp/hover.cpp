#include "lsp/hover.hpp"

#include <set>

#include "lsp/diagnostics.hpp"
#include "report/rule_docs.hpp"

namespace digestlint::lsp {

HoverFormat hover_format(const json& client_capabilities) {
  const json* formats = &client_capabilities;
  for (const char* key : {"textDocument", "hover", "contentFormat"}) {
    if (!formats->is_object() || !formats->contains(key)) return HoverFormat::markdown;
    formats = &(*formats)[key];
  }
  if (formats->is_array()) {
    for (const json& format : *formats) {
      if (format == "markdown") return HoverFormat::markdown;
      if (format == "plaintext") return HoverFormat::plaintext;
    }
  }
  return HoverFormat::markdown;
}

std::string rule_hover_text(const RuleSpec& rule, HoverFormat format) {
  const bool markdown = format == HoverFormat::markdown;
  const std::string id = markdown ? "**" + rule.id + "**" : rule.id;
  std::string text = id + " (" + std::string(to_string(rule.severity)) + ")";
  if (!rule.description.empty()) text += " — " + rule.description;
  text += "\n\n";
  if (!rule.docs.empty()) {
    text += rule.docs;
    while (text.ends_with('\n')) text.pop_back();
    text += "\n\n";
  }
  if (const std::string url = rule_docs_url(rule); !url.empty())
    text += markdown ? "[Rule documentation](" + url + ")" : "Rule documentation: " + url;
  return text;
}

std::optional<json> hover(const SourceFile& source, const std::vector<Finding>& findings,
                          TextPosition position, const RuleLookup& rules, HoverFormat format) {
  const bool markdown = format == HoverFormat::markdown;
  std::string text;
  std::optional<TextRange> range;
  std::set<std::string> shown;
  for (const Finding& finding : findings) {
    const TextRange finding_range = to_range(source, finding.span);
    if (!touches(finding_range, TextRange{position, position})) continue;
    if (!shown.insert(finding.rule_id).second) continue;
    const RuleSpec* rule = rules ? rules(finding.rule_id) : nullptr;
    if (!text.empty()) text += markdown ? "\n\n---\n\n" : "\n\n";
    if (rule) {
      text += rule_hover_text(*rule, format);
    } else {
      text +=
          (markdown ? "**" + finding.rule_id + "**" : finding.rule_id) + "\n\n" + finding.message;
    }
    if (!range) range = finding_range;
  }
  if (text.empty()) return std::nullopt;
  return json{{"contents", {{"kind", markdown ? "markdown" : "plaintext"}, {"value", text}}},
              {"range", to_json(*range)}};
}

}  // namespace digestlint::lsp
