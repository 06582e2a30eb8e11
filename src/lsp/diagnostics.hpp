#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "lsp/protocol.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace digestlint::lsp {

// The LSP range of a byte span of a linted file (UTF-16 columns, 0-based lines). A byte order
// mark, which SourceFile strips, still counts as one code unit on the first line.
TextRange to_range(const SourceFile& source, Span span);

// error → 1 (Error), warning → 2 (Warning), note → 3 (Information).
int lsp_severity(Severity severity);

// Finds another file named by a related location (an open document or the file on disk).
using SourceLookup = std::function<std::shared_ptr<const SourceFile>(const std::string& path)>;

// A Diagnostic: range, severity, source "digestlint", code = rule id, codeDescription.href, the
// message with the hint on a second line, and relatedInformation.
// codeDescription only when the rule (if known) has a page: see rule_docs_url().
json to_diagnostic(const SourceFile& source, const std::string& uri, const Finding& finding,
                   const SourceLookup& lookup = {}, const RuleSpec* rule = nullptr);

}  // namespace digestlint::lsp
