#pragma once
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace digestlint {

// A rule's documentation page, Markdown, from its YAML: what `digestlint explain` prints and what
// docs/rules/<category>/<name>.md holds.
std::string rule_markdown(const RuleSpec& rule);
// docs/rules/README.md: the index of all rules.
std::string rules_index_markdown(const std::vector<RuleSpec>& rules);

}  // namespace digestlint
