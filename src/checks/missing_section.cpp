// structure/missing-section: every entry has each of the format's sections, or, in formats
// whose summary is untitled bullets, at least one bullet.
#include <algorithm>

#include "checks/section_names.hpp"
#include "checks/text_util.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class MissingSection final : public Analyzer {
 public:
  explicit MissingSection(const RuleSpec& rule)
      : configured_(checks::SectionNames::configured(rule)) {}

  void check(const CheckContext& ctx) const override {
    const checks::SectionNames required(configured_, ctx.digest);
    const Profile* profile = ctx.digest.profile.get();
    if (profile && !configured_ && !profile->requires_field("summary")) return;
    // The required names as closest() compares them, worked out once for every entry.
    std::vector<std::string> normalized;
    for (const std::string& name : required.names()) normalized.push_back(checks::normalize(name));
    for (const Entry& entry : ctx.digest.entries) {
      if (required.untitled()) {
        check_bullets(ctx, entry, *profile);
      } else {
        check_named(ctx, entry, required.names(), normalized);
      }
    }
  }

 private:
  static void check_bullets(const CheckContext& ctx, const Entry& entry, const Profile& profile) {
    if (static_cast<int>(entry.sections.size()) >= profile.min_bullets) return;
    ctx.sink.report(entry.heading.span, {{"missing", "summary"}, {"label", "- "}});
  }

  static void check_named(const CheckContext& ctx, const Entry& entry,
                          const std::vector<std::string>& required,
                          const std::vector<std::string>& normalized) {
    std::vector<bool> present(required.size(), false);
    for (const Section& section : entry.sections) {
      const std::string name = checks::normalize(section.name.text);
      // Most sections are named exactly as required: then that name is the closest one, and the
      // edit distances to every name need not be worked out.
      const auto exact = std::find(normalized.begin(), normalized.end(), checks::normalize(name));
      if (exact != normalized.end()) {
        present[static_cast<std::size_t>(exact - normalized.begin())] = true;
        continue;
      }
      // A variant ("what’s  new") or a misspelt name ("Technical Detail") is there, just
      // misnamed: that is structure/unknown-section's finding, not a missing section too.
      std::size_t distance = 0;
      const std::size_t nearest = checks::closest(name, required, &distance);
      if (nearest < required.size() && distance <= checks::typo_limit(required[nearest])) {
        present[nearest] = true;
      }
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < required.size(); ++i) {
      if (!present[i]) missing.push_back(required[i]);
    }
    // A summary cut after its first section is one mistake: one finding names every gap.
    if (missing.empty()) return;
    ctx.sink.report(entry.heading.span,
                    {{"missing", describe(missing)}, {"label", "- **" + missing.front() + "**: "}});
  }

  // "'A' section", "'A' and 'B' sections", "'A', 'B' and 'C' sections".
  static std::string describe(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
      text += "'" + names[i] + "'";
    }
    return text + (names.size() == 1 ? " section" : " sections");
  }

  std::optional<std::vector<std::string>> configured_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<MissingSection>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("missing-section", /*declarative=*/false, make, {"missing", "label"},
                             {Scope::entry}, ParamNames{"sections"})
}  // namespace digestlint
