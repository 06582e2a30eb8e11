#include "rules/suppressions.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <sstream>

#include "rules/config.hpp"

namespace digestlint {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) {
    while (!word.empty() && word.back() == ',') word.pop_back();
    if (!word.empty()) result.push_back(word);
  }
  return result;
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

std::vector<Suppression> read_suppressions(const SourceFile& source, const Digest& digest) {
  static const RE2 directive(
      R"(^<!--\s*digestlint-(disable-next-line|disable-file|disable|enable)\b\s*(.*?)\s*-->$)");
  std::vector<Suppression> result;
  std::vector<std::size_t> open;  // indexes of disable ranges not yet closed
  const std::size_t file_end = source.text().size();
  for (const Field& comment : digest.comments) {
    std::string kind, rules;
    if (!RE2::FullMatch(comment.text, directive, &kind, &rules)) continue;
    Suppression s{comment.span, words(rules), comment.span.end, file_end, false};
    if (kind == "enable") {
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
        range.end = comment.span.begin;
        std::vector<std::string> remaining;
        std::copy_if(range.rules.begin(), range.rules.end(), std::back_inserter(remaining),
                     [&](const std::string& rule) { return !named(rule); });
        if (!s.rules.empty() && !remaining.empty()) {
          Suppression rest{range.comment, std::move(remaining), comment.span.end, file_end, false};
          still_open.push_back(result.size());
          result.push_back(std::move(rest));
        }
      }
      open = std::move(still_open);
      continue;
    }
    if (kind == "disable-next-line") {
      const Span line = next_content_line(source, source.line_of(comment.span.end));
      s.begin = line.begin;
      s.end = std::max(line.end, line.begin + 1);
    } else if (kind == "disable-file") {
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
