#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/digest.hpp"
#include "rules/analyzer.hpp"
#include "rules/rule.hpp"

namespace digestlint {

// Rules compiled once for a run: specs and their analyzers, index for index.
struct RuleSet {
  std::vector<RuleSpec> specs;
  std::vector<std::unique_ptr<Analyzer>> analyzers;

  const RuleSpec* find(std::string_view id) const;
};

// One linted file: its text, its parsed digest and what the rules found, sorted by position.
struct FileResult {
  std::shared_ptr<const SourceFile> source;
  std::shared_ptr<const Digest> digest;
  std::vector<Finding> findings;
};

// Decides whether a rule runs on a file (--select/--ignore, per-file config ignores).
using RuleFilter = std::function<bool(const SourceFile& file, const RuleSpec& rule)>;

// Runs a rule set over files. Files are linted in parallel; results keep the input order.
class Engine {
 public:
  explicit Engine(const RuleSet& rules, RuleFilter filter = {})
      : rules_(rules), filter_(std::move(filter)) {}

  FileResult lint(std::shared_ptr<const SourceFile> source) const;
  std::vector<FileResult> lint_all(std::vector<std::shared_ptr<const SourceFile>> sources,
                                   unsigned jobs) const;
  // Runs analyzers that compare files; appends to the results' findings and re-sorts them.
  void check_whole_run(std::vector<FileResult>& results) const;

 private:
  const RuleSet& rules_;
  RuleFilter filter_;
};

void sort_findings(std::vector<Finding>& findings);

}  // namespace digestlint
