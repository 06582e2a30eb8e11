#pragma once
#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "rules/scope.hpp"

namespace digestlint {

struct CheckContext;

// One pass over a target for every regular-expression rule of its scope. A rule's search reads
// the whole target when nothing matches, which is the common case, so three rules over a section
// read it three times; an RE2::Set of their patterns reads it once and says which of them match
// at all, and only those rules search it again, for where.
class RegexScreen {
 public:
  // Matches: one bit per pattern of the target's scope, in the order they were added.
  using Matches = std::uint64_t;
  static constexpr std::size_t kMaxPatterns = 64;

  // Files a rule's pattern under each of its scopes of long texts (sections, summaries, entries,
  // the document). A pattern compiled with other options than the first one of a scope, or past
  // kMaxPatterns, is not screened: matches() has no answer for it.
  void add(const RE2& pattern, const std::vector<Scope>& scopes);
  // Compiles the sets of the scopes with two patterns or more (one pattern is searched as fast
  // alone); before it, or when a set fails to compile, nothing is screened.
  void compile();

  // Whether `pattern` matches somewhere in the target, as the screen read it; no value when the
  // screen cannot say (the pattern or the target is not screened, or the set failed). Each target
  // is read once per file: the result is kept among the file's shared analyses, and a target
  // that is not in the file's target cache is not screened.
  std::optional<bool> matches(const CheckContext& context, const Target& target,
                              const RE2& pattern) const;

  // The patterns of `scope` that match `text`; every bit set when the set could not decide (its
  // DFA ran out of memory), which matches() reads as "it may".
  Matches screen(Scope scope, std::string_view text) const;

 private:
  struct ScopeSet {
    std::unique_ptr<RE2::Set> set;
    std::vector<const RE2*> patterns;  // index: the pattern's bit
  };
  std::optional<std::size_t> bit_of(Scope scope, const RE2& pattern) const;

  static constexpr std::size_t kScopes = static_cast<std::size_t>(Scope::summary) + 1;
  std::array<ScopeSet, kScopes> sets_;
  bool compiled_ = false;
};

// What the run's screen (CheckContext::screen) knows of whether `pattern` matches the target.
std::optional<bool> screened(const CheckContext& context, const Target& target, const RE2& pattern);

}  // namespace digestlint
