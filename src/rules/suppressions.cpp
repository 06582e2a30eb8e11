#include "rules/suppressions.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/fenced_code.hpp"
#include "model/text.hpp"
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
  static const RE2 shape(R"((?s)^<!--\s*((?i:digestlint)\S*)(.*?)\s*-->\s*$)");
  std::string name, rest;
  if (!RE2::FullMatch(comment.text, shape, &name, &rest)) return std::nullopt;
  Directive directive{comment.span, Directive::Kind::disable, words(rest), {}};
  const auto& kinds = directive_kinds();
  const auto named = [&](std::string_view wanted) {
    return std::find_if(kinds.begin(), kinds.end(),
                        [&](const auto& k) { return k.first == wanted; });
  };
  const auto kind = named(name);
  std::string lowered = name;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), ascii_lowered);
  if (kind == kinds.end() && named(lowered) != kinds.end()) {
    directive.problem = fmt::format("directives are written in lower case: '{}'", lowered);
    return directive;
  }
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

// The lines that `disable-next-line` comments point at. Each finds the next line after its own that
// holds something other than blanks and comments; a comment inside a run of comments finds where
// the previous one's search ended, so a block of n comments is read once, not n times.
class NextContentLine {
 public:
  explicit NextContentLine(const SourceFile& source) : source_(source) {}

  Span after(int line) {
    if (line < searched_from_ || line >= found_) {
      searched_from_ = line;
      found_ = line + 1;
      while (found_ <= source_.line_count() && !holds_content(source_.line_text(found_))) {
        skip_comment_lines();
        ++found_;
      }
    }
    if (found_ > source_.line_count()) return {source_.text().size(), source_.text().size()};
    return source_.line_span(found_);
  }

 private:
  static bool holds_content(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    return first != std::string_view::npos && !text.substr(first).starts_with("<!--");
  }

  // On a line that opens a comment, moves found_ to the line that closes it: the lines of a
  // comment of several lines are no content either.
  void skip_comment_lines() {
    const std::string_view text = source_.line_text(found_);
    const std::size_t open = text.find("<!--");
    if (open == std::string_view::npos || text.find("-->", open + 4) != std::string_view::npos)
      return;
    while (found_ < source_.line_count() &&
           source_.line_text(found_ + 1).find("-->") == std::string_view::npos)
      ++found_;
    if (found_ < source_.line_count()) ++found_;  // the closing line
  }

  const SourceFile& source_;
  int searched_from_ = 0;
  int found_ = 0;  // no search yet: every line is at or past it
};

// The disable ranges not yet closed, by their index in the suppressions, and by the rules they
// name: an `enable` that names rules reaches its ranges without a walk over every open one.
class OpenRanges {
 public:
  void add(std::size_t index, const std::vector<std::string>& rules) {
    all_.insert(index);
    if (rules.empty()) every_rule_.insert(index);
    for (const std::string& rule : rules) by_rule_[rule].insert(index);
  }

  void remove(std::size_t index, const std::vector<std::string>& rules) {
    all_.erase(index);
    every_rule_.erase(index);
    for (const std::string& rule : rules) {
      const auto named = by_rule_.find(rule);
      if (named == by_rule_.end()) continue;
      named->second.erase(index);
      if (named->second.empty()) by_rule_.erase(named);  // the index keeps only open ranges
    }
  }

  // The open ranges an `enable` of `rules` closes, in the order they were opened: all of them
  // when it names no rule; else those of every rule and those that name one of its rules.
  std::set<std::size_t> closed_by(const std::vector<std::string>& rules) const {
    if (rules.empty()) return all_;
    std::set<std::size_t> closed = every_rule_;
    for (const std::string& rule : rules) {
      if (const auto named = by_rule_.find(rule); named != by_rule_.end())
        closed.insert(named->second.begin(), named->second.end());
    }
    return closed;
  }

 private:
  std::set<std::size_t> all_;
  std::set<std::size_t> every_rule_;
  std::map<std::string, std::set<std::size_t>> by_rule_;
};

}  // namespace

// Directives written after text on a line ("…합니다. <!-- digestlint-disable-next-line x -->"):
// Markdown makes them part of that text, so they do nothing; said rather than ignored.
// Whether a line is inside a fenced code block, the blocks found on first use: most files have
// no directive after text on a line and never need them.
class FencedLines {
 public:
  explicit FencedLines(const SourceFile& source) : source_(source) {}

  bool inside(int line) {
    if (!inside_) find_blocks();
    return (*inside_)[static_cast<std::size_t>(line - 1)];
  }

 private:
  void find_blocks() {
    inside_.emplace();
    FencedCode code;
    for (int line = 1; line <= source_.line_count(); ++line)
      inside_->push_back(code.inside_next(source_.line_text(line)));
  }

  const SourceFile& source_;
  std::optional<std::vector<bool>> inside_;  // by line, from line 1
};

// Whether an offset of a line falls in one of its code spans, asked at growing offsets: the
// line's backtick runs are paired once, and each question goes on from the last, so a long line
// of comments stays linear.
class CodeSpansOfLine {
 public:
  bool cover(int line_number, std::string_view line, std::size_t offset) {
    if (line_number != line_number_) {
      line_number_ = line_number;
      runs_ = backtick_runs(line);
      next_ = 0;
    }
    for (; next_ < runs_.size() && runs_[next_].start < offset; ++next_) {
      const std::size_t closing = runs_[next_].closing_run;
      if (closing == std::string_view::npos) continue;  // unclosed: literal backticks
      if (runs_[closing].start > offset) return true;
      next_ = closing;  // the span ends before the offset; go on after it
    }
    return false;
  }

 private:
  int line_number_ = -1;
  std::vector<BacktickRun> runs_;
  std::size_t next_ = 0;  // the first run that may open a span around a later offset
};

void add_directives_in_text(const SourceFile& source, std::vector<Directive>& result) {
  static const RE2 opening(R"((?i)<!--\s*digestlint)");
  FencedLines fences(source);
  const std::string_view text = source.text();
  constexpr std::size_t kOpeningBytes = 256;  // the longest blank run read before the word
  re2::StringPiece match;
  std::size_t next_close = 0;  // the first "-->" after the last search's start, or npos
  CodeSpansOfLine code_spans;
  for (std::size_t at = text.find("<!--"); at != std::string_view::npos;
       at = text.find("<!--", at + 4)) {
    const re2::StringPiece window(text.data() + at, std::min(kOpeningBytes, text.size() - at));
    if (!opening.Match(window, 0, window.size(), RE2::ANCHOR_START, &match, 1)) continue;
    // Lines are looked up in the source's index: searching the text for them would make a long
    // line of such comments quadratic.
    const int line_number = source.line_of(at);
    const Span line = source.line_span(line_number);
    const std::string_view before = text.substr(line.begin, at - line.begin);
    if (before.find_first_not_of(" \t") == std::string_view::npos)
      continue;  // at the start of its line: a comment of its own, read from the model
    // Shown as code, not written as a comment: in a code span or in a fenced block.
    if (code_spans.cover(line_number, text.substr(line.begin, line.end - line.begin),
                         at - line.begin) ||
        fences.inside(line_number)) {
      continue;
    }
    // Searched again only once passed, so comments that never close stay linear.
    if (next_close != std::string_view::npos && next_close < at + 4)
      next_close = text.find("-->", at + 4);
    const std::size_t end = next_close < line.end ? next_close + 3 : line.end;
    result.push_back({{at, end},
                      Directive::Kind::disable,
                      {},
                      "a directive after text on its line is part of that text and does nothing: "
                      "put the comment on a line of its own"});
  }
}

std::vector<Directive> read_directives(const SourceFile& source, const Digest& digest,
                                       const std::vector<std::string>& known_ids) {
  std::vector<Directive> result;
  for (const Field& comment : digest.comments) {
    if (auto directive = parse_directive(comment, known_ids))
      result.push_back(std::move(*directive));
  }
  const std::size_t own_lines = result.size();
  add_directives_in_text(source, result);
  // In source order, as the ranges are read.
  std::inplace_merge(
      result.begin(), result.begin() + static_cast<long>(own_lines), result.end(),
      [](const Directive& a, const Directive& b) { return a.comment.begin < b.comment.begin; });
  return result;
}

std::vector<Suppression> read_suppressions(const SourceFile& source,
                                           const std::vector<Directive>& directives) {
  std::vector<Suppression> result;
  OpenRanges open;
  NextContentLine next_content_line(source);
  const std::size_t file_end = source.text().size();
  for (const Directive& directive : directives) {
    if (!directive.problem.empty()) continue;
    const Span comment = directive.comment;
    Suppression s{comment, directive.rules, comment.end, file_end, false};
    if (directive.kind == Directive::Kind::enable) {
      // Close the ranges; when rules are named, those of a range that stay disabled go on in a
      // new range from here (it shares the comment, so "unused" is judged on both).
      for (const std::size_t index : open.closed_by(s.rules)) {
        open.remove(index, result[index].rules);
        result[index].end = comment.begin;
        std::vector<std::string> remaining;
        std::copy_if(result[index].rules.begin(), result[index].rules.end(),
                     std::back_inserter(remaining), [&](const std::string& rule) {
                       return std::find(s.rules.begin(), s.rules.end(), rule) == s.rules.end();
                     });
        if (!s.rules.empty() && !remaining.empty()) {
          open.add(result.size(), remaining);
          result.push_back({result[index].comment, std::move(remaining), comment.end, file_end});
        }
      }
      continue;
    }
    if (directive.kind == Directive::Kind::disable_next_line) {
      const Span line = next_content_line.after(source.line_of(comment.end));
      s.begin = line.begin;
      s.end = std::max(line.end, line.begin + 1);
    } else if (directive.kind == Directive::Kind::disable_file) {
      s.begin = 0;
    } else {
      open.add(result.size(), s.rules);
    }
    result.push_back(std::move(s));
  }
  return result;
}

// One sweep over the file by position, since a file may hold a suppression and a finding on every
// line. A suppression is active from its begin to its end, under each of its keys: the selectors
// it names, or "" when it names none. A finding asks every active key that selects its rule;
// keys are valid selectors (read_directives drops the others), so there are at most as many as
// rules and categories. Each suppression is marked used once, by the first finding it covers, so
// the work is linear in findings and suppressions.
void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Finding>& findings) {
  struct Key {
    int active = 0;
    std::vector<std::size_t> unused;  // suppressions opened under the key and not yet marked used
  };
  std::unordered_map<std::string_view, Key> keys;
  const auto for_each_key = [&](std::size_t suppression, const auto& visit) {
    const std::vector<std::string>& rules = suppressions[suppression].rules;
    if (rules.empty()) visit(keys[std::string_view()]);
    for (const std::string& rule : rules) visit(keys[rule]);
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
      for_each_key(opens[next_open].second, [&](Key& key) {
        ++key.active;
        key.unused.push_back(opens[next_open].second);
      });
    }
    for (; next_close < closes.size() && closes[next_close].first <= at; ++next_close) {
      for_each_key(closes[next_close].second, [](Key& key) { --key.active; });
    }
    if (finding.internal) continue;
    for (auto& [name, key] : keys) {
      if (key.active == 0 || !(name.empty() || selects(name, finding.rule_id))) continue;
      suppressed[index] = 1;
      for (const std::size_t i : key.unused) {
        if (suppressions[i].begin <= at && at < suppressions[i].end) suppressions[i].used = true;
      }
      key.unused.clear();  // used now, or closed for good: the sweep only moves on
    }
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
