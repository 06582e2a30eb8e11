#pragma once
#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "rules/scope.hpp"
#include "rules/screen_prefilter.hpp"

namespace digestlint {

struct CheckContext;

// One pass over a target for every regular-expression rule of its scope. A rule's search reads
// the whole target when nothing matches, which is the common case, so three rules over a section
// read it three times; an RE2::Set of their patterns reads it once and says which of them match
// at all, and only those rules search it again, for where.
//
// A set costs a compilation (the author patterns' Unicode classes make it a millisecond or more),
// which a one-file run (the pre-commit hook's) would not win back. So a scope's set is compiled
// only once the run's rules have asked kQuestionsBeforeSet questions about its targets (one per
// rule and target): before that, and for a scope of one pattern, matches() has no answer and
// each rule searches alone, as it would without a screen. The editor's server keeps one screen
// across edits: after a few edits of a large digest, one re-lint compiles the set.
//
// Before the set reads a target, a prefilter (ScreenPrefilter) reads its bytes for the literals
// the patterns require: a target holding none is screened without the set, for every pattern but
// one that needs no literal (text/truncated's end, which its rule then searches from the end).
class RegexScreen {
 public:
  // Matches: one bit per pattern of the target's scope, in the order they were added.
  using Matches = std::uint64_t;
  static constexpr std::size_t kMaxPatterns = 64;
  static constexpr std::size_t kQuestionsBeforeSet = 2000;
  // What the screen knows of a target: the patterns it decided, and which of those match.
  struct Answer {
    Matches matched;
    Matches decided;
    bool operator==(const Answer&) const = default;
  };
  // The answer of a set that cannot decide.
  static constexpr Answer kUndecided{0, 0};
  // Targets up to this many bytes may be asked first whether any pattern matches, once a scope's
  // first kSampledTargets have shown how often none does (see asks_any_first).
  static constexpr std::size_t kShortTarget = 256;
  static constexpr std::size_t kSampledTargets = 1024;

  // Files a rule's pattern under each of its scopes, before the run. A pattern compiled with
  // other options than the first one of its scope, or past kMaxPatterns, is not screened.
  void add(const RE2& pattern, const std::vector<Scope>& scopes);

  // Whether `pattern` matches somewhere in the target, as the screen read it; no value when the
  // screen cannot say (the pattern, its scope or the target is not screened, the run is too
  // young, or the set failed). Each target is read once per file: the result is kept among the
  // file's shared analyses, and a target that is not in the file's target cache is not screened.
  // Thread-safe.
  std::optional<bool> matches(const CheckContext& context, const Target& target,
                              const RE2& pattern) const;

  // The patterns of `scope` that match `text`, compiling the scope's set if it was not yet;
  // kUndecided when the set cannot decide (it failed to compile, or its DFA ran out of memory).
  Answer screen(Scope scope, std::string_view text) const;

 private:
  struct ScopeSet {
    std::vector<const RE2*> patterns;  // index: the pattern's bit
    mutable std::atomic<std::size_t> questions{0};
    mutable std::once_flag compiled;
    mutable std::unique_ptr<RE2::Set> set;  // null until compiled, or when it failed
    // Built with the set, when it can rule out every pattern but at most one (which its rule
    // then searches alone): the patterns it rules out for a target, the set is not asked about.
    mutable std::unique_ptr<const ScreenPrefilter> prefilter;
    // The targets screened while learning how the scope's targets match, and those of them
    // that matched no pattern.
    mutable std::atomic<std::size_t> sampled{0};
    mutable std::atomic<std::size_t> quiet{0};
  };
  static bool asks_any_first(const ScopeSet& scope, std::string_view text);
  std::optional<std::size_t> bit_of(const ScopeSet& scope, const RE2& pattern) const;

  std::array<ScopeSet, kScopeCount> sets_;
};

// What the run's screen (CheckContext::screen) knows of whether `pattern` matches the target.
std::optional<bool> screened(const CheckContext& context, const Target& target, const RE2& pattern);

}  // namespace digestlint
