#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "report/report.hpp"
#include "report/test_support.hpp"

namespace digestlint {
namespace {

using report_test::ReportBuilder;

std::string github(const Report& report) {
  std::ostringstream out;
  write_github(out, report);
  return out.str();
}

TEST_CASE("github: one workflow command per finding, paths relative to the root") {
  ReportBuilder b;
  const auto f = b.file("/repo/digests/한 d.md", "한 [a](http://x)\n");
  b.finding(f, "links/insecure-url", "http://", "insecure URL", Severity::error).hint = "use https";
  b.finding(f, "authors/lowercase", "a", "lower", Severity::note);
  b.finding(f, "r/w", "x", "w", Severity::warning);
  CHECK(github(b.report) ==
        "::error file=digests/한 d.md,line=1,col=7,endLine=1,endColumn=14,"
        "title=digestlint [links/insecure-url]::insecure URL%0Ahint: use https\n"
        "::notice file=digests/한 d.md,line=1,col=4,endLine=1,endColumn=5,"
        "title=digestlint [authors/lowercase]::lower\n"
        "::warning file=digests/한 d.md,line=1,col=14,endLine=1,endColumn=15,"
        "title=digestlint [r/w]::w\n");
}

TEST_CASE("github: escaping of data and properties") {
  ReportBuilder b;
  b.report.source_root.clear();
  const auto f = b.file("a,b:c%.md", "x\n");
  b.finding(f, "r/x", "x", "50% done\r\nnext: a,b");
  CHECK(github(b.report) ==
        "::warning file=a%2Cb%3Ac%25.md,line=1,col=1,endLine=1,endColumn=2,"
        "title=digestlint [r/x]::50%25 done%0D%0Anext: a,b\n");
}

TEST_CASE("github: multi-line spans leave the columns out; a trailing newline is not a line") {
  ReportBuilder b;
  const auto f = b.file("/repo/a.md", "one\ntwo\nthree\n");
  b.finding_at(f, "r/x", Span{0, 6}, "m");
  b.finding_at(f, "r/y", Span{4, 8}, "m");
  CHECK(github(b.report) ==
        "::warning file=a.md,line=1,endLine=2,title=digestlint [r/x]::m\n"
        "::warning file=a.md,line=2,col=1,endLine=2,endColumn=4,title=digestlint [r/y]::m\n");
}

TEST_CASE("github: no findings, no output") {
  ReportBuilder b;
  b.file("a.md", "x\n");
  CHECK(github(b.report).empty());
}

}  // namespace
}  // namespace digestlint
