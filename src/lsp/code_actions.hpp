#pragma once
#include <string>
#include <vector>

#include "lsp/protocol.hpp"
#include "rules/finding.hpp"

namespace digestlint::lsp {

// textDocument/codeAction: a "quickfix" per finding with a fix whose range touches `range`
// ("Fix: <description>", "(unsafe)" marked, isPreferred when safe), plus
// "source.fixAll.digestlint" applying every safe fix that does not overlap another.
// `only` filters by kind prefix as the protocol describes; empty: no filter.
json code_actions(const SourceFile& source, const std::string& uri,
                  const std::vector<Finding>& findings, const TextRange& range,
                  const std::vector<std::string>& only);

// "Fix: replace with https://" (" (unsafe)" appended for unsafe fixes).
std::string fix_title(const SourceFile& source, const Fix& fix);

}  // namespace digestlint::lsp
