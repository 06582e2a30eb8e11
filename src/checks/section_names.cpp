#include "checks/section_names.hpp"

#include <algorithm>

#include "rules/params.hpp"

namespace digestlint::checks {

std::optional<std::vector<std::string>> SectionNames::configured(const RuleSpec& rule) {
  const Params params(rule);
  if (!params.has("sections")) return std::nullopt;
  return params.strings("sections");
}

SectionNames::SectionNames(const std::optional<std::vector<std::string>>& configured,
                           const Digest& digest) {
  if (configured) {
    names_ = *configured;
    return;
  }
  profile_ = digest.profile.get();
  if (!profile_) return;
  names_ = profile_->section_names();
  extras_allowed_ = profile_->extra_sections;
  untitled_ = profile_->untitled_summary;
}

bool SectionNames::known(std::string_view name) const {
  if (profile_) return profile_->section_named(name) != nullptr;
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

}  // namespace digestlint::checks
