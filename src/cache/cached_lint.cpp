#include "cache/cached_lint.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>

#include "rules/parallel.hpp"

namespace digestlint {
namespace {

// What every file's result depends on when files are compared: all of them, in order (the
// later of two duplicates is the one reported).
ContentHash run_hash(const std::vector<std::shared_ptr<const SourceFile>>& sources,
                     const std::vector<ContentHash>& contents) {
  Hasher hasher;
  for (std::size_t i = 0; i < sources.size(); ++i) hasher.add(sources[i]->path()).add(contents[i]);
  return hasher.finish();
}

// A file with more findings than this is not a digest anyone keeps linting as it is: linting it
// again costs less than storing its entry (218,000 findings of one hostile author line made a
// 120 MB entry and took 1 GB of memory and 7 s to store).
constexpr std::size_t kMaxStoredFindings = 10000;

bool storable(const std::vector<Finding>& findings) {
  return findings.size() <= kMaxStoredFindings &&
         std::none_of(findings.begin(), findings.end(),
                      [](const Finding& finding) { return finding.internal; });
}

CachedFile entry_of(const FileResult& result) {
  const bool has_profile = result.digest && result.digest->profile;
  return {result.findings, result.skipped,
          has_profile ? result.digest->profile->name : std::string(),
          has_profile ? result.digest->profile_reason : std::string(),
          result.source && result.source->encoding_errors().empty()};
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

ContentHash cache_settings(const ContentHash& rules_fingerprint, bool inline_config) {
  return Hasher().add(rules_fingerprint).add(inline_config ? "inline" : "").finish();
}

ContentHash content_hash(std::string_view bytes) {
  return Hasher().add(bytes).finish();
}

ContentHash content_hash(const SourceFile& source) {
  // Its text is its bytes, unless a BOM was stripped, invalid bytes or lone CRs replaced.
  if (!source.has_bom() && source.encoding_errors().empty() &&
      source.lone_carriage_returns().empty()) {
    return content_hash(source.text());
  }
  return content_hash(source.bytes());
}

CacheKeys cache_keys(const ContentHash& settings, std::string_view path, const ContentHash& content,
                     const std::optional<ContentHash>& whole_run) {
  Hasher key;
  key.add(tool_identity()).add(settings).add(path).add(content);
  const ContentHash own = Hasher(key).add("own analyzers").finish();
  if (whole_run) key.add(*whole_run);
  return {key.finish(), own};
}

std::optional<CachedResult> load_result(const ResultCache& cache, const ContentHash& key,
                                        const RuleSet& rules,
                                        std::shared_ptr<const SourceFile> source) {
  std::optional<CachedFile> cached = cache.load(key);
  if (!cached) return std::nullopt;
  auto digest = std::make_shared<Digest>();
  if (cached->skipped.empty()) {
    digest->profile = rules.find_profile(cached->profile);
    if (!digest->profile) return std::nullopt;
    digest->profile_reason = std::move(cached->profile_reason);
  }
  FileResult result;
  result.source = std::move(source);
  result.digest = std::move(digest);
  result.findings = std::move(cached->findings);
  result.skipped = std::move(cached->skipped);
  return CachedResult{std::move(result), cached->valid_utf8};
}

void store_result(const ResultCache& cache, const ContentHash& key, const FileResult& result) {
  if (storable(result.findings)) cache.store(key, entry_of(result));
}

OwnFindingsStore own_findings_store(const ResultCache& cache,
                                    std::function<ContentHash(std::size_t)> own_key,
                                    std::atomic<std::size_t>& recalled) {
  const auto recall = [cache = &cache, own_key, recalled = &recalled](
                          std::size_t file) -> std::optional<std::vector<Finding>> {
    std::optional<CachedFile> cached = cache->load(own_key(file));
    if (!cached) return std::nullopt;
    ++*recalled;
    return std::move(cached->findings);
  };
  const auto remember = [cache = &cache, own_key](std::size_t file,
                                                  const std::vector<Finding>& findings) {
    if (storable(findings)) cache->store(own_key(file), CachedFile{findings, {}, {}, {}});
  };
  return {recall, remember};
}

CachedLint lint_with_cache(const Engine& engine, const RuleSet& rules, const ContentHash& settings,
                           std::vector<std::shared_ptr<const SourceFile>> sources, unsigned jobs,
                           const ResultCache& cache) {
  std::vector<ContentHash> contents(sources.size());
  parallel_for(sources.size(), jobs,
               [&](std::size_t i) { contents[i] = content_hash(*sources[i]); });
  const std::optional<ContentHash> whole_run =
      engine.compares_files(sources) ? std::optional(run_hash(sources, contents)) : std::nullopt;
  std::vector<CacheKeys> keys(sources.size());
  std::vector<std::optional<FileResult>> results(sources.size());
  parallel_for(sources.size(), jobs, [&](std::size_t i) {
    keys[i] = cache_keys(settings, sources[i]->path(), contents[i], whole_run);
    if (std::optional<CachedResult> loaded = load_result(cache, keys[i].result, rules, sources[i]))
      results[i] = std::move(loaded->result);
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
  const OwnFindingsStore own = own_findings_store(
      cache, [&](std::size_t k) { return keys[misses[k]].own; }, only_compared);
  std::vector<std::shared_ptr<const SourceFile>> to_lint;
  for (const std::size_t i : misses) to_lint.push_back(sources[i]);
  std::vector<FileResult> linted =
      engine.lint_all(std::move(to_lint), jobs, whole_run ? &own : nullptr);
  for (std::size_t k = 0; k < misses.size(); ++k) {
    store_result(cache, keys[misses[k]].result, linted[k]);
    results[misses[k]] = std::move(linted[k]);
  }
  run.only_compared = only_compared;
  for (auto& result : results) run.results.push_back(std::move(*result));
  return run;
}

}  // namespace digestlint
