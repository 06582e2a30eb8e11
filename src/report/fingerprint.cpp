#include "report/fingerprint.hpp"

#include <fmt/format.h>

#include <map>

#include "model/text.hpp"
#include "report/common.hpp"

namespace digestlint {

std::vector<std::string> line_hashes(const FileResult& file) {
  std::map<std::pair<std::string, std::string>, int> seen;
  std::vector<std::string> hashes;
  for (const Finding& finding : file.findings) {
    const Span span = report_detail::clamp_span(*file.source, finding.span);
    std::string line =
        collapse_whitespace(file.source->line_text(file.source->line_of(span.begin)));
    const std::string key = finding.rule_id + '\0' + line;
    const int occurrence = ++seen[{finding.rule_id, std::move(line)}];
    hashes.push_back(fmt::format("{:016x}:{}", report_detail::fnv1a64(key), occurrence));
  }
  return hashes;
}

}  // namespace digestlint
