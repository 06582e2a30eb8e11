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
#include <optional>
#include <ostream>

#include "report/common.hpp"
#include "report/json_text.hpp"
#include "report/report.hpp"

namespace digestlint {
namespace {

constexpr std::size_t kFlushBytes = 1 << 16;

void write_position(JsonText& out, const Position& begin, const Position& end) {
  out.key("line").integer(begin.line).key("column").integer(begin.byte_column);
  out.key("end_line").integer(end.line).key("end_column").integer(end.byte_column);
}

void write_fix(JsonText& out, const SourceFile& source, const Fix& fix) {
  const Span span = source.clamp(fix.span);
  out.begin_object();
  out.key("description").string(report_detail::describe_fix(source, fix));
  out.key("replacement").string(fix.replacement);
  out.key("safe").boolean(fix.safe);
  write_position(out, source.position(span.begin), source.position(span.end));
  out.end_object();
}

void write_related(JsonText& out, const SourceLookup& sources, const SourceFile& source,
                   const RelatedLocation& r) {
  const std::string& path = r.path.empty() ? source.path() : r.path;
  out.begin_object().key("path").string(path);
  // Where it is: in this file, from the excerpt its analyzer kept, or from the file read again.
  std::optional<Position> begin;
  if (r.in(source.path())) {
    begin = source.position(source.clamp(r.span).begin);
  } else if (r.excerpt) {
    begin = r.excerpt->begin;
  } else if (const std::shared_ptr<const SourceFile> other = sources.find(path)) {
    begin = other->position(other->clamp(r.span).begin);
  }
  if (begin) {
    out.key("line").integer(begin->line).key("column").integer(begin->byte_column);
    out.key("utf16_column").integer(begin->utf16_column);
  } else {
    out.key("line").null().key("column").null().key("utf16_column").null();
  }
  out.key("message").string(r.message).end_object();
}

void write_finding(JsonText& out, const SourceLookup& sources, const SourceFile& source,
                   const Finding& finding) {
  const Span span = source.clamp(finding.span);
  const Position begin = source.position(span.begin);
  const Position end = source.position(span.end);
  out.begin_object();
  out.key("rule").string(finding.rule_id).key("severity").string(to_string(finding.severity));
  write_position(out, begin, end);
  out.key("utf16_column").integer(begin.utf16_column);
  out.key("end_utf16_column").integer(end.utf16_column);
  out.key("message").string(finding.message).key("hint").string(finding.hint);
  out.key("fix");
  if (finding.fix) {
    write_fix(out, source, *finding.fix);
  } else {
    out.null();
  }
  out.key("related").begin_array();
  for (const RelatedLocation& r : finding.related) {
    out.element();
    write_related(out, sources, source, r);
  }
  out.end_array();
  if (finding.confidence) out.key("confidence").real(*finding.confidence);
  out.end_object();
}

// Writes the report as log.dump() would, one file at a time: the files are written as they come
// and the summary, which counts them all, after them.
class JsonWriter final : public ReportWriter {
 public:
  JsonWriter(std::ostream& out, const SourceLookup& sources) : out_(out), sources_(sources) {}

  void file(const FileResult& file) override {
    report_detail::count_findings(file, counts_);
    if (!file.source) return;
    out_ << (wrote_ ? ",\n" : opening()) << "    ";
    wrote_ = true;
    // Written finding by finding, each flushed once it is out: a file's text stays small
    // however many findings it has.
    std::string text;
    JsonText json(text, 2);
    json.begin_object().key("path").string(file.source->path());
    json.key("findings").begin_array();
    for (const Finding& finding : file.findings) {
      json.element();
      write_finding(json, sources_, *file.source, finding);
      if (text.size() >= kFlushBytes) {
        out_ << text;
        text.clear();
      }
    }
    json.end_array();
    if (!file.skipped.empty()) json.key("skipped").string(file.skipped);
    if (file.digest && file.digest->profile) {
      json.key("profile").begin_object();
      json.key("name").string(file.digest->profile->name);
      json.key("reason").string(file.digest->profile_reason).end_object();
    }
    json.end_object();
    out_ << text;
  }

  void end() override {
    std::string text;
    JsonText json(text, wrote_ ? 1 : 0);
    if (!wrote_) {
      json.begin_object().key("version").string(DIGESTLINT_VERSION);
      json.key("files").begin_array().end_array().key("summary");
      write_summary(json);
      json.end_object();
      out_ << text << '\n';
      return;
    }
    write_summary(json);
    out_ << "\n  ],\n  \"summary\": " << text << "\n}\n";
  }

 private:
  static std::string opening() {
    std::string text = "{\n  \"version\": ";
    JsonText(text, 1).string(DIGESTLINT_VERSION);
    return text + ",\n  \"files\": [\n";
  }

  void write_summary(JsonText& json) const {
    json.begin_object();
    json.key("error").integer(counts_.of(Severity::error));
    json.key("warning").integer(counts_.of(Severity::warning));
    json.key("note").integer(counts_.of(Severity::note));
    json.end_object();
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
