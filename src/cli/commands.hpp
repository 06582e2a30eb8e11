#pragma once
#include <string>
#include <vector>

#include "cli/inputs.hpp"
#include "cli/online_cli.hpp"
#include "rules/catalog.hpp"

namespace digestlint {

// Documented exit codes (docs/cli.md).
enum ExitCode : int {
  kExitClean = 0,     // nothing reached --fail-on
  kExitFindings = 1,  // a finding reached --fail-on
  kExitUsage = 2,     // bad usage, or a file could not be read
  kExitConfig = 3,    // a rule pack or configuration is invalid
};

struct CheckOptions {
  RuleOptions rules;
  std::vector<std::string> paths;
  InputOptions input;
  std::string format = "human";
  std::string output_path;
  std::string fail_on = "warning";
  std::string color = "auto";
  std::string docs_url;
  bool quiet = false;
  bool statistics = false;
  bool timings = false;  // where the run's time went, by rule (stderr)
  bool verbose = false;  // say which format profile read each file, and why
  bool inline_config = true;
  bool fix = false;                 // apply safe fixes to the files
  bool unsafe_fixes = false;        // … and unsafe ones
  bool diff = false;                // print the fixes as a unified diff instead of writing them
  std::string baseline_path;        // hide findings recorded here
  std::string write_baseline_path;  // record the current findings here
  unsigned jobs = 0;
  OnlineCliOptions online;  // --online and its settings
  // --cache-dir: the result cache (and, when given, the online cache); --no-cache: neither.
  std::string cache_dir;
  bool no_cache = false;
};

// `digestlint signals`: the summary rules' signals of every entry, as JSON Lines.
struct SignalsOptions {
  RuleOptions rules;
  std::vector<std::string> paths;
  InputOptions input;
};

int run_check(const CheckOptions& options);
int run_signals(const SignalsOptions& options);
int run_rules(const RuleOptions& options, const std::string& format);
int run_explain(const RuleOptions& options, const std::string& rule_id);
int run_docs(const RuleOptions& options, const std::string& directory, bool check);

}  // namespace digestlint
