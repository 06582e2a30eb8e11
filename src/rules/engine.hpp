#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/digest.hpp"
#include "profile/detect.hpp"
#include "rules/analyzer.hpp"
#include "rules/compares_in_order.hpp"
#include "rules/regex_screen.hpp"
#include "rules/rule.hpp"
#include "rules/suppressions.hpp"

namespace digestlint {

// Rules compiled once for a run: specs and their analyzers, index for index.
struct RuleSet {
  std::vector<RuleSpec> specs;
  std::vector<std::unique_ptr<Analyzer>> analyzers;
  // By rule: the placeholders its message and hint name (placeholders_in), read once for the run
  // rather than for each file: its findings fill in only those of the common ones.
  std::vector<std::vector<std::string>> named_placeholders;
  // The analyzers' screened patterns, by scope. It points at regular expressions the analyzers
  // own: built by compile_rules from them, and never changed apart from them.
  std::unique_ptr<RegexScreen> screen;
  // Every rule id of the packs, including rules a configuration switched off.
  std::vector<std::string> known_ids;
  // The formats files are read with, and the profile a configuration or --profile pins for a
  // file (no value: detect it).
  ProfileSet profiles;
  std::function<std::optional<ProfileChoice>(const SourceFile& file)> pinned_profile;

  // The rules a configuration switched off, for `explain` and --select.
  std::vector<RuleSpec> disabled;

  const RuleSpec* find(std::string_view id) const;
  // Also among the disabled rules.
  const RuleSpec* find_any(std::string_view id) const;
  // The pinned profile, else the detected one; no profile: the file is not a digest.
  ProfileChoice choose_profile(const SourceFile& file) const;
  // A profile of these packs by name (null when there is none), e.g. for a cached result.
  std::shared_ptr<const Profile> find_profile(std::string_view name) const;
};

// Where one file's time went (Engine::set_timing), in CPU time of the thread that ran each step:
// choosing its profile and parsing it, then each rule's analyzer, in the order they ran (a rule
// that compares files appears again for its preparation and its comparison).
struct FileTimings {
  std::chrono::nanoseconds parse{0};
  // The file's own findings came from the cache: it was parsed again only for the rules that
  // compare files, so only those steps ran.
  bool own_recalled = false;
  std::vector<std::pair<const RuleSpec*, std::chrono::nanoseconds>> rules;
};

// One linted file: its text, what the rules found (sorted by position) and its profile.
struct FileResult {
  std::shared_ptr<const SourceFile> source;
  std::shared_ptr<const Digest> digest;  // once linted, only the profile and why: no model
  std::vector<Finding> findings;
  std::string skipped;  // why no rule ran (the file is not a digest); empty when linted
  std::shared_ptr<InlineConfig> inline_config;  // while checking; null once linted
  // What its rules worked out once and shared (CheckContext::analyses), kept for Engine::prepare;
  // null once prepared or linted.
  std::shared_ptr<FileAnalyses> analyses;
  // What the analyzers that compare files prepared from this file (Engine::prepare), by rule
  // index; released as each is used by RunComparison::add.
  std::vector<std::pair<std::size_t, std::shared_ptr<const PreparedFile>>> prepared;
  std::optional<FileTimings> timings;  // when the engine times its steps; none from a cache
};

// Lets a cache stand in for a file's own analyzers (all but those that compare files or judge
// suppressions) when the file is parsed again only for an analyzer that compares files. Indexes
// are into lint_all's sources; both are called from the threads that lint.
struct OwnFindingsStore {
  std::function<std::optional<std::vector<Finding>>(std::size_t file)> recall;
  std::function<void(std::size_t file, const std::vector<Finding>& findings)> remember;
};

// Decides whether a rule runs on a file (--select/--ignore, per-file config ignores): by path,
// so a run can ask before it reads the file.
using RuleFilter = std::function<bool(std::string_view path, const RuleSpec& rule)>;

class Engine;

// The analyzers of a run that compare files in input order (see ComparesInOrder).
class RunComparison {
 public:
  // Compares a file, checked by Engine::check and not yet finished, with the files added before
  // it; their findings are added to the file's.
  void add(FileResult& result);

 private:
  friend class Engine;
  struct Comparer {
    std::size_t rule;  // index into the rule set
    std::unique_ptr<RunState> state;
    std::optional<Finding> failure;  // once it failed, every later file gets the failure
  };
  const Engine* engine_ = nullptr;
  std::vector<Comparer> comparers_;
};

// Runs a rule set over files. Files are linted in parallel; results keep the input order.
class Engine {
 public:
  // inline_config: honour <!-- digestlint-disable … --> comments (off with --no-inline-config).
  explicit Engine(const RuleSet& rules, RuleFilter filter = {}, bool inline_config = true)
      : rules_(rules), filter_(std::move(filter)), inline_config_(inline_config) {
    for (std::size_t i = 0; i < rules_.specs.size(); ++i) cold_.push_back(i);
  }

  // A flag that, once set, makes the engine skip the analyzers it has not started (the editor
  // drops such results: the document changed meanwhile). Must outlive the engine's runs.
  void set_cancel_flag(const std::atomic<bool>* cancelled) { cancelled_ = cancelled; }
  // Whether each file's result records where its time went (FileResult::timings, --timings).
  void set_timing(bool on) { timing_ = on; }

  FileResult lint(std::shared_ptr<const SourceFile> source) const;
  // Analyzer::warm_up() of the rules that apply to the file at `path` and were not warmed up
  // yet: called for each file before or while it is checked, by the one thread that starts
  // checking files on the others. A failure is left to the analyzer's check(), which reports it.
  void warm_up(std::string_view path) const;
  // The steps of lint_all for one file, for callers that stream files: check() parses it and runs
  // its own analyzers (index: the file's index for `own`); then a RunComparison compares it with
  // the files before it; finish() applies the inline configuration and drops the model.
  FileResult check(std::shared_ptr<const SourceFile> source, std::size_t index = 0,
                   const OwnFindingsStore* own = nullptr) const;
  // Optional, between check() and RunComparison::add() on the same thread as check(): the work
  // of the comparing analyzers that needs no other file (ComparesInOrder::prepare), so that the
  // comparison, one file at a time, does less. For callers that compare each file soon after
  // checking it: a prepared file holds its signatures until it is compared.
  void prepare(FileResult& result) const;
  RunComparison start_run() const;
  void finish(FileResult& result) const;
  // Whether an analyzer compares files (on the files its filter lets it see).
  bool compares_files() const;

  // Lints the files on `jobs` threads, results in their order, after warm_up() for each of them
  // on the calling thread (so not from two threads at once on one engine, as lint() neither).
  std::vector<FileResult> lint_all(std::vector<std::shared_ptr<const SourceFile>> sources,
                                   unsigned jobs, const OwnFindingsStore* own = nullptr) const;
  // Whether an analyzer that compares files runs on some of these: then a file's findings
  // depend on the other files too.
  bool compares_files(const std::vector<std::shared_ptr<const SourceFile>>& sources) const;
  // Whether an analyzer that compares files runs on the file at this path.
  bool compares_file(std::string_view path) const;

 private:
  friend class RunComparison;
  bool compares(std::size_t rule) const;
  // The rule's analyzer as one that compares files in input order; null when it is not one.
  const ComparesInOrder* comparer(std::size_t rule) const;
  // Whether the run's filter (--select/--ignore, per-file ignores) lets the rule see the file.
  bool applies(const RuleSpec& rule, std::string_view path) const {
    return !filter_ || filter_(path, rule);
  }
  // Runs analyzers that need every file at once; appends to the results' findings.
  void check_whole_run(std::vector<FileResult>& results) const;
  void apply_inline_config(FileResult& result) const;
  // Whether a selector names a rule that runs on the file.
  bool runs(const std::string& selector, const SourceFile& file) const;
  bool cancelled() const { return cancelled_ && cancelled_->load(std::memory_order_relaxed); }

  const RuleSet& rules_;
  RuleFilter filter_;
  bool inline_config_;
  const std::atomic<bool>* cancelled_ = nullptr;
  bool timing_ = false;
  // Rules whose warm_up() has not run, by index: warm_up() is asked for every file, and once the
  // rules are warm it has nothing to look at.
  mutable std::vector<std::size_t> cold_;
};

void sort_findings(std::vector<Finding>& findings);

}  // namespace digestlint
