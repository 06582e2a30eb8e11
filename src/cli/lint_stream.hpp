#pragma once
#include <functional>
#include <list>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "cache/result_cache.hpp"
#include "cli/inputs.hpp"
#include "report/report.hpp"
#include "rules/catalog.hpp"

namespace digestlint {

struct LintStreamOptions {
  unsigned jobs = 1;
  bool inline_config = true;
  bool verbose = false;  // note the files a configuration excludes
  // Files linted before under the same key are taken from here, the others stored (see
  // lint_with_cache); null: every file is linted.
  const ResultCache* cache = nullptr;
  // Bytes of files the first pass of a cached run keeps for the second, which then lints them
  // as hashed, neither reading nor hashing them again (the second read was a third of a warm
  // run's system time); the files beyond are read again. The default holds the shared corpus
  // four times over.
  std::size_t kept_bytes = std::size_t{32} << 20;
  bool timings = false;  // results record where their time went (FileResult::timings)
};

// What a streamed run leaves besides the results.
struct LintStream {
  std::vector<InputError> errors;  // in input order
  // The configurations files were linted with; ordered by address, as lint_all's groups were.
  std::set<const RuleCatalog::Compiled*> configurations;
  std::size_t from_cache = 0;     // files not linted again
  std::size_t only_compared = 0;  // files parsed again only to compare files
};

// Lints the inputs with flat memory: each file is read when its turn comes, a few files per job
// are linted at once, and `consume` gets the results in input order, each file's model already
// dropped. Files are compared with the files before them under the same configuration. With a
// cache, a first pass reads and hashes every file for the keys. Throws RuleError (before any
// file is linted) when a configuration is invalid.
LintStream lint_stream(const std::vector<ListedInput>& inputs, const InputOptions& input_options,
                       const LintStreamOptions& options, RuleCatalog& catalog,
                       const std::function<void(FileResult&&)>& consume);

// How many files lint_stream() keeps in flight: enough to keep the workers busy while a file of
// many findings holds the thread that commits them, few enough that memory stays flat. A file in
// flight holds its text and its findings; the window is sized by what the files committed lately
// held, a long file or one of many findings shrinking it at once.
class FlightWindow {
 public:
  // What a file in flight holds for each finding (its message, hint and fix as strings), about.
  static constexpr std::size_t kFindingBytes = 1024;

  // A file committed: its bytes of text and its findings.
  void committed(std::size_t text_bytes, std::size_t findings);
  // The files that may be in flight with `jobs` workers.
  std::size_t files(unsigned jobs) const;

 private:
  std::size_t recent_cost_ = 0;  // bytes a file held, as the latest ones say; 0: none yet
};

// The files of a streamed run that findings point into, once they were handed on: the latest
// ones are kept, older ones read again (a file's findings point into a few files before it).
// Only files handed on so far are found.
class StreamedSources final : public SourceLookup {
 public:
  explicit StreamedSources(const InputOptions& options) : options_(options) {}

  // A file handed on, in input order.
  void add(const std::shared_ptr<const SourceFile>& source, bool from_stdin);
  std::shared_ptr<const SourceFile> find(std::string_view path) const override;

 private:
  void keep(const std::shared_ptr<const SourceFile>& source) const;

  const InputOptions& options_;
  std::unordered_set<std::string> paths_;
  std::shared_ptr<const SourceFile> stdin_;                      // cannot be read again
  mutable std::list<std::shared_ptr<const SourceFile>> recent_;  // most recently used first
};

}  // namespace digestlint
