#include "report/fingerprint.hpp"

#include <fmt/format.h>

#include <map>
#include <string_view>
#include <utility>

#include "model/text.hpp"
#include "report/common.hpp"

namespace digestlint {

std::vector<std::string> line_hashes(const FileResult& file) {
  // Occurrences by rule and normalized line text: identical lines share their count.
  std::map<std::pair<std::string, std::string>, int> seen;
  // A rule's hash and count on a line, worked out at its first finding there: normalizing and
  // hashing the line for each finding was quadratic (a finding per name on an author line of
  // 200,000 names took minutes in SARIF and with --baseline).
  struct OnLine {
    std::uint64_t hash = 0;
    int* occurrences = nullptr;  // into `seen`, whose nodes stay put
  };
  std::map<std::pair<std::size_t, std::string_view>, OnLine> by_line;  // (line, rule id)
  std::vector<std::string> hashes;
  hashes.reserve(file.findings.size());
  for (const Finding& finding : file.findings) {
    const Span span = file.source->clamp(finding.span);
    const std::size_t line_number = file.source->line_of(span.begin);
    auto [at, added] = by_line.try_emplace({line_number, finding.rule_id});
    OnLine& on_line = at->second;
    if (added) {
      std::string line = collapse_whitespace(file.source->line_text(line_number));
      // FNV-1a runs on from a seed: the hash of rule id + '\0' + line, without the copy.
      on_line.hash = report_detail::fnv1a64(
          line, report_detail::fnv1a64(std::string_view("\0", 1),
                                       report_detail::fnv1a64(finding.rule_id)));
      on_line.occurrences = &seen[{finding.rule_id, std::move(line)}];
    }
    const int occurrence = ++*on_line.occurrences;
    hashes.push_back(fmt::format("{:016x}:{}", on_line.hash, occurrence));
  }
  return hashes;
}

}  // namespace digestlint
