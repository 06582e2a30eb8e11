#pragma once
#include <re2/re2.h>

#include <functional>
#include <memory>
#include <string>

#include "rules/params.hpp"

namespace digestlint {

// Compiles a regular expression of a rule or profile without logging; `fail(message)` (which
// throws) is told what is wrong with it, to say where: an empty expression (it would match
// everywhere) or a syntax error, with a hint for what RE2 lacks.
std::unique_ptr<RE2> compile_rule_regex(const std::string& text,
                                        const std::function<void(const std::string&)>& fail);

// Compiles a rule's regular expression parameter; a syntax error points at the parameter.
std::unique_ptr<RE2> compile_param_regex(const Params& params, const std::string& key);

// Whether the expression has an empty match in a non-empty text: `^$` (an empty target) has
// none, while `x*` has one at every position.
bool matches_empty_inside_text(const RE2& re);
// What is wrong with such an expression, after "the expression" (or "the phrase …").
inline constexpr const char* kEmptyMatchProblem =
    "matches an empty text inside a target (as `x*`, `^` or `\\b` do), so it would report an "
    "empty match at every such place: make it match at least one character, or anchor an empty "
    "match at both ends (`^$`)";

// Calls on_match(begin, end, groups) for each non-overlapping match of re in text.
template <class OnMatch>
void for_each_match(const RE2& re, std::string_view text, OnMatch on_match) {
  const re2::StringPiece input(text.data(), text.size());
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(re.NumberOfCapturingGroups()) + 1);
  std::size_t pos = 0;
  while (pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(),
                                        static_cast<int>(groups.size()))) {
    const auto begin = static_cast<std::size_t>(groups[0].data() - text.data());
    const std::size_t end = begin + groups[0].size();
    on_match(begin, end, groups);
    if (end > pos) {
      pos = end;
      continue;
    }
    // An empty match: step over one whole UTF-8 character.
    pos = end + 1;
    while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  }
}

}  // namespace digestlint
