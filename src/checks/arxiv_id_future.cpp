// links/arxiv-id-future: a paper id cannot be from a month after the digest's date.
#include <fmt/format.h>

#include "checks/arxiv_id.hpp"
#include "checks/calendar.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class ArxivIdFuture final : public Analyzer {
 public:
  void check(const CheckContext& ctx) const override {
    if (!ctx.digest.header || !ctx.digest.header->date) return;
    const std::optional<checks::Date> date = checks::parse_date(ctx.digest.header->date->text);
    if (!date) return;  // structure/invalid-date reports it
    const int digest_month = date->year * 100 + date->month;
    const auto links = checks::entry_links(ctx.digest, ctx.analyses);
    for (const Entry& entry : ctx.digest.entries) {
      const std::optional<checks::LinkedId> linked = checks::linked_id(entry, *links);
      if (!linked || linked->id.year_month() <= digest_month) continue;
      ctx.sink.report(linked->span,
                      {{"id", std::string(linked->id.base)},
                       {"id_month", fmt::format("{}-{:02}", linked->id.year, linked->id.month)},
                       {"date", std::string(ctx.digest.header->date->text)}});
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& /*rule*/) {
  return std::make_unique<ArxivIdFuture>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("arxiv-id-future", /*declarative=*/false, make,
                             {"id", "id_month", "date"}, {Scope::url}, ParamNames{})
}  // namespace digestlint
