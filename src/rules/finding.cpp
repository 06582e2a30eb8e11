#include "rules/finding.hpp"

namespace digestlint {

std::shared_ptr<const Excerpt> excerpt_of(const SourceFile& source, Span span,
                                          std::size_t max_line_bytes) {
  span = source.clamp(span);
  const Position begin = source.position(span.begin);
  const std::string_view line = source.line_text(begin.line);
  if (line.size() > max_line_bytes) return nullptr;
  return std::make_shared<const Excerpt>(Excerpt{begin, source.position(span.end),
                                                 span.begin + (source.has_bom() ? 3 : 0),
                                                 span.size(), source.has_bom(), std::string(line)});
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") return Severity::note;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

}  // namespace digestlint
