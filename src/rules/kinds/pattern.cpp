// kind: pattern — an expression that must not match in the scope; one finding per match.
#include <string_view>
#include <utility>

#include "rules/kinds/declarative_fix.hpp"
#include "rules/kinds/regex.hpp"
#include "rules/kinds/scoped.hpp"
#include "rules/regex_screen.hpp"

namespace digestlint {
namespace {

// Whether the expression has an empty match in a non-empty text: `^$` (an empty target) has
// none, while `x*` has one at every position.
bool matches_empty_inside_text(const RE2& re) {
  // Punctuation at both ends, words, a space and an empty line: where `^\B`, `\b`, `\B$` and
  // `(?m)^$` find an empty match. One probe: the check runs as every pack loads.
  constexpr std::string_view kProbe = "(a b)\n\n.";
  const re2::StringPiece text(kProbe.data(), kProbe.size());
  re2::StringPiece match;
  for (std::size_t at = 0; at <= kProbe.size(); ++at) {
    if (re.Match(text, at, kProbe.size(), RE2::UNANCHORED, &match, 1) && match.empty()) {
      return true;
    }
  }
  return false;
}

class PatternKind final : public ScopedAnalyzer {
 public:
  explicit PatternKind(const RuleSpec& rule)
      : ScopedAnalyzer(rule),
        pattern_(compile_param_regex(Params(rule), "pattern")),
        first_only_(Params(rule).boolean("first-only", false)),
        fix_(rule, *pattern_) {
    if (matches_empty_inside_text(*pattern_)) {
      Params(rule).fail(
          "pattern",
          "the expression matches an empty text inside a target (as `x*`, `^` or `\\b` "
          "do), so it would report an empty match at every such place: make it "
          "match at least one character, or anchor an empty match at both ends "
          "(`^$`)");
    }
  }

  const RE2* screened_pattern() const override { return pattern_.get(); }

 protected:
  void check_target(const CheckContext& context, const Target& target) const override {
    if (screened(context, target, *pattern_) == false) return;
    bool reported = false;
    for_each_match(
        *pattern_, target.text, [&](std::size_t begin, std::size_t end, const auto& groups) {
          if (first_only_ && std::exchange(reported, true)) return;
          context.sink.report(target.to_source(begin, end),
                              {{"match", std::string(target.text.substr(begin, end - begin))}},
                              fix_.for_match(target, begin, end, pattern_.get(), groups));
        });
  }

 private:
  std::unique_ptr<RE2> pattern_;
  bool first_only_;  // `first-only: true`: one finding per target, at the first match
  DeclarativeFix fix_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<PatternKind>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("pattern", true, make, {"match"}, {},
                             ParamNames{"pattern", "first-only"})
}  // namespace digestlint
