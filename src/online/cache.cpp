#include "online/cache.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>

namespace digestlint::online {
namespace {

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, kind INTEGER NOT NULL,
                                  detail TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS arxiv (id TEXT PRIMARY KEY, found INTEGER NOT NULL,
                                  title TEXT NOT NULL, authors TEXT NOT NULL,
                                  expires INTEGER NOT NULL);
)";

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& bind(int at, const std::string& text) {
    sqlite3_bind_text(stmt_, at, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int at, long long value) {
    sqlite3_bind_int64(stmt_, at, value);
    return *this;
  }
  bool row() { return stmt_ && sqlite3_step(stmt_) == SQLITE_ROW; }
  void run() {
    if (stmt_) sqlite3_step(stmt_);
  }
  long long integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(stmt_, column);
    return bytes ? reinterpret_cast<const char*>(bytes) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string join_lines(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += name + "\n";
  return joined;
}

std::vector<std::string> split_lines(const std::string& joined) {
  std::vector<std::string> names;
  std::size_t begin = 0;
  for (std::size_t end; (end = joined.find('\n', begin)) != std::string::npos; begin = end + 1)
    names.push_back(joined.substr(begin, end - begin));
  return names;
}

}  // namespace

Cache::Cache(const std::string& directory) {
  if (directory.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  const std::string path = directory + "/online.sqlite3";
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    problem_ = "cannot open " + path + ": " + sqlite3_errmsg(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    return;
  }
  // Wait for other processes' locks rather than failing; WAL lets readers run beside a writer.
  sqlite3_busy_timeout(db_, 10000);
  sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr,
               nullptr);
  char* message = nullptr;
  if (sqlite3_exec(db_, kSchema, nullptr, nullptr, &message) != SQLITE_OK) {
    problem_ = "cannot create the cache tables in " + path + ": " + (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db_);
    db_ = nullptr;
  }
}

Cache::~Cache() {
  if (db_) sqlite3_close(db_);
}

std::optional<LinkStatus> Cache::link(const std::string& url) const {
  if (!db_) return std::nullopt;
  Statement query(db_, "SELECT kind, detail FROM links WHERE url = ?1 AND expires > ?2");
  query.bind(1, url).bind(2, now_seconds());
  if (!query.row()) return std::nullopt;
  return LinkStatus{static_cast<LinkStatus::Kind>(query.integer(0)), query.text(1)};
}

void Cache::store_link(const std::string& url, const LinkStatus& status, long ttl_seconds) {
  if (!db_) return;
  Statement insert(db_, "INSERT OR REPLACE INTO links VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, url)
      .bind(2, static_cast<long long>(status.kind))
      .bind(3, status.detail)
      .bind(4, now_seconds() + ttl_seconds)
      .run();
}

std::optional<ArxivRecord> Cache::arxiv(const std::string& id) const {
  if (!db_) return std::nullopt;
  Statement query(db_, "SELECT found, title, authors FROM arxiv WHERE id = ?1 AND expires > ?2");
  query.bind(1, id).bind(2, now_seconds());
  if (!query.row()) return std::nullopt;
  return ArxivRecord{query.integer(0) != 0, query.text(1), split_lines(query.text(2))};
}

void Cache::store_arxiv(const std::string& id, const ArxivRecord& record, long ttl_seconds) {
  if (!db_) return;
  Statement insert(db_, "INSERT OR REPLACE INTO arxiv VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, id)
      .bind(2, record.found ? 1LL : 0LL)
      .bind(3, record.title)
      .bind(4, join_lines(record.authors))
      .bind(5, now_seconds() + ttl_seconds)
      .run();
}

}  // namespace digestlint::online
