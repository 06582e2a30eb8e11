#include "rules/suppressions.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <numeric>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

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

// One sweep over the file by position, since a file may hold a suppression and a finding on every
// line. A suppression is active from its begin to its end, under each of its keys: the selectors
// it names, or "" when it names none. A finding asks the keys that select its rule: "", "ALL",
// its id and each category above it. Each suppression is marked used once, by the first finding
// it covers, so the work is linear in findings and suppressions.
void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Finding>& findings) {
  struct Key {
    int active = 0;
    std::vector<std::size_t> unused;  // suppressions opened under the key and not yet marked used
  };
  std::unordered_map<std::string_view, Key> keys;
  const auto keys_of = [&](const Suppression& s) {
    std::vector<std::string_view> names(s.rules.begin(), s.rules.end());
    if (names.empty()) names.emplace_back();
    return names;
  };
  std::vector<std::pair<std::size_t, std::size_t>> opens, closes;  // (offset, suppression)
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    if (suppressions[i].begin >= suppressions[i].end) continue;
    opens.emplace_back(suppressions[i].begin, i);
    closes.emplace_back(suppressions[i].end, i);
  }
  std::sort(opens.begin(), opens.end());
  std::sort(closes.begin(), closes.end());
  std::vector<std::size_t> order(findings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return findings[a].span.begin < findings[b].span.begin;
  });
  std::vector<char> suppressed(findings.size(), 0);
  std::size_t next_open = 0, next_close = 0;
  for (const std::size_t index : order) {
    const Finding& finding = findings[index];
    const std::size_t at = finding.span.begin;
    for (; next_open < opens.size() && opens[next_open].first <= at; ++next_open) {
      for (const std::string_view name : keys_of(suppressions[opens[next_open].second])) {
        Key& key = keys[name];
        ++key.active;
        key.unused.push_back(opens[next_open].second);
      }
    }
    for (; next_close < closes.size() && closes[next_close].first <= at; ++next_close) {
      for (const std::string_view name : keys_of(suppressions[closes[next_close].second])) {
        --keys[name].active;
      }
    }
    if (finding.internal) continue;
    const auto ask = [&](std::string_view name) {
      const auto key = keys.find(name);
      if (key == keys.end() || key->second.active == 0) return;
      suppressed[index] = 1;
      for (const std::size_t i : key->second.unused) {
        if (suppressions[i].begin <= at && at < suppressions[i].end) suppressions[i].used = true;
      }
      key->second.unused.clear();  // used now, or closed for good: the sweep only moves on
    };
    ask("");
    ask("ALL");
    const std::string_view id = finding.rule_id;
    for (std::size_t slash = id.find('/'); slash != std::string_view::npos;
         slash = id.find('/', slash + 1)) {
      ask(id.substr(0, slash));
    }
    ask(id);
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (suppressed[i]) continue;
    if (kept != i) findings[kept] = std::move(findings[i]);  // a self-move would empty it
    ++kept;
  }
  findings.erase(findings.begin() + static_cast<std::ptrdiff_t>(kept), findings.end());
}

}  // namespace digestlint
