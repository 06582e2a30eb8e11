// summary/generic-template: a summary that could be pasted under any paper. It names nothing
// beyond common ML vocabulary, leans on template phrases, and barely mentions the title.
#include <fmt/format.h>

#include "checks/summary_signals.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class GenericTemplate final : public Analyzer {
 public:
  explicit GenericTemplate(const RuleSpec& rule) : model_(summary::SummaryModel::shared(rule)) {}

  void check(const CheckContext& context) const override {
    for (const Entry& entry : context.digest.entries) {
      if (entry.sections.empty()) continue;
      const summary::Signals signals = model_->signals(entry);
      if (model_->verdict(signals) != summary::Verdict::generic) continue;
      context.sink.report(summary::summary_span(entry),
                          {{"evidence", summary::generic_evidence(signals)},
                           {"grounding", fmt::format("{:.2f}", signals.grounding)},
                           {"count", std::to_string(signals.boilerplate.size())}});
    }
  }

 private:
  std::shared_ptr<const summary::SummaryModel> model_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<GenericTemplate>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("summary-generic-template", false, make,
                             {"evidence", "grounding", "count"})
}  // namespace digestlint
