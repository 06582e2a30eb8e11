#include <fmt/format.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <new>

#include "cli/commands.hpp"
#include "lsp/server.hpp"
#include "rules/did_you_mean.hpp"

using namespace digestlint;

namespace {

void add_rule_options(CLI::App& command, RuleOptions& rules) {
  command
      .add_option("--rules", rules.packs,
                  "Extra YAML rule pack (repeatable); same ids replace defaults")
      ->allow_extra_args(false);
  command.add_option("--config", rules.config_path,
                     "Configuration file (default: nearest .digestlint.yaml)");
  command.add_flag("--no-default-rules", rules.no_default_rules,
                   "Do not load the embedded rule pack");
  command.add_option("--select", rules.select, "Only these rule ids or categories")
      ->delimiter(',')
      ->allow_extra_args(false);
  command.add_option("--ignore", rules.ignore, "Skip these rule ids or categories")
      ->delimiter(',')
      ->allow_extra_args(false);
}

// A run allocates and frees many large short-lived blocks (parse trees, per-file tables):
// with glibc's defaults it keeps giving memory back to the kernel and mapping large blocks afresh,
// then page-faults the same memory in again. Keeping freed memory saved ~8% of a large run's CPU.
void keep_freed_memory() {
  mallopt(M_TOP_PAD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

// First-touch page faults are the largest memory cost left (a 4 KiB fault costs 12-15 µs on the
// VMs we measured): the main thread's heap, where the run-long state of comparisons like
// summary/duplicate-summary grows, is extended once by the top pad and advised to use transparent
// huge pages, as glibc.malloc.hugetlb=1 would; and its first 2 MiB, about what checking one
// digest touches, are faulted in by one call instead of a fault a page (a one-file run: about
// 680 faults -> 265). Under another allocator the break does not move and nothing is advised.
void prepare_heap() {
  constexpr std::uintptr_t kHugePage = 2 << 20;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Larger than the heap's free top, so the heap grows by the top pad; volatile, or the compiler
  // drops the pair.
  void* volatile block = malloc(1 << 20);
  free(block);
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t begin = (before + kHugePage - 1) & ~(kHugePage - 1);
  if (after > begin) madvise(reinterpret_cast<void*>(begin), after - begin, MADV_HUGEPAGE);
  const std::uintptr_t first = before & ~(page - 1);  // madvise() takes whole pages
  if (after > before) {  // kernels before 5.14 refuse MADV_POPULATE_WRITE, which costs nothing
    madvise(reinterpret_cast<void*>(first), std::min(after - first, kHugePage),
            MADV_POPULATE_WRITE);
  }
}

// A number of bytes: digits only, for "-5" would wrap around to no limit at all (and
// CLI::NonNegativeNumber says "not in range 0.000000 to" a number of 309 digits).
const CLI::Validator kByteCount(
    [](std::string& value) -> std::string {
      const bool digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
        return c >= '0' && c <= '9';
      });
      return digits ? std::string() : fmt::format("'{}' is not a number of bytes", value);
    },
    "BYTES");

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"digestlint: quality audit for Daily Papers digests"};
  app.set_version_flag("--version", DIGESTLINT_VERSION);
  app.require_subcommand(1);

  CheckOptions check;
  CLI::App* check_command = app.add_subcommand("check", "Lint digest files and directories");
  check_command
      ->add_option("paths", check.paths, "Files, directories (searched for *.md) or - for stdin")
      ->required();
  add_rule_options(*check_command, check.rules);
  check_command->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"human", "sarif", "json", "github"}));
  check_command->add_option("--output,-o", check.output_path, "Write the report to this file");
  check_command
      ->add_option("--fail-on", check.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  check_command->add_option("--color", check.color, "Colour the human output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check_command->add_option("--stdin-filename", check.input.stdin_filename,
                            "Path to report for - (stdin)");
  check_command->add_option("--jobs,-j", check.jobs, "Files linted in parallel (default: cores)");
  check_command
      ->add_option("--max-file-size", check.input.max_file_size, "Skip larger files, in bytes")
      ->check(kByteCount);
  check_command->add_option("--docs-url", check.docs_url, "Base URL of the rule docs in reports");
  check_command->add_flag("--quiet,-q", check.quiet, "Print only the summary line (human format)");
  check_command->add_flag("--statistics", check.statistics, "Print counts per rule");
  check_command->add_flag("--timings", check.timings,
                          "Print the CPU time of parsing and of each rule (stderr)");
  check_command->add_flag("--verbose,-v", check.verbose,
                          "Say which format profile read each file, and why (stderr)");
  check_command->add_option("--profile", check.rules.profile,
                            "Read every file with this format profile (see docs/formats.md)");
  check_command->add_flag("--fix", check.fix,
                          "Apply safe fixes to the files (with -: print the fixed text)");
  check_command->add_flag("--unsafe-fixes", check.unsafe_fixes, "Also apply fixes marked unsafe");
  check_command->add_flag("--diff", check.diff,
                          "Print the fixes as a unified diff; change nothing");
  check_command->add_option("--baseline", check.baseline_path,
                            "Hide findings recorded in this baseline");
  check_command->add_option("--write-baseline", check.write_baseline_path,
                            "Record the findings as a baseline");
  check_command->add_flag("!--no-inline-config", check.inline_config,
                          "Ignore <!-- digestlint-disable … --> comments (audits)");
  add_online_options(*check_command, check.online);
  check_command->add_option(
      "--cache-dir", check.cache_dir,
      "Cache directory (default: .digestlint_cache, online results: $XDG_CACHE_HOME/digestlint)");
  check_command->add_flag("--no-cache", check.no_cache, "Neither read nor write any cache");

  RuleOptions list_options;
  std::string list_format = "table";
  CLI::App* rules_command = app.add_subcommand("rules", "List the rules");
  add_rule_options(*rules_command, list_options);
  rules_command->add_option("--format", list_format)->check(CLI::IsMember({"table", "ids"}));

  RuleOptions explain_options;
  std::string rule_id;
  CLI::App* explain_command = app.add_subcommand("explain", "Print a rule's documentation");
  explain_command->add_option("rule", rule_id, "Rule id, e.g. authors/placeholder")->required();
  add_rule_options(*explain_command, explain_options);

  RuleOptions docs_options;
  std::string docs_directory = "docs/rules";
  bool docs_check = false;
  CLI::App* docs_command = app.add_subcommand("docs", "Write the per-rule documentation pages");
  docs_command->add_option("directory", docs_directory, "Output directory (default: docs/rules)");
  docs_command->add_flag("--check", docs_check, "Only report pages that are out of date (exit 1)");
  add_rule_options(*docs_command, docs_options);

  SignalsOptions signals;
  CLI::App* signals_command = app.add_subcommand(
      "signals", "Print the summary rules' signals of every entry (JSON Lines), for tuning");
  signals_command
      ->add_option("paths", signals.paths, "Files, directories (searched for *.md) or - for stdin")
      ->required();
  add_rule_options(*signals_command, signals.rules);
  signals_command->add_option("--stdin-filename", signals.input.stdin_filename,
                              "Path to report for - (stdin)");
  signals_command->add_option("--profile", signals.rules.profile,
                              "Read every file with this format profile (see docs/formats.md)");

  RuleOptions lsp_options;
  CLI::App* lsp_command = app.add_subcommand("lsp", "Language server for editors (stdio)");
  add_rule_options(*lsp_command, lsp_options);
  lsp_command->add_flag_callback(
      "--stdio", [] {}, "Accepted for clients; stdio is the transport");

  // CLI11 would say "A subcommand is required" for `digestlint chek`.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::cerr << "error: unknown command '" << argv[1] << "'" << did_you_mean(argv[1], names)
                << " (expected " << fmt::format("{}", fmt::join(names, ", "))
                << "; see digestlint --help)\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitClean : kExitUsage;
  }
  // What a command does not handle (a failed allocation, a bug) ends the run with a message and
  // the documented exit code, not an abort and a core dump.
  try {
    if (*check_command) {
      // A batch run keeps what it frees for reuse; the language server, which runs for hours in
      // an editor, keeps glibc's defaults and gives memory back.
      keep_freed_memory();
      prepare_heap();
      return run_check(check);
    }
    if (*signals_command) return run_signals(signals);
    if (*rules_command) return run_rules(list_options, list_format);
    if (*explain_command) return run_explain(explain_options, rule_id);
    if (*docs_command) return run_docs(docs_options, docs_directory, docs_check);
    if (*lsp_command) return run_lsp(lsp_options);
  } catch (const std::bad_alloc&) {
    std::cerr << "digestlint: error: out of memory (lint fewer or smaller files at a time)\n";
  } catch (const std::exception& error) {
    std::cerr << "digestlint: internal error: " << error.what() << "\n";
  } catch (...) {
    std::cerr << "digestlint: internal error: an unknown exception\n";
  }
  return kExitUsage;
}
