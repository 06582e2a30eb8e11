// structure/invalid-date: the header's date must be a real YYYY-MM-DD calendar date.
#include <fmt/format.h>

#include "checks/calendar.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class InvalidDate final : public Analyzer {
 public:
  void check(const CheckContext& ctx) const override {
    if (!ctx.digest.header) return;  // a missing header is another rule's business
    // Newsletters name a category, not a day.
    if (ctx.digest.profile && !ctx.digest.profile->header_has_date) return;
    const Header& header = *ctx.digest.header;
    if (!header.date) {
      ctx.sink.report(header.line.span,
                      {{"date", ""}, {"problem", "the header has no (YYYY-MM-DD) date"}});
      return;
    }
    std::string problem;
    if (!checks::parse_date(header.date->text, &problem)) {
      ctx.sink.report(header.date->span,
                      {{"date", std::string(header.date->text)}, {"problem", problem}});
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& /*rule*/) {
  return std::make_unique<InvalidDate>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("invalid-date", /*declarative=*/false, make, {"date", "problem"},
                             {Scope::header}, ParamNames{})
}  // namespace digestlint
