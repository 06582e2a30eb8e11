#pragma once
#include <vector>

#include "profile/detect.hpp"
#include "rules/loader.hpp"

namespace digestlint {

// Reads the `profiles:` of each pack in order. A profile may start from an earlier one
// (`extends: name`) and set only what differs; a later profile with the same name replaces the
// earlier one. Throws RuleError pointing into the YAML.
ProfileSet load_profiles(const std::vector<PackSource>& packs);

// The profiles of the embedded default pack, loaded once: what a rule set without profiles of
// its own (--no-default-rules, or one built in a test) reads files with.
const ProfileSet& default_profile_set();

}  // namespace digestlint
