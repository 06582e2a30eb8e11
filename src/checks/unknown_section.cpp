// structure/unknown-section: a section label names one of the format's sections; suggest the
// closest one.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "checks/section_names.hpp"
#include "checks/text_util.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class UnknownSection final : public Analyzer {
 public:
  explicit UnknownSection(const RuleSpec& rule)
      : configured_(checks::SectionNames::configured(rule)) {}

  void check(const CheckContext& ctx) const override {
    const checks::SectionNames known(configured_, ctx.digest);
    if (known.empty() || known.untitled()) return;
    for (const Entry& entry : ctx.digest.entries) {
      for (const Section& section : entry.sections) {
        // Untitled bullets have no label to check; missing-section reports what they lack.
        if (section.name.text.empty() || known.known(section.name.text)) continue;
        check_label(ctx, section, known);
      }
    }
  }

 private:
  void check_label(const CheckContext& ctx, const Section& section,
                   const checks::SectionNames& known) const {
    const std::string_view name = section.name.text;
    std::size_t distance = 0;
    const std::size_t nearest = checks::closest(name, known.names(), &distance);
    const std::string& suggestion = known.names()[nearest];
    const bool misspelt = distance <= checks::typo_limit(suggestion);
    // An extra section the format allows (`Datasets`) is content, not a slip.
    if (!misspelt && known.extras_allowed()) return;
    // Renaming is safe when only case, spacing or the apostrophe differ: the reader sees the
    // same word. A misspelling is probably meant as the suggestion, but a person should confirm.
    std::optional<Fix> fix;
    if (misspelt) {
      fix = Fix{section.name.span, suggestion, /*safe=*/distance == 0,
                fmt::format("rename to '{}'", suggestion)};
    }
    ctx.sink.report(section.name.span,
                    {{"name", std::string(name)},
                     {"suggestion", suggestion},
                     {"known", fmt::format("{}", fmt::join(known.names(), ", "))}},
                    std::move(fix));
  }

  std::optional<std::vector<std::string>> configured_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<UnknownSection>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("unknown-section", /*declarative=*/false, make,
                             {"name", "suggestion", "known"}, {Scope::section},
                             ParamNames{"sections"}, {}, /*fixes=*/true)
}  // namespace digestlint
