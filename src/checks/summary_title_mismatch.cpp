// summary/title-mismatch: a specific summary about something else. The title's key terms are not
// grounded in it, and its own names do not connect to the title or its field contradicts it.
#include <fmt/format.h>

#include "checks/summary_signals.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class TitleMismatch final : public Analyzer {
 public:
  explicit TitleMismatch(const RuleSpec& rule) : model_(summary::SummaryModel::shared(rule)) {}

  void check(const CheckContext& context) const override {
    for (const Entry& entry : context.digest.entries) {
      if (entry.sections.empty()) continue;
      const summary::Signals signals = model_->signals(entry);
      if (model_->verdict(signals) != summary::Verdict::mismatch) continue;
      context.sink.report(summary::summary_span(entry),
                          {{"evidence", summary::mismatch_evidence(signals)},
                           {"grounding", fmt::format("{:.2f}", signals.grounding)}});
    }
  }

 private:
  std::shared_ptr<const summary::SummaryModel> model_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<TitleMismatch>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("summary-title-mismatch", false, make, {"evidence", "grounding"})
}  // namespace digestlint
