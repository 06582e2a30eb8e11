#include "rules/suppressions.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "rules/config.hpp"
#include "rules/did_you_mean.hpp"

namespace digestlint {
namespace {

// Rule selectors separated by blanks and/or commas.
std::vector<std::string> words(std::string text) {
  std::replace(text.begin(), text.end(), ',', ' ');
  std::vector<std::string> result;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) result.push_back(word);
  return result;
}

const std::vector<std::pair<std::string, Directive::Kind>>& directive_kinds() {
  static const std::vector<std::pair<std::string, Directive::Kind>> kinds{
      {"digestlint-disable", Directive::Kind::disable},
      {"digestlint-enable", Directive::Kind::enable},
      {"digestlint-disable-next-line", Directive::Kind::disable_next_line},
      {"digestlint-disable-file", Directive::Kind::disable_file}};
  return kinds;
}

// A comment that starts with `digestlint` is meant as a directive; it is read by the exact
// grammar, so a typo is reported instead of being taken for another directive or ignored.
std::optional<Directive> parse_directive(const Field& comment,
                                         const std::vector<std::string>& known_ids) {
  static const RE2 shape(R"((?s)^<!--\s*(digestlint\S*)(.*?)\s*-->\s*$)");
  std::string name, rest;
  if (!RE2::FullMatch(comment.text, shape, &name, &rest)) return std::nullopt;
  Directive directive{comment.span, Directive::Kind::disable, words(rest), {}};
  const auto& kinds = directive_kinds();
  const auto kind =
      std::find_if(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == name; });
  if (kind == kinds.end()) {
    std::vector<std::string> names;
    for (const auto& k : kinds) names.push_back(k.first);
    directive.problem = fmt::format(
        "unknown directive '{}'{} (expected digestlint-disable, -enable, -disable-next-line or "
        "-disable-file)",
        name, did_you_mean(name, names));
    return directive;
  }
  directive.kind = kind->second;
  for (const std::string& rule : directive.rules) {
    const bool known = std::any_of(known_ids.begin(), known_ids.end(),
                                   [&](const std::string& id) { return selects(rule, id); });
    if (known) continue;
    directive.problem =
        fmt::format("'{}' is no rule id or category{}", rule, did_you_mean(rule, known_ids));
    return directive;
  }
  return directive;
}

// Where the line after `line` that holds something other than blanks and comments starts and ends.
Span next_content_line(const SourceFile& source, int line) {
  for (int next = line + 1; next <= source.line_count(); ++next) {
    const std::string_view text = source.line_text(next);
    const auto first = text.find_first_not_of(" \t");
    if (first != std::string_view::npos && !text.substr(first).starts_with("<!--"))
      return source.line_span(next);
  }
  return {source.text().size(), source.text().size()};
}

bool covers(const Suppression& s, const Finding& finding) {
  if (finding.internal) return false;
  if (finding.span.begin < s.begin || finding.span.begin >= s.end) return false;
  return s.rules.empty() || std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& r) {
           return selects(r, finding.rule_id);
         });
}

}  // namespace

std::vector<Directive> read_directives(const Digest& digest,
                                       const std::vector<std::string>& known_ids) {
  std::vector<Directive> result;
  for (const Field& comment : digest.comments) {
    if (auto directive = parse_directive(comment, known_ids))
      result.push_back(std::move(*directive));
  }
  return result;
}

std::vector<Suppression> read_suppressions(const SourceFile& source,
                                           const std::vector<Directive>& directives) {
  std::vector<Suppression> result;
  std::vector<std::size_t> open;  // indexes of disable ranges not yet closed
  const std::size_t file_end = source.text().size();
  for (const Directive& directive : directives) {
    if (!directive.problem.empty()) continue;
    const Span comment = directive.comment;
    Suppression s{comment, directive.rules, comment.end, file_end, false};
    if (directive.kind == Directive::Kind::enable) {
      // Close the open ranges; when rules are named, those of a range that stay disabled go on
      // in a new range from here (it shares the comment, so "unused" is judged on both).
      std::vector<std::size_t> still_open;
      for (const std::size_t index : open) {
        Suppression& range = result[index];
        const auto named = [&](const std::string& rule) {
          return std::find(s.rules.begin(), s.rules.end(), rule) != s.rules.end();
        };
        if (!s.rules.empty() && std::none_of(range.rules.begin(), range.rules.end(), named) &&
            !range.rules.empty()) {
          still_open.push_back(index);
          continue;
        }
        range.end = comment.begin;
        std::vector<std::string> remaining;
        std::copy_if(range.rules.begin(), range.rules.end(), std::back_inserter(remaining),
                     [&](const std::string& rule) { return !named(rule); });
        if (!s.rules.empty() && !remaining.empty()) {
          Suppression rest{range.comment, std::move(remaining), comment.end, file_end, false};
          still_open.push_back(result.size());
          result.push_back(std::move(rest));
        }
      }
      open = std::move(still_open);
      continue;
    }
    if (directive.kind == Directive::Kind::disable_next_line) {
      const Span line = next_content_line(source, source.line_of(comment.end));
      s.begin = line.begin;
      s.end = std::max(line.end, line.begin + 1);
    } else if (directive.kind == Directive::Kind::disable_file) {
      s.begin = 0;
    } else {
      open.push_back(result.size());
    }
    result.push_back(std::move(s));
  }
  return result;
}

void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Finding>& findings) {
  std::erase_if(findings, [&](const Finding& finding) {
    bool suppressed = false;
    for (Suppression& s : suppressions) {
      if (covers(s, finding)) suppressed = s.used = true;
    }
    return suppressed;
  });
}

}  // namespace digestlint
