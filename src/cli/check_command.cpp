#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "cache/cached_lint.hpp"
#include "cli/commands.hpp"
#include "fix/apply.hpp"
#include "report/baseline.hpp"
#include "report/common.hpp"
#include "report/report.hpp"
#include "report/rule_docs.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

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

unsigned job_count(const CheckOptions& options) {
  return options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
}

// The cache key's part from the run's options; the catalog's fingerprint covers the rules.
ContentHash settings_key(const CheckOptions& options, const RuleCatalog::Compiled& compiled) {
  return Hasher().add(compiled.fingerprint).add(options.inline_config ? "inline" : "").finish();
}

// Online findings depend on the network and the time, not only on the files: such runs bypass
// the result cache.
std::optional<ResultCache> result_cache(const CheckOptions& options, const OnlineRun& online) {
  if (options.no_cache || online.active()) return std::nullopt;
  return ResultCache(options.cache_dir.empty() ? kDefaultCacheDir : options.cache_dir);
}

// Lints each group of files that share a configuration with that configuration's rules, then
// puts the results back in input order. cache: null when the run must not use one.
Report lint(const CheckOptions& options, RuleCatalog& catalog, const Inputs& inputs,
            const ResultCache* cache) {
  Report report;
  report.docs_base_url = options.docs_url.empty() ? std::string(kDefaultDocsUrl) : options.docs_url;
  report.source_root = std::filesystem::current_path().string() + "/";
  std::map<const RuleCatalog::Compiled*, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < inputs.sources.size(); ++i) {
    groups[&catalog.for_file(inputs.sources[i]->path())].push_back(i);
  }
  if (groups.empty()) groups[&catalog.for_file("")];
  const unsigned jobs = job_count(options);
  report.files.resize(inputs.sources.size());
  std::set<std::string> seen_rules;
  std::size_t from_cache = 0;
  std::size_t only_compared = 0;  // parsed again for a comparison, their own findings cached
  for (const auto& [compiled, indexes] : groups) {
    std::vector<std::shared_ptr<const SourceFile>> sources;
    for (const std::size_t i : indexes) sources.push_back(inputs.sources[i]);
    const Engine engine(compiled->rules, compiled->filter, options.inline_config);
    std::vector<FileResult> results;
    if (cache) {
      CachedLint run = lint_with_cache(engine, compiled->rules, settings_key(options, *compiled),
                                       std::move(sources), jobs, *cache);
      results = std::move(run.results);
      from_cache += run.from_cache;
      only_compared += run.only_compared;
    } else {
      results = engine.lint_all(std::move(sources), jobs);
    }
    for (std::size_t k = 0; k < indexes.size(); ++k)
      report.files[indexes[k]] = std::move(results[k]);
    for (const RuleSpec& spec : compiled->rules.specs) {
      if (!seen_rules.insert(spec.id).second) continue;
      if (!catalog.selected(spec.id)) continue;
      report.rules.push_back(&spec);
    }
  }
  std::sort(report.rules.begin(), report.rules.end(),
            [](auto* a, auto* b) { return a->id < b->id; });
  if (cache && options.verbose) {
    std::cerr << fmt::format(
        "cache: {} of {} file(s) from {}; {} more parsed again only to compare files\n", from_cache,
        inputs.sources.size(), cache->directory(), only_compared);
  }
  return report;
}

// Files that are not digests are skipped with a note; --verbose also names each file's profile.
void print_profile_notes(const CheckOptions& options, const Report& report) {
  for (const FileResult& file : report.files) {
    if (!file.source) continue;
    if (!file.skipped.empty()) {
      std::cerr << fmt::format("{}: note: skipped, {}\n", file.source->path(), file.skipped);
    } else if (options.verbose && file.digest->profile) {
      std::cerr << fmt::format("{}: note: read as '{}': {}\n", file.source->path(),
                               file.digest->profile->name, file.digest->profile_reason);
    }
  }
}

// `exclude`/`extend-exclude` globs of the file's configuration drop it before anything runs.
void drop_excluded(const CheckOptions& options, RuleCatalog& catalog, Inputs& inputs) {
  std::erase_if(inputs.sources, [&](const std::shared_ptr<const SourceFile>& source) {
    const bool excluded = catalog.for_file(source->path()).config.excludes(source->path());
    if (excluded && options.verbose)
      std::cerr << fmt::format("{}: note: excluded by the configuration\n", source->path());
    return excluded;
  });
}

bool has_internal_errors(const Report& report) {
  return std::any_of(report.files.begin(), report.files.end(), [](const FileResult& file) {
    return std::any_of(file.findings.begin(), file.findings.end(),
                       [](const Finding& finding) { return finding.internal; });
  });
}

bool is_stdin_input(const CheckOptions& options) {
  return std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end();
}

std::string with_bom(const SourceFile& source) {
  return source.has_bom() ? "\xEF\xBB\xBF" + std::string(source.text())
                          : std::string(source.text());
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

Engine engine_for(const CheckOptions& options, RuleCatalog& catalog, const SourceFile& source) {
  const RuleCatalog::Compiled& compiled = catalog.for_file(source.path());
  return Engine(compiled.rules, compiled.filter, options.inline_config);
}

// --fix / --diff: fixes every file until stable. Returns the sources to report on (fixed ones
// replaced) and whether any file changed. Diffs and stdin's fixed text go to stdout.
std::pair<Inputs, bool> apply_fixes_to_inputs(const CheckOptions& options, RuleCatalog& catalog,
                                              Inputs inputs) {
  const FixOptions fix_options{options.unsafe_fixes};
  bool changed = false;
  for (auto& source : inputs.sources) {
    const bool from_stdin =
        source->path() == options.input.stdin_filename && is_stdin_input(options);
    if (!source->encoding_errors().empty()) {
      std::cerr << fmt::format("{}: note: not fixed: the file is not valid UTF-8\n",
                               source->path());
      if (from_stdin && !options.diff) std::cout << source->text();
      continue;
    }
    const FixOutcome outcome =
        fix_until_stable(engine_for(options, catalog, *source), *source, fix_options);
    changed = changed || outcome.changed();
    if (options.diff) {
      if (outcome.changed())
        std::cout << unified_diff(source->path(), with_bom(*source), outcome.bytes);
      continue;
    }
    if (from_stdin) {
      std::cout << outcome.bytes;
    } else if (outcome.changed()) {
      if (const std::string error = write_atomically(source->path(), outcome.bytes);
          !error.empty()) {
        inputs.errors.push_back({source->path(), 0, 0, fmt::format("not fixed: {}", error)});
        continue;
      }
      std::cerr << fmt::format("{}: fixed {} problem(s)\n", source->path(), outcome.applied);
    }
    if (outcome.changed())
      source = std::make_shared<const SourceFile>(source->path(), outcome.bytes);
  }
  return {std::move(inputs), changed};
}

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';  // NO_COLOR= (empty) does not count
}

bool use_color(const CheckOptions& options) {
  if (!options.output_path.empty()) return false;  // a report file is never coloured
  if (options.color != "auto") return options.color == "always";
  if (env_set("NO_COLOR")) return false;
  // pre-commit captures hook output and says whether it shows it coloured.
  if (env_set("PRE_COMMIT_COLOR"))
    return std::string_view(std::getenv("PRE_COMMIT_COLOR")) == "always";
  return isatty(STDOUT_FILENO);
}

int write_results(const CheckOptions& options, const Report& report, std::ostream& out) {
  write_report(options, report, out, use_color(options));
  out.flush();
  return out ? 0 : 1;
}

}  // namespace

int run_check(const CheckOptions& options) {
  RuleCatalog catalog(options.rules);
  Inputs inputs = read_inputs(options.paths, options.input, job_count(options));
  Report report;
  bool fixes_pending = false;
  std::optional<OnlineRun> online_run;
  try {
    OnlineCliOptions online = options.online;
    online.settings.cache_dir = options.cache_dir;
    online.settings.no_cache = options.no_cache;
    online_run.emplace(online, catalog.for_file("").config.online);
  } catch (const std::invalid_argument& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitUsage;
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  } catch (const std::runtime_error& error) {
    std::cerr << "error: " << error.what() << "\n";
    return kExitUsage;
  }
  try {
    drop_excluded(options, catalog, inputs);
    if (options.fix || options.diff) {
      std::tie(inputs, fixes_pending) = apply_fixes_to_inputs(options, catalog, std::move(inputs));
    }
    const std::optional<ResultCache> cache = result_cache(options, *online_run);
    report = lint(options, catalog, inputs, cache ? &*cache : nullptr);
    report.unread_inputs = static_cast<int>(inputs.errors.size());
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  online_run.reset();  // the online phase is over: its summary goes to stderr now
  for (const InputError& error : inputs.errors) print_input_error(error);
  print_profile_notes(options, report);
  for (const std::string& warning : catalog.warnings()) std::cerr << warning << "\n";
  // Set before --baseline can hide anything: a file or rule that failed is never "known".
  const bool incomplete = !inputs.errors.empty() || has_internal_errors(report);
  if (options.diff) return incomplete ? kExitUsage : (fixes_pending ? kExitFindings : kExitClean);

  if (!options.write_baseline_path.empty()) {
    // A baseline of a partial run would forget the findings of the files that were not read.
    if (incomplete) {
      std::cerr << fmt::format("{}: error: not written, since not every input was linted\n",
                               options.write_baseline_path);
      return kExitUsage;
    }
    std::ofstream baseline(options.write_baseline_path, std::ios::binary | std::ios::trunc);
    Baseline::write(baseline, report);
    if (!baseline) {
      std::cerr << fmt::format("{}: error: cannot write the baseline\n",
                               options.write_baseline_path);
      return kExitUsage;
    }
    std::cerr << fmt::format("{}: recorded {} finding(s)\n", options.write_baseline_path,
                             report_detail::count_findings(report).total());
    return kExitClean;
  }
  if (!options.baseline_path.empty()) {
    try {
      const std::size_t hidden = Baseline::load(options.baseline_path).filter(report);
      if (hidden > 0)
        std::cerr << fmt::format("{} known finding(s) hidden by the baseline\n", hidden);
    } catch (const std::runtime_error& error) {
      std::cerr << error.what() << "\n";
      return kExitUsage;
    }
  }

  // With `-` and --fix, stdout carries the fixed text; the findings go to stderr.
  const bool stdout_taken = options.fix && is_stdin_input(options) && options.output_path.empty();
  std::ofstream file;
  if (!options.output_path.empty()) {
    file.open(options.output_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << fmt::format("{}: error: cannot write output file\n", options.output_path);
      return kExitUsage;
    }
  }
  std::ostream& out = !options.output_path.empty() ? file : (stdout_taken ? std::cerr : std::cout);
  if (write_results(options, report, out) != 0) {
    std::cerr << "error: cannot write the report\n";
    return kExitUsage;
  }
  if (incomplete) return kExitUsage;
  return reaches(report.files, fail_threshold(options.fail_on)) ? kExitFindings : kExitClean;
}

}  // namespace digestlint
