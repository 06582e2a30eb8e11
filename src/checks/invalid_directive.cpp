// digestlint/invalid-directive: a `<!-- digestlint… -->` comment that is not one of the four
// directives, or names an unknown rule. It suppresses nothing, so without this finding a typo
// (`disable-line`, `disablenext`) would leave its finding silently in place — or, read loosely,
// silence far more than meant.
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class InvalidDirective final : public Analyzer {
 public:
  void check(const CheckContext& context) const override {
    if (!context.inline_config) return;
    for (const Directive& directive : context.inline_config->directives) {
      if (!directive.problem.empty())
        context.sink.report(directive.comment, {{"problem", directive.problem}});
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec&) {
  return std::make_unique<InvalidDirective>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("invalid-directive", false, make, {"problem"}, {Scope::document},
                             ParamNames{})
}  // namespace digestlint
