#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "report/report.hpp"
#include "report/test_support.hpp"

namespace digestlint {
namespace {

using nlohmann::json;
using report_test::ReportBuilder;

json sarif(const Report& report) {
  std::ostringstream out;
  write_sarif(out, report);
  return json::parse(out.str());
}

// A report that uses every feature of the SARIF writer; also written out for schema validation.
ReportBuilder sample() {
  ReportBuilder b;
  b.rule("links/insecure-url", Severity::warning, "Paper links use https.",
         "Flags `http://` links.\nThey should be https.\n\n## Example\n\n`http://arxiv.org`");
  b.rule("text/self-gloss", Severity::note, "A term glossed by itself.");
  b.rule("structure/duplicate-entry", Severity::error);
  const auto f = b.file("/repo/digests/2025 01/데일리.md",
                        "# Daily Papers\n\n[Paper](http://arxiv.org/abs/2401.00001)\n"
                        "저정밀도(저정밀도) 😀 x\n## A\n## A\n");
  Finding& insecure = b.finding(f, "links/insecure-url", "http://", "insecure URL 'http://'");
  insecure.hint = "use https://";
  insecure.fix = Fix{insecure.span, "https://", true, "replace with https://"};
  b.finding(f, "text/self-gloss", "저정밀도", "self gloss", Severity::note, 1).fix =
      Fix{report_test::span_of(b.source(f).text(), "(저정밀도)"), "", false, ""};
  Finding& dup = b.finding(f, "structure/duplicate-entry", "## A", "duplicate", Severity::error, 1);
  dup.related.push_back({"", report_test::span_of(b.source(f).text(), "## A"), "first seen here"});
  dup.related.push_back({"/repo/other.md", Span{0, 1}, ""});
  b.finding(f, "summary/unknown-rule", "x\n", "a finding of a rule missing from report.rules");
  b.file("/repo/clean.md", "# nothing\n");
  return b;
}

TEST_CASE("sarif: log, run and tool driver") {
  const ReportBuilder b = sample();
  const json log = sarif(b.report);
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///repo/");
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "digestlint");
  CHECK(driver["version"] == DIGESTLINT_VERSION);

  const json& rules = driver["rules"];
  REQUIRE(rules.size() == 4);
  const json& insecure = rules[0];
  CHECK(insecure["id"] == "links/insecure-url");
  CHECK(insecure["name"] == "InsecureUrl");
  CHECK(insecure["shortDescription"]["text"] == "Paper links use https.");
  CHECK(insecure["fullDescription"]["text"] == "Flags `http://` links. They should be https.");
  CHECK(insecure["help"]["markdown"].get<std::string>().find("## Example") != std::string::npos);
  CHECK(insecure["helpUri"] == "https://example.org/docs/rules/links/insecure-url.md");
  CHECK(insecure["defaultConfiguration"]["level"] == "warning");
  CHECK(insecure["properties"]["tags"] == json::array({"links"}));
  CHECK(rules[1]["name"] == "SelfGloss");
  CHECK(rules[1]["help"]["text"] == "A term glossed by itself.");
  CHECK(rules[1]["defaultConfiguration"]["level"] == "note");
  CHECK(rules[2]["name"] == "DuplicateEntry");
  CHECK(rules[2]["shortDescription"]["text"] == "structure/duplicate-entry");
  CHECK(rules[3]["id"] == "summary/unknown-rule");
}

TEST_CASE("sarif: the invocation tells a run that could not lint every input") {
  ReportBuilder b = sample();
  CHECK(sarif(b.report)["runs"][0]["invocations"] ==
        json::parse(R"([{"executionSuccessful": true}])"));
  b.report.unread_inputs = {{"/repo/bin.md", 1, 2, "binary file (NUL byte); not linted"},
                            {"/elsewhere/gone.md", 0, 0, "no such file or directory"}};
  ReportBuilder failed_rule = sample();
  failed_rule.report.files[0].findings[0].internal = true;  // a rule failed on the file
  CHECK(sarif(failed_rule.report)["runs"][0]["invocations"][0]["executionSuccessful"] == false);
  const json invocation = sarif(b.report)["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  const json& notes = invocation["toolExecutionNotifications"];
  REQUIRE(notes.size() == 2);
  CHECK(notes[0]["level"] == "error");
  CHECK(notes[0]["message"]["text"] == "binary file (NUL byte); not linted");
  const json& bin = notes[0]["locations"][0]["physicalLocation"];
  CHECK(bin["artifactLocation"] == json::parse(R"({"uri": "bin.md", "uriBaseId": "%SRCROOT%"})"));
  CHECK(bin["region"] == json::parse(R"({"startLine": 1, "startColumn": 2})"));
  const json& gone = notes[1]["locations"][0]["physicalLocation"];
  CHECK(gone["artifactLocation"]["uri"] == "file:///elsewhere/gone.md");
  CHECK_FALSE(gone.contains("region"));
}

TEST_CASE("sarif: results with UTF-16 regions and percent-encoded relative URIs") {
  const ReportBuilder b = sample();
  const json log = sarif(b.report);
  const json& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 4);
  for (const json& result : results) {
    const int index = result["ruleIndex"];
    CHECK(log["runs"][0]["tool"]["driver"]["rules"][index]["id"] == result["ruleId"]);
    const json& artifact = result["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(artifact["uri"] == "digests/2025%2001/%EB%8D%B0%EC%9D%BC%EB%A6%AC.md");
    CHECK(artifact["uriBaseId"] == "%SRCROOT%");
  }
  const json& insecure = results[0];
  CHECK(insecure["level"] == "warning");
  CHECK(insecure["message"]["text"] == "insecure URL 'http://'");
  CHECK(insecure["properties"]["hint"] == "use https://");
  const json& region = insecure["locations"][0]["physicalLocation"]["region"];
  CHECK(region["startLine"] == 3);
  CHECK(region["startColumn"] == 9);
  CHECK(region["endLine"] == 3);
  CHECK(region["endColumn"] == 16);  // exclusive: "http://" is columns 9..15
  CHECK(region["byteOffset"] == 24);
  CHECK(region["byteLength"] == 7);

  // "저정밀도(" is 5 UTF-16 units (15 bytes); the second word ends before ')'.
  const json& gloss = results[1]["locations"][0]["physicalLocation"]["region"];
  CHECK(results[1]["level"] == "note");
  CHECK(gloss["startLine"] == 4);
  CHECK(gloss["startColumn"] == 6);
  CHECK(gloss["endColumn"] == 10);
  // After "저정밀도(저정밀도) 😀 " (the emoji is a surrogate pair) comes x at column 15.
  const json& unknown = results[3]["locations"][0]["physicalLocation"]["region"];
  CHECK(unknown["startColumn"] == 15);
  CHECK(unknown["endLine"] == 5);  // the span includes the newline
  CHECK(unknown["endColumn"] == 1);
}

TEST_CASE("sarif: fixes and related locations") {
  const ReportBuilder b = sample();
  const json results = sarif(b.report)["runs"][0]["results"];
  const json& fix = results[0]["fixes"][0];
  CHECK(fix["description"]["text"] == "replace with https://");
  CHECK(fix["properties"]["safe"] == true);
  const json& change = fix["artifactChanges"][0];
  CHECK(change["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(change["replacements"][0]["deletedRegion"]["startColumn"] == 9);
  CHECK(change["replacements"][0]["deletedRegion"]["endColumn"] == 16);
  CHECK(change["replacements"][0]["insertedContent"]["text"] == "https://");

  const json& deletion = results[1]["fixes"][0];
  CHECK(deletion["properties"]["safe"] == false);
  CHECK(deletion["description"]["text"] == "delete '(저정밀도)'");
  CHECK_FALSE(deletion["artifactChanges"][0]["replacements"][0].contains("insertedContent"));

  const json& related = results[2]["relatedLocations"];
  REQUIRE(related.size() == 2);
  CHECK(related[0]["id"] == 1);
  CHECK(related[0]["message"]["text"] == "first seen here");
  CHECK(related[0]["physicalLocation"]["region"]["startLine"] == 5);
  CHECK(related[1]["physicalLocation"]["artifactLocation"]["uri"] == "other.md");
  CHECK_FALSE(related[1].contains("message"));
  CHECK_FALSE(results[2].contains("fixes"));
}

std::string fingerprint(const json& log, std::size_t result) {
  return log["runs"][0]["results"][result]["partialFingerprints"]["primaryLocationLineHash"];
}

TEST_CASE("sarif: line hash fingerprints survive moved lines and count identical lines") {
  const std::string body = "[a](http://x)\n  [a](http://x)\n[b](http://y)\n";
  ReportBuilder before;
  const auto f1 = before.file("/repo/d.md", body);
  ReportBuilder after;
  const auto f2 = after.file("/repo/d.md", "# new heading\n\nnew text\n" + body);
  for (auto [builder, file] : {std::pair{&before, f1}, std::pair{&after, f2}}) {
    builder->finding(file, "links/insecure-url", "http://", "m", Severity::warning, 0);
    builder->finding(file, "links/insecure-url", "http://", "m", Severity::warning, 1);
    builder->finding(file, "links/insecure-url", "http://", "m", Severity::warning, 2);
    builder->finding(file, "links/other", "http://", "m", Severity::warning, 2);
  }
  const json a = sarif(before.report);
  const json b = sarif(after.report);
  for (std::size_t i = 0; i < 4; ++i) CHECK(fingerprint(a, i) == fingerprint(b, i));
  CHECK(a["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] !=
        b["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]);
  // Identical lines (up to indentation) share a hash and differ by occurrence.
  CHECK(fingerprint(a, 0).ends_with(":1"));
  CHECK(fingerprint(a, 1).ends_with(":2"));
  CHECK(fingerprint(a, 0).substr(0, 16) == fingerprint(a, 1).substr(0, 16));
  CHECK(fingerprint(a, 0).size() == 18);
  // Other text or another rule give another hash.
  CHECK(fingerprint(a, 2).substr(0, 16) != fingerprint(a, 0).substr(0, 16));
  CHECK(fingerprint(a, 3).substr(0, 16) != fingerprint(a, 2).substr(0, 16));
  CHECK(fingerprint(a, 3).ends_with(":1"));
}

TEST_CASE("sarif: byte offsets count a byte order mark; paths outside the root") {
  ReportBuilder b;
  const auto f = b.file("/elsewhere/a b.md", "\xEF\xBB\xBFhello\n");
  b.finding(f, "r/x", "hello", "m");
  const json result = sarif(b.report)["runs"][0]["results"][0];
  const json& location = result["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "file:///elsewhere/a%20b.md");
  CHECK_FALSE(location["artifactLocation"].contains("uriBaseId"));
  CHECK(location["region"]["startColumn"] == 1);
  CHECK(location["region"]["byteOffset"] == 3);

  b.report.files[0].source = std::make_shared<SourceFile>("/repo/../elsewhere/b.md", "hello\n");
  CHECK(sarif(b.report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                       ["artifactLocation"]["uri"] == "file:///elsewhere/b.md");

  b.report.source_root.clear();
  b.report.files[0].source = std::make_shared<SourceFile>("./dir/a.md", "hello\n");
  const json run = sarif(b.report)["runs"][0];
  CHECK_FALSE(run.contains("originalUriBaseIds"));
  CHECK(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "dir/a.md");
}

TEST_CASE("sarif: a related file no longer at hand is placed by its excerpts as by the file") {
  const report_test::ExcerptReports reports;
  const auto related = [](const Report& report) {
    return sarif(report)["runs"][0]["results"][0]["relatedLocations"];
  };
  const json read = related(reports.read.report);
  const json excerpted = related(reports.excerpted.report);
  REQUIRE(excerpted.size() == 4);
  for (std::size_t k = 0; k < excerpted.size(); ++k) {
    const json& location = excerpted[k]["physicalLocation"];
    CHECK(location["region"] == read[k]["physicalLocation"]["region"]);
    CHECK(location["artifactLocation"]["uri"] ==
          read[k]["physicalLocation"]["artifactLocation"]["uri"]);
  }
  CHECK(excerpted[0]["physicalLocation"]["region"]["byteOffset"] ==
        3 + 4 + 4 + 1);  // BOM, "# T ", 😀, " "
  CHECK(excerpted[1]["physicalLocation"]["region"]["endLine"] == 4);
}

TEST_CASE("sarif: no findings still gives a valid run") {
  ReportBuilder b;
  b.rule("r/x");
  b.file("/repo/a.md", "text\n");
  const json run = sarif(b.report)["runs"][0];
  CHECK(run["results"].is_array());
  CHECK(run["results"].empty());
  CHECK(run["tool"]["driver"]["rules"].size() == 1);
}

// tests/reports.cmake runs this case with DIGESTLINT_SARIF_SAMPLE set, then validates the file
// against the SARIF schema with tests/sarif_validate.py.
TEST_CASE("sarif: write sample for schema validation") {
  const char* path = std::getenv("DIGESTLINT_SARIF_SAMPLE");
  if (path == nullptr) return;
  std::ofstream out(path);
  REQUIRE(out);
  write_sarif(out, sample().report);
  out.close();
  CHECK(out.good());
}

}  // namespace
}  // namespace digestlint
