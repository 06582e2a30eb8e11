#include "rules/regex_screen.hpp"

#include <array>
#include <bit>
#include <functional>

#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

// A set compiles every pattern with one set of options.
bool same_options(const RE2::Options& a, const RE2::Options& b) {
  return a.encoding() == b.encoding() && a.posix_syntax() == b.posix_syntax() &&
         a.longest_match() == b.longest_match() && a.literal() == b.literal() &&
         a.never_nl() == b.never_nl() && a.dot_nl() == b.dot_nl() &&
         a.case_sensitive() == b.case_sensitive() && a.perl_classes() == b.perl_classes() &&
         a.word_boundary() == b.word_boundary() && a.one_line() == b.one_line();
}

// A file's screened targets, by scope and index in the file's target cache.
struct ScreenedTargets {
  std::array<std::vector<std::optional<RegexScreen::Answer>>, kScopeCount> by_scope;
};

// The target's index among the file's targets of its scope; none for a target built elsewhere
// (by a rule without the file's target cache), whose answer could not be kept.
std::optional<std::size_t> index_in(const std::vector<Target>& targets, const Target& target) {
  const std::less<const Target*> before;
  if (targets.empty() || before(&target, targets.data()) ||
      !before(&target, targets.data() + targets.size()))
    return std::nullopt;
  return static_cast<std::size_t>(&target - targets.data());
}

}  // namespace

void RegexScreen::add(const RE2& pattern, const std::vector<Scope>& scopes) {
  for (const Scope scope : scopes) {
    ScopeSet& entry = sets_[static_cast<std::size_t>(scope)];
    if (entry.patterns.size() == kMaxPatterns) continue;
    if (!entry.patterns.empty() &&
        !same_options(entry.patterns.front()->options(), pattern.options()))
      continue;
    entry.patterns.push_back(&pattern);
  }
}

RegexScreen::Answer RegexScreen::screen(Scope scope, std::string_view text) const {
  const ScopeSet& entry = sets_[static_cast<std::size_t>(scope)];
  std::call_once(entry.compiled, [&entry] {
    if (entry.patterns.empty()) return;
    RE2::Options options = entry.patterns.front()->options();
    options.set_log_errors(false);
    auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    bool added = true;
    for (const RE2* pattern : entry.patterns)
      added = added && set->Add(pattern->pattern(), nullptr) >= 0;
    if (added && set->Compile()) entry.set = std::move(set);
    auto prefilter = ScreenPrefilter::build(entry.patterns);
    if (prefilter && std::popcount(prefilter->always()) <= 1)
      entry.prefilter = std::move(prefilter);
  });
  if (!entry.set) return kUndecided;
  constexpr Matches kAll = ~Matches{0};
  if (entry.prefilter) {
    const Matches ruled_out = ~entry.prefilter->potential(text);
    if ((ruled_out | entry.prefilter->always()) == kAll) return {0, ruled_out};
  }
  RE2::Set::ErrorInfo error{};
  if (asks_any_first(entry, text) && !entry.set->Match(text, nullptr, &error))
    return error.kind == RE2::Set::kNoError ? Answer{0, kAll} : kUndecided;
  std::vector<int> matched;
  if (!entry.set->Match(text, &matched, &error) && error.kind != RE2::Set::kNoError)
    return kUndecided;
  Matches bits = 0;
  for (const int index : matched) bits |= Matches{1} << index;
  if (entry.sampled.load(std::memory_order_relaxed) < kSampledTargets) {
    entry.sampled.fetch_add(1, std::memory_order_relaxed);
    if (bits == 0) entry.quiet.fetch_add(1, std::memory_order_relaxed);
  }
  return {bits, kAll};
}

// Asking which patterns match costs the set three allocations, as much as reading a few hundred
// bytes; asking whether any does costs none and stops at the first match, but a target that
// matches is then read again. So a short target is asked first only in a scope whose targets
// mostly match nothing, as its first kSampledTargets showed (author names do; short sections
// and links nearly always match some pattern).
bool RegexScreen::asks_any_first(const ScopeSet& scope, std::string_view text) {
  const std::size_t sampled = scope.sampled.load(std::memory_order_relaxed);
  return text.size() <= kShortTarget && sampled >= kSampledTargets &&
         scope.quiet.load(std::memory_order_relaxed) * 4 >= sampled * 3;
}

std::optional<std::size_t> RegexScreen::bit_of(const ScopeSet& scope, const RE2& pattern) const {
  for (std::size_t bit = 0; bit < scope.patterns.size(); ++bit) {
    if (scope.patterns[bit] == &pattern) return bit;
  }
  return std::nullopt;
}

std::optional<bool> RegexScreen::matches(const CheckContext& context, const Target& target,
                                         const RE2& pattern) const {
  const ScopeSet& entry = sets_[static_cast<std::size_t>(target.scope)];
  // One pattern is searched as fast alone.
  if (entry.patterns.size() < 2 || !context.targets || !context.analyses) return std::nullopt;
  const std::optional<std::size_t> bit = bit_of(entry, pattern);
  if (!bit) return std::nullopt;
  if (entry.questions.load(std::memory_order_relaxed) < kQuestionsBeforeSet) {
    entry.questions.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  const std::vector<Target>& targets = context.targets->of(target.scope);
  const std::optional<std::size_t> index = index_in(targets, target);
  if (!index) return std::nullopt;
  auto& memo = context.analyses->get<ScreenedTargets>(this, [] { return ScreenedTargets{}; })
                   .by_scope[static_cast<std::size_t>(target.scope)];
  memo.resize(targets.size());
  std::optional<Answer>& answer = memo[*index];
  if (!answer) answer = screen(target.scope, target.text);
  // Not decided (the set could not, or the prefilter ruled out the others only): the rule
  // searches as it would without a screen.
  if (((answer->decided >> *bit) & 1) == 0) return std::nullopt;
  return ((answer->matched >> *bit) & 1) != 0;
}

std::optional<bool> screened(const CheckContext& context, const Target& target,
                             const RE2& pattern) {
  return context.screen ? context.screen->matches(context, target, pattern) : std::nullopt;
}

}  // namespace digestlint
