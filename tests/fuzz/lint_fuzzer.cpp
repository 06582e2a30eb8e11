// libFuzzer target: any bytes as a digest, through the parser, every rule of the default pack
// and every reporter. Crashes, sanitizer reports and findings outside the file are bugs.
#include <cstdint>
#include <cstdlib>
#include <sstream>

#include "cli/inputs.hpp"
#include "report/report.hpp"
#include "rules/catalog.hpp"

using namespace digestlint;

namespace {

struct Linter {
  RuleCatalog catalog{RuleOptions{}};
  const RuleCatalog::Compiled& compiled = catalog.for_file("");
  Engine engine{compiled.rules, compiled.filter};
  Report report;

  Linter() {
    for (const RuleSpec& spec : compiled.rules.specs) report.rules.push_back(&spec);
    report.docs_base_url = "https://example.invalid/docs/";
    report.source_root = "/fuzz/";
  }
};

void check_bounds(const FileResult& result) {
  const std::size_t size = result.source->text().size();
  for (const Finding& finding : result.findings) {
    if (finding.span.begin > finding.span.end || finding.span.end > size) std::abort();
    if (finding.fix && finding.fix->span.end > size) std::abort();
    if (finding.internal) std::abort();  // an analyzer threw
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Linter linter;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // What the CLI would refuse (NUL bytes, too large) never reaches the rules.
  if (reject_contents("fuzz.md", bytes, 1 << 20)) return 0;
  FileResult result = linter.engine.lint(std::make_shared<const SourceFile>("fuzz.md", bytes));
  check_bounds(result);
  Report report = linter.report;
  report.files.push_back(std::move(result));
  std::ostringstream out;
  write_human(out, report, HumanOptions{true, false, true, true});
  write_json(out, report);
  write_sarif(out, report);
  write_github(out, report);
  return 0;
}
