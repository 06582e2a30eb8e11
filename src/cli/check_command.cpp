#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "cli/commands.hpp"
#include "report/report.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

constexpr std::string_view kDefaultDocsUrl =
    "https://github.com/digestlint/digestlint/blob/main/docs/rules/";

std::optional<Severity> fail_threshold(const std::string& fail_on) {
  if (fail_on == "never") return std::nullopt;
  return parse_severity(fail_on).value_or(Severity::warning);
}

bool reaches(const std::vector<FileResult>& results, std::optional<Severity> threshold) {
  if (!threshold) return false;
  for (const FileResult& result : results) {
    for (const Finding& finding : result.findings) {
      if (finding.severity >= *threshold) return true;
    }
  }
  return false;
}

void print_input_error(const InputError& error) {
  if (error.line > 0) {
    std::cerr << fmt::format("{}:{}:{}: error: {}\n", error.path, error.line, error.column,
                             error.message);
  } else {
    std::cerr << fmt::format("{}: error: {}\n", error.path, error.message);
  }
}

// Lints each group of files that share a configuration with that configuration's rules, then
// puts the results back in input order.
Report lint(const CheckOptions& options, RuleCatalog& catalog, const Inputs& inputs) {
  Report report;
  report.docs_base_url = options.docs_url.empty() ? std::string(kDefaultDocsUrl) : options.docs_url;
  report.source_root = std::filesystem::current_path().string() + "/";
  std::map<const RuleCatalog::Compiled*, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < inputs.sources.size(); ++i) {
    groups[&catalog.for_file(inputs.sources[i]->path())].push_back(i);
  }
  if (groups.empty()) groups[&catalog.for_file("")];
  const unsigned jobs =
      options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  report.files.resize(inputs.sources.size());
  std::set<std::string> seen_rules;
  for (const auto& [compiled, indexes] : groups) {
    std::vector<std::shared_ptr<const SourceFile>> sources;
    for (const std::size_t i : indexes) sources.push_back(inputs.sources[i]);
    auto results = Engine(compiled->rules, compiled->filter, options.inline_config).lint_all(std::move(sources), jobs);
    for (std::size_t k = 0; k < indexes.size(); ++k)
      report.files[indexes[k]] = std::move(results[k]);
    for (const RuleSpec& spec : compiled->rules.specs) {
      if (!seen_rules.insert(spec.id).second) continue;
      if (!options.rules.select.empty() &&
          std::none_of(options.rules.select.begin(), options.rules.select.end(),
                       [&](const std::string& s) { return selects(s, spec.id); })) {
        continue;
      }
      report.rules.push_back(&spec);
    }
  }
  std::sort(report.rules.begin(), report.rules.end(),
            [](auto* a, auto* b) { return a->id < b->id; });
  return report;
}

void write_report(const CheckOptions& options, const Report& report, std::ostream& out,
                  bool color) {
  if (options.format == "sarif") {
    write_sarif(out, report);
  } else if (options.format == "json") {
    write_json(out, report);
  } else if (options.format == "github") {
    write_github(out, report);
  } else {
    write_human(out, report, HumanOptions{color, options.quiet, options.statistics, true});
  }
}

}  // namespace

int run_check(const CheckOptions& options) {
  RuleCatalog catalog(options.rules);
  const Inputs inputs = read_inputs(options.paths, options.input);
  Report report;
  try {
    report = lint(options, catalog, inputs);
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  for (const InputError& error : inputs.errors) print_input_error(error);

  std::ofstream file;
  if (!options.output_path.empty()) {
    file.open(options.output_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << fmt::format("{}: error: cannot write output file\n", options.output_path);
      return kExitUsage;
    }
  }
  std::ostream& out = options.output_path.empty() ? std::cout : file;
  const bool color =
      options.color == "always" || (options.color == "auto" && options.output_path.empty() &&
                                    isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  write_report(options, report, out, color);
  out.flush();

  if (!inputs.errors.empty()) return kExitUsage;
  return reaches(report.files, fail_threshold(options.fail_on)) ? kExitFindings : kExitClean;
}

}  // namespace digestlint
