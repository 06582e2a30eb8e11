// summary/generic-template and summary/title-mismatch: one analysis of each entry's summary
// against its title (checks/summary_signals), two verdicts.
//   generic-template: the summary could be pasted under any paper. It names nothing beyond
//     common ML vocabulary, leans on template phrases, and barely mentions the title.
//   title-mismatch: the summary is specific, but about something else: its names and terms do
//     not connect to the title's, or its field contradicts the title's.
#include <fmt/format.h>

#include "checks/summary_signals.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

using Evidence = std::string (*)(const summary::Signals&);

class SummaryVerdict final : public Analyzer {
 public:
  SummaryVerdict(const RuleSpec& rule, summary::Verdict verdict, Evidence evidence)
      : model_(summary::SummaryModel::shared(rule)), verdict_(verdict), evidence_(evidence) {}

  void check(const CheckContext& context) const override {
    for (const Entry& entry : context.digest.entries) {
      if (entry.sections.empty()) continue;
      const summary::Signals signals = model_->signals(entry);
      if (model_->verdict(signals) != verdict_) continue;
      context.sink.report(summary::summary_span(entry),
                          {{"evidence", evidence_(signals)},
                           {"grounding", fmt::format("{:.2f}", signals.grounding)},
                           {"count", std::to_string(signals.boilerplate.size())}});
    }
  }

 private:
  std::shared_ptr<const summary::SummaryModel> model_;
  summary::Verdict verdict_;
  Evidence evidence_;
};

std::unique_ptr<Analyzer> make_generic(const RuleSpec& rule) {
  return std::make_unique<SummaryVerdict>(rule, summary::Verdict::generic,
                                          &summary::generic_evidence);
}

std::unique_ptr<Analyzer> make_mismatch(const RuleSpec& rule) {
  return std::make_unique<SummaryVerdict>(rule, summary::Verdict::mismatch,
                                          &summary::mismatch_evidence);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("summary-generic-template", false, make_generic,
                             {"evidence", "grounding", "count"}, {Scope::summary})
DIGESTLINT_REGISTER_ANALYZER("summary-title-mismatch", false, make_mismatch,
                             {"evidence", "grounding", "count"}, {Scope::summary})
}  // namespace digestlint
