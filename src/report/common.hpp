#pragma once
// Helpers shared by the reporters; not part of the public report interface.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "report/report.hpp"

namespace digestlint::report_detail {

// Looks up the active rule a finding belongs to; null when the finding's rule is not in the report.
const RuleSpec* find_rule(const Report& report, std::string_view rule_id);

// The sources of a report's files by path, for findings that point into another file: built
// once per report, since a search per related location made a large run quadratic.
class SourceIndex final : public SourceLookup {
 public:
  explicit SourceIndex(const Report& report);
  std::shared_ptr<const SourceFile> find(std::string_view path) const override;

 private:
  std::unordered_map<std::string_view, std::shared_ptr<const SourceFile>> by_path_;
};

// Writes every file of a report with a writer made for it.
template <typename MakeWriter>
void write_all(const Report& report, MakeWriter make_writer) {
  const SourceIndex sources(report);
  const std::unique_ptr<ReportWriter> writer = make_writer(sources);
  for (const FileResult& file : report.files) writer->file(file);
  writer->end();
}

// Counts per severity, indexed by static_cast<int>(Severity).

struct Counts {
  std::array<int, 3> by_severity{};
  int total() const { return by_severity[0] + by_severity[1] + by_severity[2]; }
  int of(Severity s) const { return by_severity[static_cast<std::size_t>(s)]; }
};
Counts count_findings(const Report& report);
void count_findings(const FileResult& file, Counts& counts);

// The path of a file relative to report.source_root when it lies below it (absolute paths and
// relative ones, which are taken relative to the working directory); otherwise nullopt.
std::optional<std::string> relative_to_root(const Report& report, const std::string& path);

// RFC 3986 percent-encoding of a path: unreserved characters and '/' are kept.
std::string percent_encode_path(std::string_view path);

// 64-bit FNV-1a, stable across platforms and runs.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL);

// The end of a span without a trailing line terminator, so that "x\n" ends on x's line.
std::size_t end_without_newline(const SourceFile& source, Span span);

// A fix's description, or one made from the edit ("replace 'http://' with 'https://'").
std::string describe_fix(const SourceFile& source, const Fix& fix);

// Where SARIF's tool.driver.informationUri points (the project page the CLI's default docs URL
// lives under); empty: the property is left out.
inline constexpr std::string_view kInformationUri = DIGESTLINT_HOMEPAGE;

}  // namespace digestlint::report_detail
