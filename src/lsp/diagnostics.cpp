#include "lsp/diagnostics.hpp"

#include <algorithm>

#include "lsp/uri.hpp"
#include "report/rule_docs.hpp"

namespace digestlint::lsp {

TextRange to_range(const SourceFile& source, Span span) {
  const auto convert = [&](std::size_t offset) {
    const Position p = source.position(offset);
    const int bom = source.has_bom() && p.line == 1 ? 1 : 0;
    return TextPosition{p.line - 1, p.utf16_column - 1 + bom};
  };
  return {convert(span.begin), convert(std::max(span.begin, span.end))};
}

int lsp_severity(Severity severity) {
  switch (severity) {
    case Severity::error:
      return 1;
    case Severity::warning:
      return 2;
    case Severity::note:
      return 3;
  }
  return 2;
}

json to_diagnostic(const SourceFile& source, const std::string& uri, const Finding& finding,
                   const SourceLookup& lookup, const RuleSpec* rule) {
  std::string message = finding.message;
  if (!finding.hint.empty()) message += "\n" + finding.hint;
  json diagnostic = {
      {"range", to_json(to_range(source, finding.span))},
      {"severity", lsp_severity(finding.severity)},
      {"source", "digestlint"},
      {"code", finding.rule_id},
      {"message", message},
  };
  if (const std::string url = rule ? rule_docs_url(*rule) : std::string(); !url.empty())
    diagnostic["codeDescription"] = {{"href", url}};
  if (finding.confidence) diagnostic["data"]["confidence"] = *finding.confidence;
  if (!finding.related.empty()) {
    json related = json::array();
    for (const RelatedLocation& location : finding.related) {
      std::shared_ptr<const SourceFile> other;
      if (!location.path.empty() && location.path != source.path() && lookup) {
        other = lookup(location.path);
      }
      const bool same = location.path.empty() || location.path == source.path();
      const TextRange range = same ? to_range(source, location.span)
                                   : (other ? to_range(*other, location.span) : TextRange{});
      related.push_back(
          {{"location",
            {{"uri", same ? uri : path_to_uri(location.path)}, {"range", to_json(range)}}},
           {"message", location.message}});
    }
    diagnostic["relatedInformation"] = std::move(related);
  }
  return diagnostic;
}

}  // namespace digestlint::lsp
