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

namespace {

// One line of Markdown with its inline marks spelled out: code in quotes, a link as its text and
// address, bold as it reads.
void append_plain_line(std::string_view line, std::string& out) {
  for (std::size_t at = 0; at < line.size();) {
    if (line.substr(at, 2) == "**") {
      at += 2;
      continue;
    }
    if (line[at] == '`') {  // a code span closes at the next run of as many backticks
      const std::size_t code = std::min(line.find_first_not_of('`', at), line.size());
      const std::size_t ticks = code - at;
      std::size_t close = code;
      while ((close = line.find('`', close)) != std::string_view::npos) {
        const std::size_t run_end = std::min(line.find_first_not_of('`', close), line.size());
        if (run_end - close == ticks) break;
        close = run_end;
      }
      if (close == std::string_view::npos) {
        out += line.substr(at, ticks);  // unclosed: the backticks as written
      } else {
        out += '\'';
        out += line.substr(code, close - code);
        out += '\'';
      }
      at = close == std::string_view::npos ? code : close + ticks;
      continue;
    }
    if (line[at] == '[') {
      const std::size_t middle = line.find(']', at);
      const bool link = middle != std::string_view::npos && line.substr(middle, 2) == "](";
      const std::size_t end = link ? line.find(')', middle) : std::string_view::npos;
      if (end != std::string_view::npos) {
        out += line.substr(at + 1, middle - at - 1);
        out += " (";
        out += line.substr(middle + 2, end - middle - 2);
        out += ')';
        at = end + 1;
        continue;
      }
    }
    out += line[at++];
  }
}

// Rule docs for a client that shows plain text only: code fences dropped, headings as plain
// lines, inline marks spelled out (append_plain_line).
std::string plain_text(std::string_view markdown) {
  std::string out;
  for (std::size_t start = 0; start < markdown.size();) {
    const std::size_t end = std::min(markdown.find('\n', start), markdown.size());
    std::string_view line = markdown.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("```")) continue;
    if (line.starts_with('#')) {
      line.remove_prefix(std::min(line.find_first_not_of('#'), line.size()));
      if (line.starts_with(' ')) line.remove_prefix(1);
    }
    append_plain_line(line, out);
    out += '\n';
  }
  return out;
}

}  // namespace

std::string rule_hover_text(const RuleSpec& rule, HoverFormat format) {
  const bool markdown = format == HoverFormat::markdown;
  const std::string id = markdown ? "**" + rule.id + "**" : rule.id;
  std::string text = id + " (" + std::string(to_string(rule.severity)) + ")";
  if (!rule.description.empty()) text += " — " + rule.description;
  text += "\n\n";
  if (!rule.docs.empty()) {
    text += markdown ? rule.docs : plain_text(rule.docs);
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
