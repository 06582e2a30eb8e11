// Checks fixtures against the findings they announce. A fixture marks each expected finding with
// an HTML comment on the line before it:
//   <!-- expect: authors/placeholder -->          on the next non-blank line
//   <!-- expect: text/truncated@57 -->            … at UTF-16 column 57
//   <!-- expect@1:1: structure/missing-header --> at an explicit line and column
//   <!-- expect: summary/title-mismatch:note -->  … with this severity (any when not given)
//   <!-- expect-skipped -->                       the file is not a digest: no rule runs
//   <!-- expect-profile: arxiv-newsletter -->     the format profile that reads the file
// Every expected finding must be reported and nothing else may be.
//   fixture_check FILE…          check fixtures
//   fixture_check --coverage DIR every rule of the default pack is expected somewhere under DIR
#include <fmt/format.h>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "rules/catalog.hpp"
#include "rules/params.hpp"

using namespace digestlint;

namespace {

struct Expectation {
  int line;
  int column;  // 0: any column
  std::string rule;
  std::string severity;  // empty: any severity
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<Expectation> expectations_in(const SourceFile& source) {
  static const RE2 annotation(R"(<!--\s*expect(?:@(\d+):(\d+))?:\s*(.*?)\s*-->)");
  static const RE2 item(R"(([a-z0-9-]+/[a-z0-9-]+)(?:@(\d+))?(?::(error|warning|note))?)");
  std::vector<Expectation> result;
  for (int line = 1; line <= source.line_count(); ++line) {
    std::string explicit_line, explicit_column, rules;
    if (!RE2::PartialMatch(source.line_text(line), annotation, &explicit_line, &explicit_column,
                           &rules))
      continue;
    int target = line + 1;
    while (target <= source.line_count() &&
           (source.line_text(target).find_first_not_of(" \t") == std::string_view::npos ||
            source.line_text(target).starts_with("<!--"))) {
      ++target;
    }
    if (!explicit_line.empty()) target = std::stoi(explicit_line);
    re2::StringPiece input(rules);
    std::string rule, column, severity;
    while (RE2::FindAndConsume(&input, item, &rule, &column, &severity)) {
      const int col = !column.empty() ? std::stoi(column)
                                      : (explicit_column.empty() ? 0 : std::stoi(explicit_column));
      result.push_back({target, col, rule, severity});
    }
  }
  return result;
}

// `<!-- expect-profile: NAME -->`: the file must be read with that format profile.
int check_profile(const std::string& path, const SourceFile& source, const FileResult& result) {
  static const RE2 annotation(R"(<!--\s*expect-profile:\s*([a-z0-9-]+)\s*-->)");
  std::string expected;
  if (!RE2::PartialMatch(source.text(), annotation, &expected)) return 0;
  const std::string actual = result.digest->profile ? result.digest->profile->name : "(none)";
  if (actual == expected) return 0;
  std::cout << fmt::format("{}: expected profile {}, read with {} ({})\n", path, expected, actual,
                           result.digest->profile_reason);
  return 1;
}

int check_fixture(RuleCatalog& catalog, const std::string& path) {
  const auto source = std::make_shared<const SourceFile>(path, read(path));
  const auto& compiled = catalog.for_file(path);
  std::vector<FileResult> results = Engine(compiled.rules, compiled.filter).lint_all({source}, 1);
  std::vector<Expectation> expected = expectations_in(*source);
  int failures = 0;
  const bool skip_expected = source->text().find("<!-- expect-skipped") != std::string_view::npos;
  failures += check_profile(path, *source, results[0]);
  if (skip_expected != !results[0].skipped.empty()) {
    ++failures;
    std::cout << fmt::format("{}: expected the file to be {}: {}\n", path,
                             skip_expected ? "skipped" : "linted",
                             skip_expected ? "it was linted" : results[0].skipped);
  }
  for (const Finding& finding : results[0].findings) {
    const Position at = source->position(finding.span.begin);
    const auto match = std::find_if(expected.begin(), expected.end(), [&](const Expectation& e) {
      return e.rule == finding.rule_id && e.line == at.line &&
             (e.column == 0 || e.column == at.utf16_column) &&
             (e.severity.empty() || e.severity == to_string(finding.severity));
    });
    if (match != expected.end()) {
      expected.erase(match);
      continue;
    }
    ++failures;
    std::cout << fmt::format("{}:{}:{}: unexpected {}: {}\n", path, at.line, at.utf16_column,
                             finding.rule_id, finding.message);
  }
  for (const Expectation& e : expected) {
    ++failures;
    std::cout << fmt::format("{}:{}:{}: expected {} was not reported\n", path, e.line, e.column,
                             e.rule);
  }
  return failures;
}

int check_coverage(RuleCatalog& catalog, const std::string& directory) {
  std::set<std::string> expected;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (entry.path().extension() != ".md") continue;
    const SourceFile source(entry.path().string(), read(entry.path().string()));
    for (const Expectation& e : expectations_in(source)) expected.insert(e.rule);
  }
  int missing = 0;
  for (const RuleSpec& spec : catalog.for_file("").rules.specs) {
    if (expected.contains(spec.id)) continue;
    ++missing;
    std::cout << fmt::format("rule {} has no fixture that expects it under {}\n", spec.id,
                             directory);
  }
  std::cout << fmt::format("{} of {} rules covered by fixtures\n",
                           catalog.for_file("").rules.specs.size() - missing,
                           catalog.for_file("").rules.specs.size());
  return missing;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: fixture_check FILE… | --coverage DIR\n";
    return 2;
  }
  try {
    RuleCatalog catalog({});
    if (std::string_view(argv[1]) == "--coverage" && argc == 3)
      return check_coverage(catalog, argv[2]) ? 1 : 0;
    int failures = 0;
    for (int i = 1; i < argc; ++i) failures += check_fixture(catalog, argv[i]);
    std::cout << fmt::format("{} problem(s)\n", failures);
    return failures ? 1 : 0;
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return 3;
  }
}
