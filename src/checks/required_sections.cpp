// structure/missing-section: every entry has each of the required sections.
#include <algorithm>

#include "checks/text_util.hpp"
#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

class RequiredSections final : public Analyzer {
 public:
  explicit RequiredSections(const RuleSpec& rule) : required_(Params(rule).strings("sections")) {
    for (const std::string& name : required_) normalized_.push_back(checks::normalize(name));
  }

  void check(const CheckContext& ctx) const override {
    for (const Entry& entry : ctx.digest.entries) {
      std::vector<bool> present(required_.size(), false);
      for (const Section& section : entry.sections) {
        const std::string name = checks::normalize(section.name.text);
        const auto exact = std::find(normalized_.begin(), normalized_.end(), name);
        if (exact != normalized_.end()) {
          present[exact - normalized_.begin()] = true;
          continue;
        }
        // A misspelt heading ("Technical Detail") is there, just misnamed: that is
        // structure/unknown-section's finding, so do not report the section as missing too.
        std::size_t distance = 0;
        const std::size_t nearest = checks::closest(name, required_, &distance);
        if (nearest < required_.size() && distance <= checks::typo_limit(required_[nearest])) {
          present[nearest] = true;
        }
      }
      for (std::size_t i = 0; i < required_.size(); ++i) {
        if (!present[i]) ctx.sink.report(entry.heading.span, {{"missing", required_[i]}});
      }
    }
  }

 private:
  std::vector<std::string> required_;
  std::vector<std::string> normalized_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<RequiredSections>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("required-sections", /*declarative=*/false, make, {"missing"},
                             {Scope::entry}, ParamNames{"sections"})
}  // namespace digestlint
