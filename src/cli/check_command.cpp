#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "cache/cached_lint.hpp"
#include "cli/commands.hpp"
#include "cli/lint_stream.hpp"
#include "fix/apply.hpp"
#include "report/baseline.hpp"
#include "report/common.hpp"
#include "report/report.hpp"
#include "report/rule_docs.hpp"
#include "report/timings.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

std::optional<Severity> fail_threshold(const std::string& fail_on) {
  if (fail_on == "never") return std::nullopt;
  return parse_severity(fail_on).value_or(Severity::warning);
}

bool reaches(const FileResult& result, std::optional<Severity> threshold) {
  return threshold &&
         std::any_of(result.findings.begin(), result.findings.end(),
                     [&](const Finding& finding) { return finding.severity >= *threshold; });
}

bool reaches(const std::vector<FileResult>& results, std::optional<Severity> threshold) {
  return std::any_of(results.begin(), results.end(),
                     [&](const FileResult& result) { return reaches(result, threshold); });
}

unsigned job_count(const CheckOptions& options) {
  return options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
}

// Online findings depend on the network and the time, not only on the files: such runs bypass
// the result cache.
std::optional<ResultCache> result_cache(const CheckOptions& options, const OnlineRun& online) {
  if (options.no_cache || online.active()) return std::nullopt;
  return std::optional<ResultCache>(
      std::in_place, options.cache_dir.empty() ? kDefaultCacheDir : options.cache_dir);
}

// Lints each group of files that share a configuration with that configuration's rules, then
// puts the results back in input order. cache: null when the run must not use one.
Report report_settings(const CheckOptions& options) {
  Report report;
  report.docs_base_url = options.docs_url.empty() ? std::string(kDefaultDocsUrl) : options.docs_url;
  report.source_root = std::filesystem::current_path().string() + "/";
  return report;
}

// The selected rules of the configurations, each id once, in id order.
std::vector<const RuleSpec*> active_rules(
    RuleCatalog& catalog, const std::set<const RuleCatalog::Compiled*>& configurations) {
  std::vector<const RuleSpec*> rules;
  std::set<std::string> seen_rules;
  for (const RuleCatalog::Compiled* compiled : configurations) {
    for (const RuleSpec& spec : compiled->rules.specs) {
      if (!seen_rules.insert(spec.id).second) continue;
      if (!catalog.selected(spec.id)) continue;
      rules.push_back(&spec);
    }
  }
  std::sort(rules.begin(), rules.end(), [](auto* a, auto* b) { return a->id < b->id; });
  return rules;
}

// -v: how much of the run the cache saved.
void print_cache_use(const ResultCache& cache, std::size_t from_cache, std::size_t only_compared,
                     std::size_t files) {
  std::cerr << fmt::format(
      "cache: {} of {} file(s) from {}; {} more parsed again only to compare files\n", from_cache,
      files, cache.directory(), only_compared);
}

Report lint(const CheckOptions& options, RuleCatalog& catalog, const Inputs& inputs,
            const ResultCache* cache) {
  Report report = report_settings(options);
  std::map<const RuleCatalog::Compiled*, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < inputs.sources.size(); ++i) {
    groups[&catalog.for_file(inputs.sources[i]->path())].push_back(i);
  }
  if (groups.empty()) groups[&catalog.for_file("")];
  const unsigned jobs = job_count(options);
  report.files.resize(inputs.sources.size());
  std::size_t from_cache = 0;
  std::size_t only_compared = 0;  // parsed again for a comparison, their own findings cached
  for (const auto& [compiled, indexes] : groups) {
    std::vector<std::shared_ptr<const SourceFile>> sources;
    for (const std::size_t i : indexes) sources.push_back(inputs.sources[i]);
    Engine engine(compiled->rules, compiled->filter, options.inline_config);
    engine.set_timing(options.timings);
    std::vector<FileResult> results;
    if (cache) {
      CachedLint run = lint_with_cache(engine, compiled->rules,
                                       cache_settings(compiled->fingerprint, options.inline_config),
                                       std::move(sources), jobs, *cache);
      results = std::move(run.results);
      from_cache += run.from_cache;
      only_compared += run.only_compared;
    } else {
      results = engine.lint_all(std::move(sources), jobs);
    }
    for (std::size_t k = 0; k < indexes.size(); ++k)
      report.files[indexes[k]] = std::move(results[k]);
  }
  std::set<const RuleCatalog::Compiled*> configurations;
  for (const auto& group : groups) configurations.insert(group.first);
  report.rules = active_rules(catalog, configurations);
  if (cache && options.verbose)
    print_cache_use(*cache, from_cache, only_compared, inputs.sources.size());
  return report;
}

// --timings: written to stderr when the run ends, whichever way it ends (after the report, the
// baseline or the diff).
struct PrintedAtExit {
  const RunTimings* timings;
  ~PrintedAtExit() {
    if (timings) timings->write(std::cerr);
  }
};

// Files that are not digests are skipped with a note; --verbose also names each file's profile.
std::optional<std::string> profile_note(const CheckOptions& options, const FileResult& file) {
  if (!file.source) return std::nullopt;
  if (!file.skipped.empty())
    return fmt::format("{}: note: skipped, {}\n", file.source->path(), file.skipped);
  if (options.verbose && file.digest->profile) {
    return fmt::format("{}: note: read as '{}': {}\n", file.source->path(),
                       file.digest->profile->name, file.digest->profile_reason);
  }
  return std::nullopt;
}

bool is_stdin_input(const CheckOptions& options) {
  return std::find(options.paths.begin(), options.paths.end(), "-") != options.paths.end();
}

// `--fix -`: the text read from stdin goes back to stdout, fixed or not, for an editor replaces
// its buffer with what it gets.
bool echoes_stdin(const CheckOptions& options, const Inputs& inputs,
                  const std::shared_ptr<const SourceFile>& source) {
  return options.fix && !options.diff && source == inputs.from_stdin;
}

// `exclude`/`extend-exclude` globs of the file's configuration drop it before anything runs.
void drop_excluded(const CheckOptions& options, RuleCatalog& catalog, Inputs& inputs) {
  std::erase_if(inputs.sources, [&](const std::shared_ptr<const SourceFile>& source) {
    const bool excluded = catalog.for_file(source->path()).config.excludes(source->path());
    if (excluded && options.verbose)
      std::cerr << fmt::format("{}: note: excluded by the configuration\n", source->path());
    if (excluded && echoes_stdin(options, inputs, source)) std::cout << source->bytes();
    return excluded;
  });
}

bool has_internal_errors(const FileResult& file) {
  return std::any_of(file.findings.begin(), file.findings.end(),
                     [](const Finding& finding) { return finding.internal; });
}

bool has_internal_errors(const Report& report) {
  return std::any_of(report.files.begin(), report.files.end(),
                     [](const FileResult& file) { return has_internal_errors(file); });
}

std::unique_ptr<ReportWriter> report_writer(const CheckOptions& options, const Report& report,
                                            const SourceLookup& sources, std::ostream& out,
                                            bool color) {
  if (options.format == "sarif") return sarif_writer(out, report, sources);
  if (options.format == "json") return json_writer(out, sources);
  if (options.format == "github") return github_writer(out, report);
  return human_writer(out, report, sources,
                      HumanOptions{color, options.quiet, options.statistics, true});
}

Engine engine_for(const CheckOptions& options, RuleCatalog& catalog, const SourceFile& source) {
  const RuleCatalog::Compiled& compiled = catalog.for_file(source.path());
  return Engine(compiled.rules, compiled.filter, options.inline_config);
}

// Why a file's fixes are not applied, or empty. Fixes rewrite the text, which holds LF where
// the file has a lone CR and '?' where it has an invalid byte: those would be lost, except the
// CRs of a file that ends every line so (fix_until_stable writes those back).
std::string unfixable(const SourceFile& source) {
  if (!source.encoding_errors().empty()) return "the file is not valid UTF-8";
  if (!source.lone_carriage_returns().empty() && !source.breaks_lines_with_lone_crs_only()) {
    return fmt::format(
        "line {} ends in a lone CR while other lines end in LF or CRLF (CRLF converted twice, or "
        "files joined), which a fix would turn into LF; convert the line endings to one kind first",
        source.line_of(source.lone_carriage_returns().front()));
  }
  return {};
}

// --fix / --diff: fixes every file until stable. Returns the sources to report on (fixed ones
// replaced) and whether any file changed. Diffs and stdin's fixed text go to stdout.
std::pair<Inputs, bool> apply_fixes_to_inputs(const CheckOptions& options, RuleCatalog& catalog,
                                              Inputs inputs) {
  const FixOptions fix_options{options.unsafe_fixes};
  bool changed = false;
  for (auto& source : inputs.sources) {
    const bool echoed = echoes_stdin(options, inputs, source);
    if (const std::string why = unfixable(*source); !why.empty()) {
      std::cerr << fmt::format("{}: note: not fixed: {}\n", source->path(), why);
      if (echoed) std::cout << source->bytes();
      continue;
    }
    const FixOutcome outcome =
        fix_until_stable(engine_for(options, catalog, *source), *source, fix_options);
    changed = changed || outcome.changed();
    if (!outcome.settled) {
      std::cerr << fmt::format(
          "{}: warning: the fixes did not settle in {} rounds: the fixes of {} still applied in "
          "the last; a fix may keep re-creating what it fixes (see it with --diff)\n",
          source->path(), fix_options.max_iterations, fmt::join(outcome.unsettled_rules, ", "));
    }
    if (options.diff) {
      if (outcome.changed())
        std::cout << unified_diff(source->path(), source->bytes(), outcome.bytes);
      continue;
    }
    if (echoed) {
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
  report_detail::write_all(report, [&](const SourceLookup& sources) {
    return report_writer(options, report, sources, out, use_color(options));
  });
  out.flush();
  return out ? 0 : 1;
}

// --write-baseline: records the run's findings instead of reporting them.
int write_baseline(const CheckOptions& options, const Report& report, bool incomplete) {
  // A baseline of a partial run would forget the findings of the files that were not read.
  if (incomplete) {
    std::cerr << fmt::format("{}: error: not written, since not every input was linted\n",
                             options.write_baseline_path);
    return kExitUsage;
  }
  std::ofstream baseline(options.write_baseline_path, std::ios::binary | std::ios::trunc);
  Baseline::write(baseline, report);
  if (!baseline) {
    std::cerr << fmt::format("{}: error: cannot write the baseline\n", options.write_baseline_path);
    return kExitUsage;
  }
  std::cerr << fmt::format("{}: recorded {} finding(s)\n", options.write_baseline_path,
                           report_detail::count_findings(report).total());
  return kExitClean;
}

std::optional<Baseline> load_baseline(const CheckOptions& options) {
  if (options.baseline_path.empty()) return std::nullopt;
  return Baseline::load(options.baseline_path);
}

void print_hidden(std::size_t hidden) {
  if (hidden > 0) std::cerr << fmt::format("{} known finding(s) hidden by the baseline\n", hidden);
}

void print_run_notes(const std::vector<InputError>& errors,
                     const std::vector<std::string>& profile_notes, const RuleCatalog& catalog) {
  for (const InputError& error : errors) print_input_error(error);
  for (const std::string& note : profile_notes) std::cerr << note;
  for (const std::string& warning : catalog.warnings()) std::cerr << warning << "\n";
}

// What a streamed run needs to know of the files once they are written.
struct StreamedOutcome {
  std::vector<std::string> profile_notes;
  bool internal_errors = false;  // before --baseline can hide anything
  bool reaches = false;          // after
  std::size_t hidden = 0;
  std::size_t files = 0;
};

// The run without --fix or --online: files are linted (or taken from the cache) and written one
// at a time, so memory stays flat however many there are.
int check_streaming(const CheckOptions& options, RuleCatalog& catalog,
                    std::optional<OnlineRun>& online_run, const ResultCache* cache) {
  Report report = report_settings(options);
  const bool baseline_only = !options.write_baseline_path.empty();
  std::optional<Baseline> baseline;
  try {
    if (!baseline_only) baseline = load_baseline(options);
  } catch (const std::runtime_error& error) {
    std::cerr << error.what() << "\n";
    return kExitUsage;
  }
  // The report is written while files are linted: where it goes is settled first.
  std::ofstream file;
  if (!baseline_only && !options.output_path.empty()) {
    file.open(options.output_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << fmt::format("{}: error: cannot write output file\n", options.output_path);
      return kExitUsage;
    }
  }
  std::ostream& out = options.output_path.empty() ? std::cout : file;
  StreamedSources sources(options.input);
  const std::unique_ptr<ReportWriter> writer =
      baseline_only ? nullptr : report_writer(options, report, sources, out, use_color(options));
  const std::optional<Severity> threshold = fail_threshold(options.fail_on);
  StreamedOutcome outcome;
  RunTimings timings;
  const auto consume = [&](FileResult&& file) {
    ++outcome.files;
    if (options.timings) timings.add(file);
    if (auto note = profile_note(options, file)) outcome.profile_notes.push_back(std::move(*note));
    outcome.internal_errors = outcome.internal_errors || has_internal_errors(file);
    if (baseline_only) {
      report.files.push_back(std::move(file));
      return;
    }
    sources.add(file.source,
                file.source->path() == options.input.stdin_filename && is_stdin_input(options));
    if (baseline) outcome.hidden += baseline->filter(file, report);
    outcome.reaches = outcome.reaches || reaches(file, threshold);
    writer->file(file);
  };
  LintStreamOptions stream_options{job_count(options), options.inline_config, options.verbose,
                                   cache};
  stream_options.timings = options.timings;
  LintStream stream;
  try {
    stream = lint_stream(list_inputs(options.paths, options.input), options.input, stream_options,
                         catalog, consume);
    if (stream.configurations.empty()) stream.configurations.insert(&catalog.for_file(""));
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  const PrintedAtExit print_timings{options.timings ? &timings : nullptr};
  report.rules = active_rules(catalog, stream.configurations);
  report.unread_inputs = stream.errors;
  online_run.reset();
  if (cache && options.verbose)
    print_cache_use(*cache, stream.from_cache, stream.only_compared, outcome.files);
  print_run_notes(stream.errors, outcome.profile_notes, catalog);
  const bool incomplete = !stream.errors.empty() || outcome.internal_errors;
  if (baseline_only) return write_baseline(options, report, incomplete);
  print_hidden(outcome.hidden);
  writer->end();
  out.flush();
  if (!out) {
    std::cerr << "error: cannot write the report\n";
    return kExitUsage;
  }
  if (incomplete) return kExitUsage;
  return outcome.reaches ? kExitFindings : kExitClean;
}

// The run's rules, kept until the process ends: freeing them node by node (YAML trees, lexicons,
// compiled expressions) took a tenth of a one-file run, just before the exit that returns the
// memory anyway. A static holds them, so leak checkers count them as reachable.
RuleCatalog& catalog_until_exit(const RuleOptions& options) {
  static RuleCatalog* catalog = nullptr;
  delete catalog;  // an earlier run's, when a process checks twice
  catalog = new RuleCatalog(options);
  return *catalog;
}

}  // namespace

int run_check(const CheckOptions& options) {
  // With `-` and --fix, stdout carries the fixed text and the report goes to stderr, among the
  // notes, where JSON or SARIF could not be parsed.
  if (options.fix && !options.diff && is_stdin_input(options) && options.output_path.empty() &&
      options.format != "human") {
    std::cerr << fmt::format(
        "error: --fix with - writes the fixed text to stdout: write the {} report to a file "
        "with -o FILE\n",
        options.format);
    return kExitUsage;
  }
  RuleCatalog& catalog = catalog_until_exit(options.rules);
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
  const std::optional<ResultCache> cache = result_cache(options, *online_run);
  // Online checks batch their requests over every file; fixes are made before files are linted.
  if (!online_run->active() && !options.fix && !options.diff)
    return check_streaming(options, catalog, online_run, cache ? &*cache : nullptr);

  Inputs inputs = read_inputs(options.paths, options.input, job_count(options));
  Report report;
  bool fixes_pending = false;
  try {
    drop_excluded(options, catalog, inputs);
    catalog.check_selectors();
    if (options.fix || options.diff) {
      std::tie(inputs, fixes_pending) = apply_fixes_to_inputs(options, catalog, std::move(inputs));
    }
    report = lint(options, catalog, inputs, cache ? &*cache : nullptr);
    report.unread_inputs = inputs.errors;
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  online_run.reset();  // the online phase is over: its summary goes to stderr now
  std::vector<std::string> profile_notes;
  RunTimings timings;
  for (const FileResult& file : report.files) {
    if (auto note = profile_note(options, file)) profile_notes.push_back(std::move(*note));
    if (options.timings) timings.add(file);
  }
  const PrintedAtExit print_timings{options.timings ? &timings : nullptr};
  print_run_notes(inputs.errors, profile_notes, catalog);
  // Set before --baseline can hide anything: a file or rule that failed is never "known".
  const bool incomplete = !inputs.errors.empty() || has_internal_errors(report);
  if (options.diff) return incomplete ? kExitUsage : (fixes_pending ? kExitFindings : kExitClean);
  if (!options.write_baseline_path.empty()) return write_baseline(options, report, incomplete);
  try {
    if (std::optional<Baseline> baseline = load_baseline(options)) {
      std::size_t hidden = 0;
      for (FileResult& file : report.files) hidden += baseline->filter(file, report);
      print_hidden(hidden);
    }
  } catch (const std::runtime_error& error) {
    std::cerr << error.what() << "\n";
    return kExitUsage;
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
