#pragma once
// Builds Report objects by hand for the reporters' unit tests (no parser or engine needed).
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"

namespace digestlint::report_test {

// The span of the n-th (0-based) occurrence of needle in text; fails the test when absent.
inline Span span_of(std::string_view text, std::string_view needle, int occurrence = 0) {
  std::size_t at = text.find(needle);
  for (int i = 0; i < occurrence && at != std::string_view::npos; ++i) {
    at = text.find(needle, at + 1);
  }
  if (at == std::string_view::npos) throw std::runtime_error("test needle not found");
  return {at, at + needle.size()};
}

class ReportBuilder {
 public:
  ReportBuilder() {
    report.docs_base_url = "https://example.org/docs/rules/";
    report.source_root = "/repo/";
  }

  RuleSpec& rule(std::string id, Severity severity = Severity::warning,
                 std::string description = "", std::string docs = "") {
    RuleSpec& spec = rules_->emplace_back();
    spec.id = std::move(id);
    spec.severity = severity;
    spec.description = std::move(description);
    spec.docs = std::move(docs);
    report.rules.push_back(&spec);
    return spec;
  }

  // Adds a file; returns its index in report.files.
  std::size_t file(std::string path, std::string text) {
    FileResult result;
    result.source = std::make_shared<SourceFile>(std::move(path), std::move(text));
    report.files.push_back(std::move(result));
    return report.files.size() - 1;
  }

  const SourceFile& source(std::size_t file) const { return *report.files.at(file).source; }

  // Adds a finding on the n-th occurrence of needle in the file.
  Finding& finding(std::size_t file, std::string rule_id, std::string_view needle,
                   std::string message, Severity severity = Severity::warning, int occurrence = 0) {
    return finding_at(file, std::move(rule_id), span_of(source(file).text(), needle, occurrence),
                      std::move(message), severity);
  }

  Finding& finding_at(std::size_t file, std::string rule_id, Span span, std::string message,
                      Severity severity = Severity::warning) {
    Finding& f = report.files.at(file).findings.emplace_back();
    f.rule_id = std::move(rule_id);
    f.severity = severity;
    f.message = std::move(message);
    f.span = span;
    return f;
  }

  Report report;

 private:
  // Stable addresses for report.rules, shared so that a copied builder's report stays valid.
  std::shared_ptr<std::deque<RuleSpec>> rules_ = std::make_shared<std::deque<RuleSpec>>();
};

// A file with a byte order mark, a tab, Hangul and an emoji, a line that ends in "\r\r\n" (line
// endings converted twice: a lone CR, then CRLF, so an empty line follows) and one that starts with
// the bytes of a byte order mark, and places in it that findings of another file point to (on its
// first line, over two lines, on those two): a reporter must say the same of them whether it reads
// the file or excerpts taken from it while it was at hand.
struct ExcerptedFile {
  static constexpr const char* kPath = "other.md";
  static constexpr std::string_view kText =
      "\xEF\xBB\xBF# T \xF0\x9F\x98\x80 x\n\n- 한국어\t요약 first\n  second\nthird\r\r\n"
      "\xEF\xBB\xBF"
      "fourth\n";

  // The related locations, with or without excerpts.
  std::vector<RelatedLocation> related(bool with_excerpts) const {
    std::vector<RelatedLocation> out;
    for (const Span span : {span_of(source.text(), "x"), span_of(source.text(), "요약 first\n  se"),
                            span_of(source.text(), "third\n"), span_of(source.text(), "fourth")}) {
      out.push_back(
          {kPath, span, "first here", with_excerpts ? excerpt_of(source, span, 4096) : nullptr});
    }
    return out;
  }

  SourceFile source{kPath, std::string(kText)};
};

// Two reports of one finding in d.md that points into ExcerptedFile: in `read`, the other file is
// part of the report and its locations have no excerpts; in `excerpted`, it is not, and they do.
struct ExcerptReports {
  ExcerptReports() {
    for (ReportBuilder* b : {&read, &excerpted}) b->file("d.md", "## X\n");
    read.file(ExcerptedFile::kPath, std::string(ExcerptedFile::kText));
    read.finding(0, "r/x", "X", "m").related = other.related(false);
    excerpted.finding(0, "r/x", "X", "m").related = other.related(true);
  }
  ExcerptedFile other;
  ReportBuilder read, excerpted;
};

}  // namespace digestlint::report_test
