#include "rules/finding.hpp"

#include <algorithm>

namespace digestlint {

std::optional<Excerpt> excerpt_of(const SourceFile& source, Span span, std::size_t max_line_bytes) {
  const std::size_t size = source.text().size();
  span.begin = std::min(span.begin, size);
  span.end = std::clamp(span.end, span.begin, size);
  const Position begin = source.position(span.begin);
  const std::string_view line = source.line_text(begin.line);
  // A line that starts like a byte order mark would lose it when read back as a file of its own.
  if (line.size() > max_line_bytes || line.starts_with("\xEF\xBB\xBF")) return std::nullopt;
  return Excerpt{begin,       source.position(span.end), span.begin + (source.has_bom() ? 3 : 0),
                 span.size(), source.has_bom(),          std::string(line)};
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
