#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace digestlint::online {

// What a link check found, as stored in the cache.
struct LinkStatus {
  enum class Kind { ok, broken, unreachable, unchecked };  // unchecked is never stored
  Kind kind = Kind::ok;
  std::string detail;  // "HTTP 404", "Could not resolve hostname" …
};

// An arXiv record, or the fact that the API does not know the id.
struct ArxivRecord {
  bool found = false;
  std::string title;
  std::vector<std::string> authors;
};

// URL results and arXiv records in one SQLite file, shared by concurrent runs (WAL journal and
// a busy timeout, so a second process waits for the lock instead of failing). Every entry has
// an expiry; expired entries read as absent.
class Cache {
 public:
  // An empty directory gives a cache that remembers nothing.
  explicit Cache(const std::string& directory);
  ~Cache();
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  std::optional<LinkStatus> link(const std::string& url) const;
  void store_link(const std::string& url, const LinkStatus& status, long ttl_seconds);
  std::optional<ArxivRecord> arxiv(const std::string& id) const;
  void store_arxiv(const std::string& id, const ArxivRecord& record, long ttl_seconds);

  const std::string& problem() const { return problem_; }  // why the cache is not used

 private:
  sqlite3* db_ = nullptr;
  std::string problem_;
};

}  // namespace digestlint::online
