#pragma once
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "lsp/protocol.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace digestlint::lsp {

using RuleLookup = std::function<const RuleSpec*(std::string_view rule_id)>;

// textDocument/hover: the docs of the rules whose diagnostics cover `position` (edges
// included), as Markdown; nullopt when there is none.
std::optional<json> hover(const SourceFile& source, const std::vector<Finding>& findings,
                          TextPosition position, const RuleLookup& rules);

// The Markdown shown for one rule.
std::string rule_hover_markdown(const RuleSpec& rule);

}  // namespace digestlint::lsp
