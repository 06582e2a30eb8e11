// A simple, stable JSON report for other tools. Keys are part of the interface; don't rename them.
//
// {
//   "version": "<digestlint version>",
//   "files": [                       // every linted file, in the report's order
//     {"path": "<as given on the command line>",
//      "findings": [                 // sorted by position
//        {"rule": "links/insecure-url", "severity": "error|warning|note",
//         "line": 3, "column": 9,            // 1-based; column in UTF-8 bytes
//         "end_line": 3, "end_column": 16,   // exclusive end, UTF-8 bytes
//         "utf16_column": 9, "end_utf16_column": 16,  // the same columns in UTF-16 code units
//         "message": "…", "hint": "…",       // hint is "" when the rule has none
//         "fix": null | {"description": "…", "replacement": "…", "safe": true,
//                        "line": 3, "column": 9, "end_line": 3, "end_column": 16},
//         "related": [{"path": "…", "line": 1, "column": 1, "utf16_column": 1,
//                      "message": "…"}],
//         "confidence": 0.87}],          // only on findings that weigh evidence (summary/*)
//      "profile": {"name": "daily-papers-2024-triple",   // the format profile that read the file
//                  "reason": "header date 2024-10-21 is in 2024-10-18.."},
//      "skipped": "not a digest: …"}],  // only for files no rule ran on
//   "summary": {"error": 0, "warning": 1, "note": 0}
// }
#include <nlohmann/json.hpp>
#include <ostream>

#include "report/common.hpp"
#include "report/report.hpp"

namespace digestlint {
namespace {

using json = nlohmann::ordered_json;
using report_detail::clamp_span;

json fix_json(const SourceFile& source, const Fix& fix) {
  const Span span = clamp_span(source, fix.span);
  const Position begin = source.position(span.begin);
  const Position end = source.position(span.end);
  return {{"description", report_detail::describe_fix(source, fix)},
          {"replacement", fix.replacement},
          {"safe", fix.safe},
          {"line", begin.line},
          {"column", begin.byte_column},
          {"end_line", end.line},
          {"end_column", end.byte_column}};
}

json related_json(const SourceLookup& sources, const SourceFile& source, const RelatedLocation& r) {
  const std::string& path = r.path.empty() ? source.path() : r.path;
  json out = {{"path", path}};
  const std::shared_ptr<const SourceFile> found =
      r.path.empty() || r.path == source.path() ? nullptr : sources.find(path);
  const SourceFile* other = r.path.empty() || r.path == source.path() ? &source : found.get();
  if (other != nullptr) {
    const Position p = other->position(clamp_span(*other, r.span).begin);
    out["line"] = p.line;
    out["column"] = p.byte_column;
    out["utf16_column"] = p.utf16_column;
  } else {
    out["line"] = nullptr;
    out["column"] = nullptr;
    out["utf16_column"] = nullptr;
  }
  out["message"] = r.message;
  return out;
}

json finding_json(const SourceLookup& sources, const SourceFile& source, const Finding& finding) {
  const Span span = clamp_span(source, finding.span);
  const Position begin = source.position(span.begin);
  const Position end = source.position(span.end);
  json related = json::array();
  for (const RelatedLocation& r : finding.related)
    related.push_back(related_json(sources, source, r));
  json result = {{"rule", finding.rule_id},
                 {"severity", to_string(finding.severity)},
                 {"line", begin.line},
                 {"column", begin.byte_column},
                 {"end_line", end.line},
                 {"end_column", end.byte_column},
                 {"utf16_column", begin.utf16_column},
                 {"end_utf16_column", end.utf16_column},
                 {"message", finding.message},
                 {"hint", finding.hint},
                 {"fix", finding.fix ? fix_json(source, *finding.fix) : json(nullptr)},
                 {"related", std::move(related)}};
  if (finding.confidence) result["confidence"] = *finding.confidence;
  return result;
}

json file_json(const SourceLookup& sources, const FileResult& file) {
  json findings = json::array();
  for (const Finding& finding : file.findings) {
    findings.push_back(finding_json(sources, *file.source, finding));
  }
  json entry = {{"path", file.source->path()}, {"findings", std::move(findings)}};
  if (!file.skipped.empty()) entry["skipped"] = file.skipped;
  if (file.digest && file.digest->profile) {
    entry["profile"] = {{"name", file.digest->profile->name},
                        {"reason", file.digest->profile_reason}};
  }
  return entry;
}

std::string dump(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace);
}

// Indents every line of a dumped value after the first by `width` spaces.
std::string indent_inner_lines(const std::string& text, std::size_t width) {
  std::string out;
  for (const char c : text) {
    out += c;
    if (c == '\n') out.append(width, ' ');
  }
  return out;
}

// Writes the report as log.dump() would, one file at a time: the files are written as they come
// and the summary, which counts them all, after them.
class JsonWriter final : public ReportWriter {
 public:
  JsonWriter(std::ostream& out, const SourceLookup& sources) : out_(out), sources_(sources) {}

  void file(const FileResult& file) override {
    report_detail::count_findings(file, counts_);
    if (!file.source) return;
    out_ << (wrote_ ? ",\n" : opening()) << "    "
         << indent_inner_lines(dump(file_json(sources_, file)), 4);
    wrote_ = true;
  }

  void end() override {
    if (!wrote_) {
      out_ << dump({{"version", DIGESTLINT_VERSION},
                    {"files", json::array()},
                    {"summary", summary()}})
           << '\n';
      return;
    }
    out_ << "\n  ],\n  \"summary\": " << indent_inner_lines(dump(summary()), 2) << "\n}\n";
  }

 private:
  static std::string opening() {
    return "{\n  \"version\": " + dump(DIGESTLINT_VERSION) + ",\n  \"files\": [\n";
  }

  json summary() const {
    return {{"error", counts_.of(Severity::error)},
            {"warning", counts_.of(Severity::warning)},
            {"note", counts_.of(Severity::note)}};
  }

  std::ostream& out_;
  const SourceLookup& sources_;
  report_detail::Counts counts_;
  bool wrote_ = false;
};

}  // namespace

std::unique_ptr<ReportWriter> json_writer(std::ostream& out, const SourceLookup& sources) {
  return std::make_unique<JsonWriter>(out, sources);
}

void write_json(std::ostream& out, const Report& report) {
  report_detail::write_all(report,
                           [&](const SourceLookup& sources) { return json_writer(out, sources); });
}

}  // namespace digestlint
