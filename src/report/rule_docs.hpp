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

// Where the published pages of the default pack live (--docs-url changes it).
inline constexpr std::string_view kDefaultDocsUrl = DIGESTLINT_HOMEPAGE "/blob/main/docs/rules/";

// The rule's page, <base><category>/<name>.md; "" when it has none: rules of other packs have
// no page under the default base (only under a --docs-url that hosts them), nor with no base.
std::string rule_docs_url(const RuleSpec& rule, std::string_view base = kDefaultDocsUrl);

}  // namespace digestlint
