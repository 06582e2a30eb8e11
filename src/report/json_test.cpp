#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "report/report.hpp"
#include "report/test_support.hpp"

namespace digestlint {
namespace {

using report_test::ReportBuilder;

std::string json_text(const Report& report) {
  std::ostringstream out;
  write_json(out, report);
  return out.str();
}

TEST_CASE("json: exact keys, byte and UTF-16 columns, fix, summary") {
  ReportBuilder b;
  const auto f = b.file("d.md", "한 [a](http://x)\n");
  Finding& finding = b.finding(f, "links/insecure-url", "http://", "insecure \"URL\"");
  finding.hint = "use https://";
  finding.fix = Fix{finding.span, "https://", true, ""};
  b.file("clean.md", "ok\n");

  const std::string expected = R"({
  "version": ")" DIGESTLINT_VERSION R"(",
  "files": [
    {
      "path": "d.md",
      "findings": [
        {
          "rule": "links/insecure-url",
          "severity": "warning",
          "line": 1,
          "column": 9,
          "end_line": 1,
          "end_column": 16,
          "utf16_column": 7,
          "end_utf16_column": 14,
          "message": "insecure \"URL\"",
          "hint": "use https://",
          "fix": {
            "description": "replace 'http://' with 'https://'",
            "replacement": "https://",
            "safe": true,
            "line": 1,
            "column": 9,
            "end_line": 1,
            "end_column": 16
          },
          "related": []
        }
      ]
    },
    {
      "path": "clean.md",
      "findings": []
    }
  ],
  "summary": {
    "error": 0,
    "warning": 1,
    "note": 0
  }
}
)";
  CHECK(json_text(b.report) == expected);
}

TEST_CASE("json: null fix, related locations, summary per severity") {
  ReportBuilder b;
  const auto f = b.file("a.md", "x\ny\nx\n");
  b.file("b.md", "z\n");
  Finding& dup = b.finding(f, "structure/duplicate-entry", "x", "dup", Severity::error, 1);
  dup.related.push_back({"", Span{0, 1}, "first seen here"});
  dup.related.push_back({"b.md", Span{0, 1}, "also"});
  dup.related.push_back({"gone.md", Span{0, 1}, ""});
  b.finding(f, "r/n", "y", "n", Severity::note);
  b.finding(f, "r/n", "x", "n", Severity::note);
  const nlohmann::json out = nlohmann::json::parse(json_text(b.report));
  const auto& finding = out["files"][0]["findings"][0];
  CHECK(finding["fix"].is_null());
  CHECK(finding["hint"] == "");
  CHECK(finding["line"] == 3);
  CHECK(finding["related"][0] == nlohmann::json{{"path", "a.md"},
                                                {"line", 1},
                                                {"column", 1},
                                                {"utf16_column", 1},
                                                {"message", "first seen here"}});
  CHECK(finding["related"][1]["path"] == "b.md");
  CHECK(finding["related"][2]["line"].is_null());
  CHECK(out["summary"] == nlohmann::json{{"error", 1}, {"warning", 0}, {"note", 2}});
}

TEST_CASE("json: a related file no longer at hand is placed by its excerpts as by the file") {
  const report_test::ExcerptReports reports;
  const auto related = [](const Report& report) {
    return nlohmann::json::parse(json_text(report))["files"][0]["findings"][0]["related"];
  };
  const nlohmann::json excerpted = related(reports.excerpted.report);
  CHECK(excerpted == related(reports.read.report));
  CHECK(excerpted[1]["line"] == 3);
  CHECK(excerpted[1]["utf16_column"] == 7);
}

TEST_CASE("json: invalid UTF-8 in a message does not throw") {
  ReportBuilder b;
  const auto f = b.file("a.md", "x\n");
  b.finding(f, "r/x", "x", std::string("bad \xFF byte"));
  CHECK(nlohmann::json::accept(json_text(b.report)));
}

}  // namespace
}  // namespace digestlint
