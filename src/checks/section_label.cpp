// structure/malformed-label: a section label's emphasis is unbalanced (`***Technical Details*:`)
// or uses a star count the format does not (`*What's New*:`).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class SectionLabelCheck final : public Analyzer {
 public:
  void check(const CheckContext& ctx) const override {
    const Profile* profile = ctx.digest.profile.get();
    if (!profile || profile->emphasis.empty()) return;
    for (const Entry& entry : ctx.digest.entries) {
      for (const Section& section : entry.sections) {
        if (section.label.empty()) continue;
        const std::string problem = problem_of(section, *profile);
        if (!problem.empty()) report(ctx, section, *profile, problem);
      }
    }
  }

 private:
  static std::string problem_of(const Section& section, const Profile& profile) {
    if (section.open_stars != section.close_stars) {
      return fmt::format("{} '*' before the name but {} after it", section.open_stars,
                         section.close_stars);
    }
    if (!profile.accepts_emphasis(section.open_stars)) {
      return fmt::format("{} '*' around the name; this format uses {}", section.open_stars,
                         fmt::join(profile.emphasis, " or "));
    }
    return {};
  }

  // The fix rewrites the label with the emphasis the author most likely meant: the larger
  // star count when the format allows it. Which one was meant is a guess, so it is never safe.
  static void report(const CheckContext& ctx, const Section& section, const Profile& profile,
                     const std::string& problem) {
    const int larger = std::max(section.open_stars, section.close_stars);
    const int stars = profile.accepts_emphasis(larger) ? larger : profile.emphasis.front();
    const std::string emphasis(static_cast<std::size_t>(stars), '*');
    const std::string label = fmt::format("{}{}{}:", emphasis, section.name.text, emphasis);
    ctx.sink.report(section.label,
                    {{"label", std::string(ctx.source.slice(section.label))},
                     {"problem", problem},
                     {"expected", label}},
                    Fix{section.label, label, /*safe=*/false, fmt::format("write '{}'", label)});
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& /*rule*/) {
  return std::make_unique<SectionLabelCheck>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("section-label", /*declarative=*/false, make,
                             {"label", "problem", "expected"}, {Scope::section}, std::nullopt, {},
                             /*fixes=*/true)
}  // namespace digestlint
