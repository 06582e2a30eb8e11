// GitHub Actions workflow commands, one line per finding:
//   ::warning file=d.md,line=3,col=9,endLine=3,endColumn=16,title=digestlint
//   [links/insecure-url]::msg
// Columns are UTF-16 code units, endColumn exclusive. GitHub only honours columns on single-line
// annotations, so col/endColumn are left out when a span crosses lines. The hint follows the
// message on a second line.
#include <ostream>
#include <string>

#include "report/common.hpp"
#include "report/report.hpp"

namespace digestlint {
namespace {

// Escaping for the message part of a workflow command.
std::string escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Escaping for a property value (file=…, title=…).
std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// GitHub's workflow commands say "notice" where digestlint says "note".
std::string_view command_of(Severity severity) {
  return severity == Severity::note ? "notice" : to_string(severity);
}

class GithubWriter final : public ReportWriter {
 public:
  GithubWriter(std::ostream& out, const Report& report) : out_(out), report_(report) {}

  void file(const FileResult& file) override {
    if (!file.source) return;
    const SourceFile& source = *file.source;
    // Annotations need paths relative to the repository (the workspace root).
    const std::string path =
        report_detail::relative_to_root(report_, source.path()).value_or(source.path());
    for (const Finding& finding : file.findings) write_annotation(source, path, finding);
  }

  void end() override {}

 private:
  void write_annotation(const SourceFile& source, const std::string& path, const Finding& finding) {
    const Span span = source.clamp(finding.span);
    const Position begin = source.position(span.begin);
    const Position end = source.position(report_detail::end_without_newline(source, span));
    out_ << "::" << command_of(finding.severity) << " file=" << escape_property(path)
         << ",line=" << begin.line;
    if (end.line == begin.line) {
      out_ << ",col=" << begin.utf16_column << ",endLine=" << end.line
           << ",endColumn=" << end.utf16_column;
    } else {
      out_ << ",endLine=" << end.line;
    }
    out_ << ",title=" << escape_property("digestlint [" + finding.rule_id + "]") << "::";
    std::string message = finding.message;
    if (!finding.hint.empty()) message += "\nhint: " + finding.hint;
    out_ << escape_data(message) << '\n';
  }

  std::ostream& out_;
  const Report& report_;
};

}  // namespace

std::unique_ptr<ReportWriter> github_writer(std::ostream& out, const Report& report) {
  return std::make_unique<GithubWriter>(out, report);
}

void write_github(std::ostream& out, const Report& report) {
  report_detail::write_all(report, [&](const SourceLookup&) { return github_writer(out, report); });
}

}  // namespace digestlint
