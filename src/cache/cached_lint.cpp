#include "cache/cached_lint.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>

#include "rules/parallel.hpp"

namespace digestlint {
namespace {

ContentHash hash_of(const SourceFile& source) {
  return Hasher().add(source.has_bom() ? "bom" : "").add(source.text()).finish();
}

// What every file's result depends on when files are compared: all of them, in order (the
// later of two duplicates is the one reported).
ContentHash run_hash(const std::vector<std::shared_ptr<const SourceFile>>& sources,
                     const std::vector<ContentHash>& contents) {
  Hasher hasher;
  for (std::size_t i = 0; i < sources.size(); ++i) hasher.add(sources[i]->path()).add(contents[i]);
  return hasher.finish();
}

std::optional<FileResult> from_cache(const RuleSet& rules, std::shared_ptr<const SourceFile> source,
                                     CachedFile cached) {
  auto digest = std::make_shared<Digest>();
  if (cached.skipped.empty()) {
    digest->profile = rules.find_profile(cached.profile);
    if (!digest->profile) return std::nullopt;
    digest->profile_reason = std::move(cached.profile_reason);
  }
  FileResult result;
  result.source = std::move(source);
  result.digest = std::move(digest);
  result.findings = std::move(cached.findings);
  result.skipped = std::move(cached.skipped);
  return result;
}

bool storable(const std::vector<Finding>& findings) {
  return std::none_of(findings.begin(), findings.end(),
                      [](const Finding& finding) { return finding.internal; });
}

CachedFile entry_of(const FileResult& result) {
  const bool has_profile = result.digest && result.digest->profile;
  return {result.findings, result.skipped,
          has_profile ? result.digest->profile->name : std::string(),
          has_profile ? result.digest->profile_reason : std::string()};
}

// The cache's second entry per file: the file's own analyzers' findings, keyed without the other
// files, for runs that parse it again only to compare it. `files` maps lint_all's indexes to
// `keys`; `recalled` counts the hits.
OwnFindingsStore own_findings_store(const ResultCache& cache, const std::vector<ContentHash>& keys,
                                    const std::vector<std::size_t>& files,
                                    std::atomic<std::size_t>& recalled) {
  const auto recall = [cache = &cache, keys = &keys, files = &files,
                       recalled = &recalled](std::size_t k) -> std::optional<std::vector<Finding>> {
    std::optional<CachedFile> cached = cache->load((*keys)[(*files)[k]]);
    if (!cached) return std::nullopt;
    ++*recalled;
    return std::move(cached->findings);
  };
  const auto remember = [cache = &cache, keys = &keys, files = &files](
                            std::size_t k, const std::vector<Finding>& findings) {
    if (storable(findings)) cache->store((*keys)[(*files)[k]], CachedFile{findings, {}, {}, {}});
  };
  return {recall, remember};
}

}  // namespace

const std::string& tool_identity() {
  static const std::string identity = [] {
    std::string text = DIGESTLINT_VERSION;
    struct stat info {};
    if (stat("/proc/self/exe", &info) == 0) {
      text += ":" + std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) + "." +
              std::to_string(info.st_mtim.tv_nsec);
    }
    return text;
  }();
  return identity;
}

CachedLint lint_with_cache(const Engine& engine, const RuleSet& rules, const ContentHash& settings,
                           std::vector<std::shared_ptr<const SourceFile>> sources, unsigned jobs,
                           const ResultCache& cache) {
  std::vector<ContentHash> contents(sources.size());
  parallel_for(sources.size(), jobs, [&](std::size_t i) { contents[i] = hash_of(*sources[i]); });
  const std::optional<ContentHash> whole_run =
      engine.compares_files(sources) ? std::optional(run_hash(sources, contents)) : std::nullopt;
  std::vector<ContentHash> own_keys(sources.size());
  std::vector<ContentHash> keys(sources.size());
  std::vector<std::optional<FileResult>> results(sources.size());
  parallel_for(sources.size(), jobs, [&](std::size_t i) {
    Hasher key;
    key.add(tool_identity()).add(settings).add(sources[i]->path()).add(contents[i]);
    own_keys[i] = Hasher(key).add("own analyzers").finish();
    if (whole_run) key.add(*whole_run);
    keys[i] = key.finish();
    if (std::optional<CachedFile> cached = cache.load(keys[i]))
      results[i] = from_cache(rules, sources[i], std::move(*cached));
  });
  std::vector<std::size_t> misses;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!results[i]) misses.push_back(i);
  }
  CachedLint run{{}, sources.size() - misses.size(), 0};
  // Files are compared only with the files linted together, so a comparison needs them all.
  if (whole_run && !misses.empty()) {
    misses.resize(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) misses[i] = i;
    run.from_cache = 0;
  }
  std::atomic<std::size_t> only_compared{0};
  const OwnFindingsStore own = own_findings_store(cache, own_keys, misses, only_compared);
  std::vector<std::shared_ptr<const SourceFile>> to_lint;
  for (const std::size_t i : misses) to_lint.push_back(sources[i]);
  std::vector<FileResult> linted =
      engine.lint_all(std::move(to_lint), jobs, whole_run ? &own : nullptr);
  for (std::size_t k = 0; k < misses.size(); ++k) {
    if (storable(linted[k].findings)) cache.store(keys[misses[k]], entry_of(linted[k]));
    results[misses[k]] = std::move(linted[k]);
  }
  run.only_compared = only_compared;
  for (auto& result : results) run.results.push_back(std::move(*result));
  return run;
}

}  // namespace digestlint
