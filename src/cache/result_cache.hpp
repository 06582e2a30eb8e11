#pragma once
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "cache/content_hash.hpp"
#include "rules/finding.hpp"

namespace digestlint {

// What a cache entry keeps of a linted file: enough to report it without parsing it again.
struct CachedFile {
  std::vector<Finding> findings;
  std::string skipped;  // why no rule ran; empty when linted
  std::string profile;  // the format profile's name; empty when skipped
  std::string profile_reason;
  // The file linted for this entry had no encoding errors: its key then hashes exactly the
  // bytes read, which are valid UTF-8, and a source made from them need not check them again
  // (SourceFile::KnownValid).
  bool valid_utf8 = false;
};

// Results of files linted before, one small file per entry under DIR/results/ (docs/cache.md).
// Entries are immutable and named by a hash of everything the result depends on, so an entry is
// either right or absent: nothing is ever updated in place. Several processes may share a
// directory: entries are written to a temporary file and renamed into place.
class ResultCache {
 public:
  explicit ResultCache(std::string directory) : directory_(std::move(directory)) {}

  // Missing, unreadable and corrupt entries are all misses.
  std::optional<CachedFile> load(const ContentHash& key) const;
  // Best effort: an entry that cannot be written only costs the next run its time. The first
  // failure of a run says so on stderr, once: a cache that silently never fills looks like a
  // slow tool.
  void store(const ContentHash& key, const CachedFile& entry) const;

  const std::string& directory() const { return directory_; }

 private:
  std::string entry_path(const ContentHash& key) const;
  void mark_directory() const;
  void warn_once(const std::string& reason) const;

  std::string directory_;
  mutable std::atomic<bool> warned_ = false;
};

// The cache directory when --cache-dir is not given: .digestlint_cache in the working directory.
inline constexpr const char* kDefaultCacheDir = ".digestlint_cache";

}  // namespace digestlint
