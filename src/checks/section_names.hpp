#pragma once
// The section names the structure rules check against: a rule's `sections` parameter when a
// configuration sets one, else the sections of the file's format profile (rules/profiles.yaml).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/digest.hpp"
#include "rules/rule.hpp"

namespace digestlint::checks {

class SectionNames {
 public:
  // The rule's `sections` parameter, if it sets one (a load error if it is not a list).
  static std::optional<std::vector<std::string>> configured(const RuleSpec& rule);
  // configured: the rule's `sections` parameter, if set.
  SectionNames(const std::optional<std::vector<std::string>>& configured, const Digest& digest);

  const std::vector<std::string>& names() const { return names_; }
  bool empty() const { return names_.empty(); }
  // Whether a label spells a known section exactly (or as a profile alias).
  bool known(std::string_view name) const;
  // Whether sections outside the list are part of the format (profile `extra-sections`).
  bool extras_allowed() const { return extras_allowed_; }
  // The summary is untitled bullets: there are no names to check.
  bool untitled() const { return untitled_; }

 private:
  const Profile* profile_ = nullptr;  // null when the parameter decides
  std::vector<std::string> names_;
  bool extras_allowed_ = false;
  bool untitled_ = false;
};

}  // namespace digestlint::checks
