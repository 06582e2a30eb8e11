#include "lsp/diagnostics.hpp"

#include <algorithm>

#include "lsp/uri.hpp"
#include "report/rule_docs.hpp"

namespace digestlint::lsp {

namespace {

// LSP counts a byte order mark as a character of the first line; digestlint's columns do not.
TextPosition to_text_position(Position p, bool has_bom) {
  return TextPosition{p.line - 1, p.utf16_column - 1 + (has_bom && p.line == 1 ? 1 : 0)};
}

}  // namespace

TextRange to_range(const SourceFile& source, Span span) {
  const std::string_view text = source.text();
  const auto convert = [&](std::size_t offset) {
    // Between the "\r" and "\n" of a line break is no position in LSP: the line ends before
    // the "\r" (a span of a CRLF line's end would otherwise run a unit past it).
    if (offset > 0 && offset < text.size() && text[offset] == '\n' && text[offset - 1] == '\r')
      --offset;
    return to_text_position(source.position(offset), source.has_bom());
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
      const bool same = location.in(source.path());
      std::shared_ptr<const SourceFile> other;
      if (!same && !location.excerpt && lookup) other = lookup(location.path);
      TextRange range;
      if (same) {
        range = to_range(source, location.span);
      } else if (location.excerpt) {
        const Excerpt& excerpt = *location.excerpt;
        range = {to_text_position(excerpt.begin, excerpt.has_bom),
                 to_text_position(excerpt.end, excerpt.has_bom)};
      } else if (other) {
        range = to_range(*other, location.span);
      }
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
