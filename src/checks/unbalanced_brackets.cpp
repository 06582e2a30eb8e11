// text/unbalanced-brackets: brackets in titles and summary sections come in pairs.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "checks/text_util.hpp"
#include "model/byte_words.hpp"
#include "model/text.hpp"
#include "rules/analyzer.hpp"
#include "rules/kinds/scoped.hpp"

namespace digestlint {
namespace {

using checks::BracketFamily;

// The bracket that pairs with cp, in the same width.
std::string partner(char32_t cp) {
  std::string out;
  checks::append_utf8(out, checks::bracket_of(cp).partner);
  return out;
}

// One counter per family: a closer whose family is not open is told at once.
constexpr std::size_t kFamilies = static_cast<std::size_t>(BracketFamily::corner) + 1;

std::size_t slot(BracketFamily family) {
  return static_cast<std::size_t>(family);
}

bool is_ascii_alnum(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

// The marker before a `)` as a comparable value: "2" → 2, "b" → 2, "ii" → 2 (roman numerals and
// letters share a scale, which only matters for `i)`, read either way).
int marker_value(std::string_view token) {
  if (token.find_first_not_of("0123456789") == std::string_view::npos)
    return std::stoi(std::string(token));
  static constexpr std::string_view kRoman[] = {"i",  "ii",  "iii",  "iv", "v",
                                                "vi", "vii", "viii", "ix", "x"};
  std::string lower;
  for (char c : token) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (int k = 0; k < 10; ++k) {
    if (lower == kRoman[k] && lower.size() > 1) return k + 1;
  }
  return lower.size() == 1 ? lower[0] - 'a' + 1 : 0;
}

bool is_enumerator(std::string_view token) {
  if (token.empty()) return false;
  const bool digits = token.find_first_not_of("0123456789") == std::string_view::npos;
  return digits ? token.size() <= 3 : marker_value(token) > 0;
}

using Cps = std::vector<checks::CodePoint>;

// What a list marker ends with.
bool is_closing_paren(char32_t cp) {
  return cp == U')' || cp == U'）';
}

// `1)`, `a)`, `iv)` at the start of the text or after a space, or an emoticon `:)`.
bool is_list_marker(const Cps& cps, std::size_t closer, std::string_view text) {
  if (!is_closing_paren(cps[closer].cp)) return false;
  std::size_t begin = closer;
  while (begin > 0 && is_ascii_alnum(cps[begin - 1].cp)) --begin;
  if (begin == closer) {
    return cps[closer].cp == U')' && closer > 0 &&
           (cps[closer - 1].cp == ':' || cps[closer - 1].cp == ';');
  }
  if (begin > 0 && !checks::is_space(cps[begin - 1].cp) && cps[begin - 1].cp != ',') return false;
  const std::size_t from = cps[begin].offset;
  return is_enumerator(text.substr(from, cps[closer].offset - from));
}

// `1) … 2) …`: consecutive list markers make an enumeration, whose `)` close nothing. One marker
// alone (`(see step 1)`) is taken as an ordinary parenthesis.
bool has_enumeration(const Cps& cps, std::string_view text) {
  std::vector<int> values;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (!is_closing_paren(cps[i].cp) || !is_list_marker(cps, i, text)) continue;
    std::size_t begin = i;
    while (begin > 0 && is_ascii_alnum(cps[begin - 1].cp)) --begin;
    if (begin == i) continue;  // an emoticon
    values.push_back(
        marker_value(text.substr(cps[begin].offset, cps[i].offset - cps[begin].offset)));
  }
  std::sort(values.begin(), values.end());
  for (const int value : values) {
    if (value > 0 && std::binary_search(values.begin(), values.end(), value + 1)) return true;
  }
  return false;
}

bool is_clause_break(char32_t cp) {
  return cp == ',' || cp == ':' || cp == ';' || cp == '.';
}

// Whether the scan below does anything at cp: a bracket, a clause break, or what opens a literal.
// Most code points of a text (letters, Hangul, spaces) are passed over at once.
bool matters(char32_t cp) {
  return is_clause_break(cp) || cp == '`' || cp == '$' ||
         checks::bracket_of(cp).family != BracketFamily::none;
}

// `(Section 2)` in an enumerated text: the `)` closes a `(` opened in the same clause (no `,`,
// `:`, `;` or `.` between them); after a clause break it is the next list marker. The caller
// tracks the last clause break, so this costs O(1) however long the clause.
template <typename Stack>
bool closes_own_clause(const Stack& stack, std::optional<std::size_t> last_break) {
  if (stack.empty() || stack.back().family != BracketFamily::paren) return false;
  return !last_break || *last_break < stack.back().index;
}

// `[0, 1)` or `(0, 1]`: a half-open interval between a parenthesis and a square bracket.
bool is_interval(const Cps& cps, std::size_t opener, std::size_t closer, BracketFamily open,
                 BracketFamily close) {
  if (!((open == BracketFamily::paren && close == BracketFamily::square) ||
        (open == BracketFamily::square && close == BracketFamily::paren)))
    return false;
  if (closer - opener > 24) return false;
  int commas = 0;
  for (std::size_t i = opener + 1; i < closer; ++i) {
    if (cps[i].cp == ',') ++commas;
    if (checks::bracket_of(cps[i].cp).family != BracketFamily::none) return false;
  }
  return commas == 1;
}

// Index past a code span or $…$ starting at i, or i when there is none. `runs` are the text's
// backtick runs; `run` is the first of them not before cps[i], moved on as the scan goes.
std::size_t skip_literal(const Cps& cps, std::size_t i, const std::vector<BacktickRun>& runs,
                         std::size_t& run) {
  if (cps[i].cp == '`') {
    while (runs[run].start + runs[run].length <= cps[i].offset) ++run;
    const BacktickRun& opening = runs[run];
    // Unclosed, the opening run's own backticks are literal.
    const BacktickRun& last =
        opening.closing_run == std::string_view::npos ? opening : runs[opening.closing_run];
    std::size_t past = i;
    while (past < cps.size() && cps[past].offset < last.start + last.length) ++past;
    return past;
  }
  if (cps[i].cp == '$') {
    for (std::size_t k = i + 1; k < cps.size(); ++k) {
      if (cps[k].cp == '$') return k + 1;
    }
  }
  return i;
}

// `1)`, `b)` or `iv)` after the start, a space or a comma (or a byte of a character that may be
// a space): what is_list_marker may take for a list marker, which an enumeration leaves out of
// the pairing.
bool may_be_list_marker(std::string_view text, std::size_t closer) {
  std::size_t begin = closer;
  while (begin > 0 && is_ascii_alnum(static_cast<unsigned char>(text[begin - 1]))) --begin;
  if (begin == closer) return false;  // at most an emoticon, a closer like any other then
  if (!is_enumerator(text.substr(begin, closer - begin))) return false;
  if (begin == 0) return true;
  const auto before = static_cast<unsigned char>(text[begin - 1]);
  return before <= ' ' || before == ',' || before >= 0x80;
}

// The bytes that may start a bracket, a code span or a formula.
using Matters = byte_words::AnyOf<'(', ')', '[', ']', '{', '}', 0xE3, 0xEF, '`', '$'>;
static_assert([] {
  for (int byte = 0; byte < 256; ++byte) {
    const auto c = static_cast<char>(byte);
    const bool matters = checks::may_start_bracket(c) || c == '`' || c == '$';
    if (matters != Matters::contains(static_cast<unsigned char>(byte))) return false;
  }
  return true;
}());

// Whether the scan below could report anything. It cannot when the text's brackets are ASCII and
// nest perfectly, and nothing can take one out of the pairing: no code span or formula, and no
// list marker (so no enumeration). That is most titles and sections, read here by their bytes
// (sixteen at a time between the ones that matter) instead of decoded.
bool may_be_unbalanced(std::string_view text) {
  std::array<char32_t, 64> partners{};  // of the open brackets; deeper nesting takes the scan
  std::size_t depth = 0;
  for (std::size_t i = 0; (i = Matters::find(text, i)) < text.size(); ++i) {
    if (text[i] == '`' || text[i] == '$') return true;  // a code span or a formula
    std::size_t length = 0;
    const checks::Bracket bracket = checks::bracket_of(decode_utf8(text, i, length));
    if (bracket.family == BracketFamily::none) continue;
    if (length > 1) return true;  // fullwidth or corner
    if (bracket.open) {
      if (depth == partners.size()) return true;
      partners[depth++] = bracket.partner;
    } else if (depth == 0 || partners[--depth] != static_cast<char32_t>(text[i]) ||
               (text[i] == ')' && may_be_list_marker(text, i))) {
      return true;
    }
  }
  return depth != 0;
}

// Runs on the rule's scopes (title and section in the default pack).
class UnbalancedBrackets final : public ScopedAnalyzer {
 public:
  using ScopedAnalyzer::ScopedAnalyzer;

 protected:
  void check_target(const CheckContext& ctx, const Target& target) const override {
    const std::string_view text = target.text;
    if (!may_be_unbalanced(text)) return;  // every finding is at a bracket out of place
    const Cps cps = checks::code_points(text);
    struct Open {
      std::size_t index;
      BracketFamily family;
    };
    std::vector<Open> stack;
    const auto report = [&](std::size_t index, std::string problem) {
      ctx.sink.report(target.to_source(cps[index].offset, cps[index].offset + cps[index].length),
                      {{"bracket", std::string(text.substr(cps[index].offset, cps[index].length))},
                       {"problem", std::move(problem)}});
    };
    const auto report_unclosed = [&](const Open& open) {
      report(open.index, fmt::format("'{}' is never closed by a '{}'",
                                     text.substr(cps[open.index].offset, cps[open.index].length),
                                     partner(cps[open.index].cp)));
    };
    const bool enumeration = has_enumeration(cps, text);
    std::optional<std::size_t> last_break;
    const std::vector<BacktickRun> runs = backtick_runs(text);
    std::size_t run = 0;  // the first backtick run not before the scan
    // How many brackets of each family the stack holds: a closer whose family is not open is
    // told at once, without walking a deep stack of other brackets.
    std::array<std::size_t, kFamilies> open_count{};
    const auto pop_to = [&](std::size_t size) {
      for (std::size_t k = size; k < stack.size(); ++k) --open_count[slot(stack[k].family)];
      stack.resize(size);
    };
    for (std::size_t i = 0; i < cps.size();) {
      if (!matters(cps[i].cp)) {
        ++i;
        continue;
      }
      if (is_clause_break(cps[i].cp)) last_break = i;
      if (enumeration && is_list_marker(cps, i, text) && !closes_own_clause(stack, last_break)) {
        ++i;
        continue;
      }
      if (const std::size_t past = skip_literal(cps, i, runs, run); past != i) {
        for (; i < past; ++i) {
          if (is_clause_break(cps[i].cp)) last_break = i;
        }
        continue;
      }
      const checks::Bracket kind = checks::bracket_of(cps[i].cp);
      if (kind.family == BracketFamily::none) {
        ++i;
        continue;
      }
      if (kind.open) {
        stack.push_back({i, kind.family});
        ++open_count[slot(kind.family)];
      } else if (!stack.empty() &&
                 (stack.back().family == kind.family ||
                  is_interval(cps, stack.back().index, i, stack.back().family, kind.family))) {
        pop_to(stack.size() - 1);
      } else {
        std::size_t match = open_count[slot(kind.family)] > 0 ? stack.size() : 0;
        while (match > 0 && stack[match - 1].family != kind.family) --match;
        if (match > 0) {
          // Everything opened after the match was left open.
          for (std::size_t k = match; k < stack.size(); ++k) report_unclosed(stack[k]);
          pop_to(match - 1);
        } else if (!is_list_marker(cps, i, text)) {
          report(i, fmt::format("'{}' has no matching '{}'",
                                text.substr(cps[i].offset, cps[i].length), partner(cps[i].cp)));
        }
      }
      ++i;
    }
    for (const Open& open : stack) report_unclosed(open);
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<UnbalancedBrackets>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("unbalanced-brackets", /*declarative=*/false, make,
                             {"bracket", "problem"}, {}, ParamNames{})
}  // namespace digestlint
