// kind: pattern — an expression that must not match in the scope; one finding per match.
#include <fmt/format.h>

#include <string_view>
#include <utility>

#include "rules/kinds/declarative_fix.hpp"
#include "rules/kinds/regex.hpp"
#include "rules/kinds/scoped.hpp"
#include "rules/regex_screen.hpp"

namespace digestlint {
namespace {

class PatternKind final : public ScopedAnalyzer {
 public:
  explicit PatternKind(const RuleSpec& rule)
      : ScopedAnalyzer(rule),
        pattern_(compile_param_regex(Params(rule), "pattern")),
        first_only_(Params(rule).boolean("first-only", false)),
        fix_(rule, *pattern_) {
    if (matches_empty_inside_text(*pattern_)) {
      Params(rule).fail("pattern", fmt::format("the expression {}", kEmptyMatchProblem));
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
