// digestlint/unused-suppression: a suppression comment that hid no finding is stale (the
// problem was fixed, or it names the wrong rule) and only misleads the next reader. It runs
// after the other rules' findings were suppressed, so it knows which comments were used.
#include <fmt/format.h>

#include <set>

#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class UnusedSuppression final : public Analyzer {
 public:
  bool after_suppressions() const override { return true; }

  void check(const CheckContext& context) const override {
    if (!context.inline_config) return;
    const InlineConfig& config = *context.inline_config;
    // One comment may stand for several ranges (after a partial enable): used if any of them was.
    std::set<std::size_t> used, reported;
    for (const Suppression& s : config.suppressions) {
      if (s.used) used.insert(s.comment.begin);
    }
    for (const Suppression& s : config.suppressions) {
      if (used.contains(s.comment.begin) || !reported.insert(s.comment.begin).second) continue;
      // A suppression of rules that do not run on this file (configuration, --select,
      // --ignore) could not have suppressed anything, so it is not stale.
      if (!s.rules.empty() && std::none_of(s.rules.begin(), s.rules.end(), config.ran)) continue;
      context.sink.report(
          s.comment, {{"rules", s.rules.empty() ? std::string("all rules")
                                                : fmt::format("{}", fmt::join(s.rules, ", "))}});
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec&) {
  return std::make_unique<UnusedSuppression>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("unused-suppression", false, make, {"rules"}, {Scope::document},
                             ParamNames{})
}  // namespace digestlint
