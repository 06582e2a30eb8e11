#include "lsp/hover.hpp"

#include <cassert>
#include <set>
#include <utility>
#include <vector>

#include "lsp/diagnostics.hpp"
#include "model/text.hpp"
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

// The first `c` at or after a position, for positions that only grow: a search starts where the
// last one's answer still stands, so a line of many unclosed '[' is read once.
class NextOf {
 public:
  NextOf(std::string_view line, char c) : line_(line), c_(c) {}
  std::size_t from(std::size_t at) {
    if (!searched_ || (found_ != std::string_view::npos && found_ < at)) {
      found_ = line_.find(c_, at);
      searched_ = true;
    }
    return found_;
  }

 private:
  std::string_view line_;
  char c_;
  bool searched_ = false;
  std::size_t found_ = std::string_view::npos;
};

// One line of Markdown with its inline marks spelled out: code in quotes, a link as its text and
// address, bold as it reads. Linear in the line.
void append_plain_line(std::string_view line, std::string& out) {
  const std::vector<BacktickRun> runs = backtick_runs(line);
  std::size_t run = 0;  // the first run not before `at`
  NextOf bracket(line, ']'), paren(line, ')');
  for (std::size_t at = 0; at < line.size();) {
    if (line.substr(at, 2) == "**") {
      at += 2;
      continue;
    }
    if (line[at] == '`') {  // a run starts here: the runs inside a link's text were passed over
      while (runs[run].start < at) ++run;
      assert(runs[run].start == at);  // marks and links end before a run or after it
      const BacktickRun& opening = runs[run];
      const std::size_t code = opening.start + opening.length;
      if (opening.closing_run == std::string_view::npos) {
        out += line.substr(at, opening.length);  // unclosed: the backticks as written
        at = code;
      } else {
        const BacktickRun& closing = runs[opening.closing_run];
        out += '\'';
        out += line.substr(code, closing.start - code);
        out += '\'';
        at = closing.start + closing.length;
      }
      continue;
    }
    if (line[at] == '[') {
      const std::size_t middle = bracket.from(at);
      const bool link = middle != std::string_view::npos && line.substr(middle, 2) == "](";
      const std::size_t end = link ? paren.from(middle) : std::string_view::npos;
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
