#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
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

// The steps of lint_with_cache, for callers that stream files.

// The keys' part from a configuration (its rules' fingerprint, see
// RuleCatalog::Compiled::fingerprint) and the run's options.
ContentHash cache_settings(const ContentHash& rules_fingerprint, bool inline_config);

// A file's bytes as its keys see them: as read, a BOM included.
ContentHash content_hash(std::string_view bytes);
// The same for a file already indexed: the hash of the bytes it was read from (SourceFile::bytes),
// not of its text, which (with '?' for invalid bytes) may be another file's bytes.
ContentHash content_hash(const SourceFile& source);

// A file's two keys: its result's, and its own analyzers' findings' (keyed without the run).
// whole_run: the run's hash (see lint_with_cache) when an analyzer compares files.
struct CacheKeys {
  ContentHash result;
  ContentHash own;
};
CacheKeys cache_keys(const ContentHash& settings, std::string_view path, const ContentHash& content,
                     const std::optional<ContentHash>& whole_run);

// A cached result, and whether the file linted for it had no encoding errors (then the bytes its
// key hashes are valid UTF-8, and a source made from them may skip checking them:
// SourceFile::KnownValid).
struct CachedResult {
  FileResult result;
  bool valid_utf8 = false;
};
// The file's cached result, if there is one these rules can report; source may be null to only
// learn whether there is.
std::optional<CachedResult> load_result(const ResultCache& cache, const ContentHash& key,
                                        const RuleSet& rules,
                                        std::shared_ptr<const SourceFile> source);
// Stores a linted file's result, unless an analyzer failed on it.
void store_result(const ResultCache& cache, const ContentHash& key, const FileResult& result);

// The cache's second entry per file for Engine::check; own_key maps check's index to the file's
// own key. `recalled` counts the hits.
OwnFindingsStore own_findings_store(const ResultCache& cache,
                                    std::function<ContentHash(std::size_t)> own_key,
                                    std::atomic<std::size_t>& recalled);

}  // namespace digestlint
