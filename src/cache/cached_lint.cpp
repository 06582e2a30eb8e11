#include "cache/cached_lint.hpp"

#include <sys/stat.h>

#include <algorithm>

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

bool storable(const FileResult& result) {
  return std::none_of(result.findings.begin(), result.findings.end(),
                      [](const Finding& finding) { return finding.internal; });
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
  std::vector<ContentHash> keys(sources.size());
  std::vector<std::optional<FileResult>> results(sources.size());
  parallel_for(sources.size(), jobs, [&](std::size_t i) {
    Hasher key;
    key.add(tool_identity()).add(settings).add(sources[i]->path()).add(contents[i]);
    if (whole_run) key.add(*whole_run);
    keys[i] = key.finish();
    if (std::optional<CachedFile> cached = cache.load(keys[i]))
      results[i] = from_cache(rules, sources[i], std::move(*cached));
  });
  std::vector<std::size_t> misses;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!results[i]) misses.push_back(i);
  }
  // Files are compared only with the files linted together, so a comparison needs them all.
  if (whole_run && !misses.empty()) {
    misses.resize(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) misses[i] = i;
  }
  std::vector<std::shared_ptr<const SourceFile>> to_lint;
  for (const std::size_t i : misses) to_lint.push_back(sources[i]);
  std::vector<FileResult> linted = engine.lint_all(std::move(to_lint), jobs);
  for (std::size_t k = 0; k < misses.size(); ++k) {
    if (storable(linted[k])) cache.store(keys[misses[k]], linted[k]);
    results[misses[k]] = std::move(linted[k]);
  }
  CachedLint run{{}, sources.size() - misses.size()};
  for (auto& result : results) run.results.push_back(std::move(*result));
  return run;
}

}  // namespace digestlint
