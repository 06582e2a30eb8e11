// structure/unknown-section: section names come from a fixed list; suggest the closest one.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "checks/text_util.hpp"
#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

class KnownSections final : public Analyzer {
 public:
  explicit KnownSections(const RuleSpec& rule)
      : known_(Params(rule).strings("sections")),
        known_list_(fmt::format("{}", fmt::join(known_, ", "))) {}

  void check(const CheckContext& ctx) const override {
    for (const Entry& entry : ctx.digest.entries) {
      for (const Section& section : entry.sections) {
        const std::string_view name = section.name.text;
        if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
        std::size_t distance = 0;
        const std::size_t nearest = checks::closest(name, known_, &distance);
        const std::string& suggestion = known_[nearest];
        // Renaming is safe when only case, spacing or the apostrophe differ; a misspelling is
        // probably meant as the suggestion, but a person should confirm.
        std::optional<Fix> fix;
        if (distance <= checks::typo_limit(suggestion)) {
          fix = Fix{section.name.span, suggestion, /*safe=*/distance == 0,
                    fmt::format("rename to '{}'", suggestion)};
        }
        ctx.sink.report(
            section.name.span,
            {{"name", std::string(name)}, {"suggestion", suggestion}, {"known", known_list_}},
            std::move(fix));
      }
    }
  }

 private:
  std::vector<std::string> known_;
  std::string known_list_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<KnownSections>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("known-sections", /*declarative=*/false, make,
                             {"name", "suggestion", "known"}, {Scope::section},
                             ParamNames{"sections"})
}  // namespace digestlint
