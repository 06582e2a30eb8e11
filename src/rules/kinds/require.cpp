// kind: require — an expression that must match somewhere in each target of the scope.
#include "rules/kinds/regex.hpp"
#include "rules/kinds/scoped.hpp"
#include "rules/regex_screen.hpp"

namespace digestlint {
namespace {

class RequireKind final : public ScopedAnalyzer {
 public:
  explicit RequireKind(const RuleSpec& rule)
      : ScopedAnalyzer(rule),
        pattern_(compile_param_regex(Params(rule), "pattern")),
        at_end_(report_at_end(Params(rule))) {}

  const RE2* screened_pattern() const override { return pattern_.get(); }

 protected:
  void check_target(const CheckContext& context, const Target& target) const override {
    const std::optional<bool> known = screened(context, target, *pattern_);
    if (known ? *known : RE2::PartialMatch(target.text, *pattern_)) return;
    context.sink.report(at_end_ ? last_character(target) : anchor(target),
                        {{"pattern", pattern_->pattern()}, {"text", std::string(target.text)}});
  }

 private:
  // `report-at: end` puts the finding on the last character, where a missing ending belongs.
  static bool report_at_end(const Params& params) {
    const std::string where = params.string("report-at", "target");
    if (where != "target" && where != "end") params.fail("report-at", "expected 'target' or 'end'");
    return where == "end";
  }

  static Span last_character(const Target& target) {
    std::size_t begin = target.text.size();
    while (begin > 0 && (static_cast<unsigned char>(target.text[--begin]) & 0xC0) == 0x80) {
    }
    return target.to_source(begin, target.text.size());
  }

  std::unique_ptr<RE2> pattern_;
  bool at_end_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<RequireKind>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("require", true, make, {"pattern", "text"}, {},
                             ParamNames{"pattern", "report-at"})
}  // namespace digestlint
