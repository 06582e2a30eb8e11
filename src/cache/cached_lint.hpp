#pragma once
#include <memory>
#include <vector>

#include "cache/content_hash.hpp"
#include "cache/result_cache.hpp"
#include "rules/engine.hpp"

namespace digestlint {

// This build of digestlint: its version and its executable's size and modification time, so a
// rebuilt binary (with the same version number) does not reuse its predecessor's results.
const std::string& tool_identity();

// Engine::lint_all, with the results of files linted before under the same key taken from the
// cache, and the others stored. A file's key hashes the tool, `settings` (the rule packs,
// configuration and options, see RuleCatalog::Compiled::fingerprint), the file's path and bytes,
// and, when an analyzer compares files, every file of the run. Then one changed file means
// every file is parsed again for the comparison, but the findings of the other files' own
// analyzers come from a second entry per file, keyed without the run. Files whose analyzers
// failed are not stored.
struct CachedLint {
  std::vector<FileResult> results;  // in the order of the sources
  std::size_t from_cache = 0;       // how many were not linted again
  std::size_t only_compared = 0;    // how many were parsed again only to compare files
};
CachedLint lint_with_cache(const Engine& engine, const RuleSet& rules, const ContentHash& settings,
                           std::vector<std::shared_ptr<const SourceFile>> sources, unsigned jobs,
                           const ResultCache& cache);

}  // namespace digestlint
