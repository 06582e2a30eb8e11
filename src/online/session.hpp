#pragma once
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "online/cache.hpp"
#include "online/http.hpp"
#include "online/options.hpp"

namespace digestlint::online {

struct LinkVerdict {
  LinkStatus::Kind kind = LinkStatus::Kind::ok;
  std::string detail;
};

// An arXiv id's record, or why there is none to compare with (lookup failed, not cached); no
// record and no problem: not cached, and not worth a note (quiet_uncached).
struct ArxivLookup {
  std::optional<ArxivRecord> record;
  std::string problem;
};

struct OnlineStats {
  std::size_t links = 0, links_cached = 0, link_requests = 0;
  std::size_t ids = 0, ids_cached = 0, arxiv_requests = 0;
};

// The online phase of one run, shared by every online rule: each URL and each arXiv id is
// resolved once (cache, then network) however many rules ask, and all ids a rule set asks for
// at once go out in batches. Results are keyed by value, so output never depends on timing.
class Session {
 public:
  explicit Session(OnlineOptions options);

  std::map<std::string, LinkVerdict> check_links(const std::set<std::string>& urls);
  std::map<std::string, ArxivLookup> lookup_arxiv(const std::set<std::string>& base_ids);

  OnlineStats stats() const;
  std::string cache_problem() const { return cache_.problem(); }

 private:
  std::map<std::string, LinkVerdict> fetch_links(const std::vector<std::string>& urls);
  void fetch_arxiv_batch(const std::vector<std::string>& ids);
  void wait_for_arxiv_slot();
  std::chrono::steady_clock::time_point deadline() const;
  HttpLimits http_limits() const;

  OnlineOptions options_;
  Cache cache_;
  std::chrono::steady_clock::time_point started_;
  std::optional<std::chrono::steady_clock::time_point> last_arxiv_request_;
  mutable std::mutex mutex_;
  std::map<std::string, LinkVerdict> links_;  // by the URL as written
  std::map<std::string, ArxivLookup> ids_;
  OnlineStats stats_;
};

// The session of the current run, or null when the run is offline (the default). The CLI
// installs one for `check --online`; online analyzers do nothing without it.
void install_session(std::shared_ptr<Session> session);
Session* current_session();

}  // namespace digestlint::online
