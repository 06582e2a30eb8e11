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

// How hover text is written: the first of the client's hover.contentFormat that the server
// writes (Markdown when the client does not say).
enum class HoverFormat { markdown, plaintext };
HoverFormat hover_format(const json& client_capabilities);

// textDocument/hover: the docs of the rules whose diagnostics cover `position` (edges
// included); nullopt when there is none.
std::optional<json> hover(const SourceFile& source, const std::vector<Finding>& findings,
                          TextPosition position, const RuleLookup& rules,
                          HoverFormat format = HoverFormat::markdown);

// The text shown for one rule.
std::string rule_hover_text(const RuleSpec& rule, HoverFormat format = HoverFormat::markdown);

}  // namespace digestlint::lsp
