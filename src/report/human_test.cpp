#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "model/source.hpp"
#include "report/report.hpp"
#include "report/test_support.hpp"

namespace digestlint {
namespace {

using report_test::ReportBuilder;

std::string human(const Report& report, HumanOptions options = {}) {
  std::ostringstream out;
  write_human(out, report, options);
  return out.str();
}

TEST_CASE("human: header, code frame, hint, fix and summary") {
  ReportBuilder b;
  b.rule("links/insecure-url");
  const auto f = b.file("d.md", "# Title\n\n[Paper](http://arxiv.org/abs/2401.00001)\n");
  Finding& finding = b.finding(f, "links/insecure-url", "http://", "insecure URL");
  finding.hint = "use https://";
  finding.fix = Fix{finding.span, "https://", true, "replace with https://"};

  CHECK(human(b.report) ==
        "d.md:3:9: warning[links/insecure-url]: insecure URL\n"
        "  |\n"
        "3 | [Paper](http://arxiv.org/abs/2401.00001)\n"
        "  |         ^^^^^^^\n"
        "  = hint: use https://\n"
        "  = fix (safe): replace with https://\n"
        "\n"
        "Found 1 warning in 1 file (1 fixable with --fix).\n");

  HumanOptions no_fixes;
  no_fixes.show_fixes = false;
  CHECK(human(b.report, no_fixes).find("fix (safe)") == std::string::npos);
}

TEST_CASE("human: underline aligned under Korean double-width characters") {
  ReportBuilder b;
  const auto f = b.file("k.md", "저정밀도(저정밀도) 양자화\n");
  b.finding(f, "text/self-gloss", "저정밀도", "self gloss", Severity::note, 1);
  const std::string out = human(b.report);
  // Header column counts UTF-16 units: "저정밀도(" is 5 units.
  CHECK(out.find("k.md:1:6: note[text/self-gloss]: self gloss\n") == 0);
  // "저정밀도(" is 9 display columns, the flagged word 8.
  CHECK(out.find("1 | 저정밀도(저정밀도) 양자화\n"
                 "  | " +
                 std::string(9, ' ') + "^^^^^^^^\n") != std::string::npos);
}

TEST_CASE("human: the underline is placed as each character's own width says, around Hangul") {
  // The first and last Hangul syllables, and their neighbours outside the block, each before the
  // flagged 'X': the report measures syllables without decoding them, the rest as display_width.
  for (const std::string before : {"\uABFF", "\uAC00", "\uD7A3", "\uD7A4", "\uD7B0", "a\uAC00b"}) {
    ReportBuilder b;
    const auto f = b.file("h.md", before + "X\n");
    b.finding(f, "r/x", "X", "m");
    const auto columns = static_cast<std::size_t>(display_width(before));
    INFO("before: " << before);
    CHECK(human(b.report).find("1 | " + before + "X\n  | " + std::string(columns, ' ') + "^\n") !=
          std::string::npos);
  }
}

TEST_CASE("human: tabs are expanded and the underline follows") {
  ReportBuilder b;
  const auto f = b.file("t.md", "a\tbc\tX\n");
  b.finding(f, "r/x", "X", "m");
  const std::string out = human(b.report);
  // "a" + tab to col 4 + "bc" + tab to col 8.
  CHECK(out.find("1 | a   bc  X\n  |         ^\n") != std::string::npos);
}

TEST_CASE("human: control characters are not sent to the terminal") {
  ReportBuilder b;
  const auto f = b.file("c.md", "a\x1b[31mX\n");
  b.finding(f, "r/x", "X", "m");
  const std::string out = human(b.report);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find("1 | a\xEF\xBF\xBD[31mX\n  |       ^\n") != std::string::npos);
}

TEST_CASE("human: empty span and span at the end of a line get one caret") {
  ReportBuilder b;
  const auto f = b.file("e.md", "abc\n");
  b.finding_at(f, "r/x", Span{3, 3}, "m");
  CHECK(human(b.report).find("1 | abc\n  |    ^\n") != std::string::npos);
}

TEST_CASE("human: multi-line span underlines to the end of its first line and says where it ends") {
  ReportBuilder b;
  const auto f = b.file("m.md", "one two\nthree four\n");
  b.finding_at(f, "r/x", Span{4, 13}, "m");
  const std::string out = human(b.report);
  CHECK(out.find("1 | one two\n  |     ^^^\n") != std::string::npos);
  CHECK(out.find("  = note: the span continues to line 2, column 6\n") != std::string::npos);
}

TEST_CASE("human: a span that ends with its line terminator is not multi-line") {
  ReportBuilder b;
  const auto f = b.file("n.md", "abc\r\ndef\n");
  b.finding_at(f, "r/x", Span{0, 5}, "m");
  const std::string out = human(b.report);
  CHECK(out.find("1 | abc\n  | ^^^\n") != std::string::npos);
  CHECK(out.find("continues") == std::string::npos);
}

TEST_CASE("human: very long lines are windowed around the span") {
  ReportBuilder b;
  const std::string line = std::string(300, 'a') + "NEEDLE" + std::string(300, 'b');
  const auto f = b.file("l.md", line + "\n");
  b.finding(f, "r/x", "NEEDLE", "m");
  const std::string out = human(b.report);
  const std::string ellipsis = "\xE2\x80\xA6";
  const std::string shown =
      ellipsis + std::string(40, 'a') + "NEEDLE" + std::string(74, 'b') + ellipsis;
  CHECK(out.find("1 | " + shown + "\n") != std::string::npos);
  CHECK(out.find("  | " + std::string(41, ' ') + "^^^^^^\n") != std::string::npos);
}

TEST_CASE(
    "human: a long line's window ends at the line's end; a span past it stops at the window") {
  // Two findings on one line of 400 double-width characters between 'A' and 'Z' (802 columns,
  // measured once, then further), the first running on to the next line, the second at the line's
  // end; then one at the end of a line of 110 such characters and 'Y' (221 columns).
  std::string wide, narrower;
  for (int i = 0; i < 400; ++i) wide += "가";
  for (int i = 0; i < 110; ++i) narrower += "나";
  ReportBuilder b;
  const auto f = b.file("w.md", "A" + wide + "Z\nnext\n" + narrower + "Y\n");
  const std::string text(b.source(f).text());
  b.finding_at(f, "r/x", Span{0, text.find("next") + 2}, "m");
  b.finding(f, "r/x", "Z", "m");
  b.finding(f, "r/x", "Y", "m");
  const std::string out = human(b.report);
  const std::string ellipsis = "\xE2\x80\xA6";
  std::string shown_wide, shown_narrower;  // 59 characters, 118 columns
  for (int i = 0; i < 59; ++i) shown_wide += "가", shown_narrower += "나";
  // From the line's start: 119 columns, then the ellipsis, which the underline reaches.
  CHECK(out.find("1 | A" + shown_wide + ellipsis + "\n  | " + std::string(121, '^') + "\n") !=
        std::string::npos);
  // At its end: the window is the line's last 120 columns, from the first whole character.
  const std::string caret_at_end = "\n  | " + std::string(119, ' ') + "^\n";
  CHECK(out.find("1 | " + ellipsis + shown_wide + "Z" + caret_at_end) != std::string::npos);
  CHECK(out.find("3 | " + ellipsis + shown_narrower + "Y" + caret_at_end) != std::string::npos);
}

TEST_CASE("human: a line of 200 columns is shown whole, one of 201 as its last 120") {
  ReportBuilder b;
  const auto f = b.file("a.md", std::string(199, 'a') + "X\n" + std::string(200, 'b') + "Y\n");
  b.finding(f, "r/x", "X", "m");
  b.finding(f, "r/x", "Y", "m");
  const std::string out = human(b.report);
  CHECK(out.find("1 | " + std::string(199, 'a') + "X\n  | " + std::string(199, ' ') + "^\n") !=
        std::string::npos);
  CHECK(out.find("2 | \xE2\x80\xA6" + std::string(119, 'b') + "Y\n  | " + std::string(120, ' ') +
                 "^\n") != std::string::npos);
}

TEST_CASE("human: related locations in the same file and in another file") {
  ReportBuilder b;
  const auto f1 = b.file("a.md", "## X\n\n## Y\n\n## X\n");
  b.file("b.md", "## Z\n");
  Finding& finding =
      b.finding(f1, "structure/duplicate-entry", "X", "duplicate entry", Severity::error, 1);
  finding.related.push_back(
      {"", report_test::span_of(b.source(f1).text(), "X"), "first seen here"});
  finding.related.push_back({"b.md", Span{3, 4}, "also here"});
  finding.related.push_back({"gone.md", Span{0, 1}, ""});
  const std::string out = human(b.report);
  CHECK(out.find("a.md:5:4: error[structure/duplicate-entry]: duplicate entry\n") == 0);
  CHECK(out.find("a.md:1:4: note: first seen here\n"
                 "  |\n"
                 "1 | ## X\n"
                 "  |    ^\n") != std::string::npos);
  CHECK(out.find("b.md:1:4: note: also here\n") != std::string::npos);
  CHECK(out.find("gone.md: note: related location\n") != std::string::npos);
  CHECK(out.find("Found 1 error in 1 file.\n") != std::string::npos);
}

TEST_CASE("human: a related file no longer at hand is drawn from its excerpts as from the file") {
  const report_test::ExcerptReports reports;
  const std::string read = human(reports.read.report);
  const std::string excerpted = human(reports.excerpted.report);
  const auto notes = [](const std::string& out) {
    const std::size_t begin = out.find("other.md:1:");
    return out.substr(begin, out.find("\nFound") - begin);
  };
  CHECK(notes(excerpted) == notes(read));
  CHECK(notes(excerpted).find("other.md:1:8: note: first here\n") == 0);
  CHECK(notes(excerpted).find("other.md:3:7: note: first here\n"
                              "  |\n"
                              "3 | - 한국어    요약 first\n"  // the tab drawn to column 12
                              "  |             ^^^^^^^^^^\n") != std::string::npos);
}

TEST_CASE("human: colour only when asked") {
  ReportBuilder b;
  const auto f = b.file("d.md", "x\n");
  b.finding(f, "r/x", "x", "m", Severity::error);
  CHECK(human(b.report).find('\x1b') == std::string::npos);
  HumanOptions color;
  color.color = true;
  const std::string out = human(b.report, color);
  CHECK(out.find("\x1b[1;31merror[r/x]\x1b[0m") != std::string::npos);
}

TEST_CASE("human: quiet prints only the summary; no problems") {
  ReportBuilder b;
  const auto f = b.file("d.md", "x\n");
  b.file("e.md", "y\n");
  HumanOptions quiet;
  quiet.quiet = true;
  CHECK(human(b.report, quiet) == "No problems found in 2 files.\n");
  b.finding(f, "r/x", "x", "m", Severity::note);
  CHECK(human(b.report, quiet) == "Found 1 note in 1 file.\n");
}

TEST_CASE("human: summary counts severities, files and fixes") {
  ReportBuilder b;
  const auto f1 = b.file("a.md", "aaaa\n");
  const auto f2 = b.file("b.md", "bbbb\n");
  b.file("c.md", "cccc\n");
  b.finding(f1, "r/e", "a", "m", Severity::error).fix = Fix{{0, 1}, "", true, ""};
  b.finding(f1, "r/e", "a", "m", Severity::error, 1).fix = Fix{{1, 2}, "", false, ""};
  b.finding(f2, "r/e", "b", "m", Severity::error);
  b.finding(f2, "r/w", "b", "m", Severity::warning, 1);
  b.finding(f2, "r/w", "b", "m", Severity::warning, 2);
  b.finding(f2, "r/n", "b", "m", Severity::note, 3);
  HumanOptions quiet;
  quiet.quiet = true;
  CHECK(human(b.report, quiet) ==
        "Found 3 errors, 2 warnings, 1 note in 2 files (1 fixable with --fix, 1 more with "
        "--unsafe-fixes).\n");
}

TEST_CASE("human: statistics table sorted by count") {
  ReportBuilder b;
  const auto f = b.file("a.md", "aaaa\n");
  b.finding(f, "links/insecure-url", "a", "m", Severity::warning).fix = Fix{{0, 1}, "", true, ""};
  b.finding(f, "text/truncated", "a", "m", Severity::note, 1);
  b.finding(f, "text/truncated", "a", "m", Severity::note, 2);
  b.finding(f, "text/truncated", "a", "m", Severity::note, 3);
  HumanOptions options;
  options.statistics = true;
  options.quiet = true;
  CHECK(human(b.report, options) ==
        "Statistics:\n"
        "  3  text/truncated      note\n"
        "  1  links/insecure-url  warning  (1 fixable)\n"
        "\n"
        "Found 1 warning, 3 notes in 1 file (1 fixable with --fix).\n");
}

TEST_CASE("human: gutter is as wide as the largest line number") {
  ReportBuilder b;
  std::string text;
  for (int i = 0; i < 120; ++i) text += "line\n";
  const auto f = b.file("g.md", text + "target\n");
  b.finding(f, "r/x", "target", "m");
  CHECK(human(b.report).find("    |\n121 | target\n    | ^^^^^^\n") != std::string::npos);
}

}  // namespace
}  // namespace digestlint
