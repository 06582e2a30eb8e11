#include "online/session.hpp"

#include <fmt/format.h>

#include <thread>

#include "online/atom.hpp"
#include "online/http.hpp"

namespace digestlint::online {
namespace {

using Clock = std::chrono::steady_clock;

std::shared_ptr<Session>& installed() {
  static std::shared_ptr<Session> session;
  return session;
}

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

LinkVerdict verdict_of(const HttpResult& result) {
  using Kind = LinkStatus::Kind;
  switch (result.failure) {
    case HttpFailure::unknown_host:
    case HttpFailure::refused:
    case HttpFailure::redirect_loop:
      return {Kind::broken, result.detail};
    case HttpFailure::timeout:
    case HttpFailure::connection:
    case HttpFailure::too_large:
      return {Kind::unreachable, result.detail};
    case HttpFailure::none:
      break;
  }
  if (result.status == 404 || result.status == 410) return {Kind::broken, result.detail};
  if (is_transient(result)) return {Kind::unreachable, result.detail + " after retries"};
  return {Kind::ok, result.detail};
}

std::string batch_url(const std::string& api, const std::vector<std::string>& ids) {
  return fmt::format("{}{}id_list={}&max_results={}", api,
                     api.find('?') == std::string::npos ? '?' : '&', fmt::join(ids, ","),
                     ids.size());
}

// The records of an API answer, or nullopt and what went wrong.
std::optional<std::map<std::string, ArxivRecord>> records_in(const HttpResult& result,
                                                             std::string& problem) {
  if (result.failure != HttpFailure::none || result.status != 200) {
    problem = fmt::format("the arXiv API did not answer: {}", result.detail);
    return std::nullopt;
  }
  auto records = parse_arxiv_feed(result.body);
  if (!records) problem = "the arXiv API answered with a feed that is not Atom XML";
  return records;
}

}  // namespace

Session::Session(OnlineOptions options)
    : options_(std::move(options)),
      cache_(options_.no_cache
                 ? std::string()
                 : (options_.cache_dir.empty() ? default_cache_dir() : options_.cache_dir)),
      started_(Clock::now()) {}

Clock::time_point Session::deadline() const {
  return started_ + millis(options_.deadline_seconds);
}

std::map<std::string, LinkVerdict> Session::check_links(const std::set<std::string>& urls) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> to_fetch;
  for (const std::string& url : urls) {
    if (links_.contains(url)) continue;
    ++stats_.links;
    if (const auto cached = cache_.link(url)) {
      ++stats_.links_cached;
      links_[url] = {cached->kind, cached->detail};
    } else if (options_.cache_only) {
      links_[url] = {
          options_.quiet_uncached ? LinkStatus::Kind::unchecked : LinkStatus::Kind::unreachable,
          "not in the cache (--cache-only)"};
    } else {
      to_fetch.push_back(url);
    }
  }
  if (!to_fetch.empty()) links_.merge(fetch_links(to_fetch));
  std::map<std::string, LinkVerdict> result;
  for (const std::string& url : urls) result[url] = links_.at(url);
  return result;
}

HttpLimits Session::http_limits() const {
  HttpLimits limits;
  limits.timeout = millis(options_.timeout_seconds);
  limits.retries = options_.retries;
  limits.max_redirects = options_.max_redirects;
  limits.max_per_host = static_cast<std::size_t>(options_.max_per_host);
  limits.max_total = static_cast<std::size_t>(options_.max_total);
  limits.max_body_bytes = static_cast<std::size_t>(options_.max_body_bytes);
  limits.max_retry_after = millis(options_.max_retry_after_seconds);
  limits.deadline = deadline();
  return limits;
}

std::map<std::string, LinkVerdict> Session::fetch_links(const std::vector<std::string>& urls) {
  std::vector<HttpRequest> requests;
  for (const std::string& url : urls) requests.push_back({apply_remaps(options_.remaps, url)});
  const std::vector<HttpResult> results = fetch_all(requests, http_limits());
  std::map<std::string, LinkVerdict> verdicts;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    stats_.link_requests += static_cast<std::size_t>(results[i].attempts);
    const LinkVerdict verdict = verdict_of(results[i]);
    // Unreachable means "try again later": remembered briefly, so a rerun soon stays offline.
    const long ttl = verdict.kind == LinkStatus::Kind::unreachable
                         ? std::min(options_.link_ttl_seconds, 3600L)
                         : options_.link_ttl_seconds;
    if (!results[i].out_of_time) cache_.store_link(urls[i], {verdict.kind, verdict.detail}, ttl);
    verdicts[urls[i]] = verdict;
  }
  return verdicts;
}

std::map<std::string, ArxivLookup> Session::lookup_arxiv(const std::set<std::string>& base_ids) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> to_fetch;
  for (const std::string& id : base_ids) {
    if (ids_.contains(id)) continue;
    ++stats_.ids;
    if (auto cached = cache_.arxiv(id)) {
      ++stats_.ids_cached;
      ids_[id] = {std::move(cached), {}};
    } else if (options_.cache_only) {
      ids_[id] = {std::nullopt, options_.quiet_uncached
                                    ? std::string()
                                    : "the arXiv record is not in the cache (--cache-only)"};
    } else {
      to_fetch.push_back(id);
    }
  }
  for (std::size_t at = 0; at < to_fetch.size(); at += options_.arxiv_batch) {
    const auto end = to_fetch.begin() + static_cast<std::ptrdiff_t>(
                                            std::min(to_fetch.size(), at + options_.arxiv_batch));
    fetch_arxiv_batch({to_fetch.begin() + static_cast<std::ptrdiff_t>(at), end});
  }
  std::map<std::string, ArxivLookup> result;
  for (const std::string& id : base_ids) result[id] = ids_.at(id);
  return result;
}

// arXiv asks API clients for a pause between requests; it is kept across batches and rules.
void Session::wait_for_arxiv_slot() {
  if (last_arxiv_request_) {
    const auto next = *last_arxiv_request_ + millis(options_.arxiv_delay_seconds);
    std::this_thread::sleep_until(std::min(next, deadline()));
  }
  last_arxiv_request_ = Clock::now();
}

void Session::fetch_arxiv_batch(const std::vector<std::string>& ids) {
  wait_for_arxiv_slot();
  HttpLimits limits = http_limits();
  // Retries of the API keep to its pace too.
  limits.first_backoff = std::max(limits.first_backoff, millis(options_.arxiv_delay_seconds));
  const HttpResult result =
      fetch_all({{batch_url(options_.arxiv_api, ids), /*want_body=*/true}}, limits).front();
  stats_.arxiv_requests += static_cast<std::size_t>(result.attempts);
  last_arxiv_request_ = Clock::now();
  std::string problem;
  const auto records = records_in(result, problem);
  for (const std::string& id : ids) {
    if (!records) {
      ids_[id] = {std::nullopt, problem};
      continue;
    }
    const auto found = records->find(id);
    const ArxivRecord record = found != records->end() ? found->second : ArxivRecord{};
    // A paper missing today may appear tomorrow (announcement lag): remembered for a day only.
    cache_.store_arxiv(id, record,
                       record.found ? options_.arxiv_ttl_seconds
                                    : std::min(options_.arxiv_ttl_seconds, 24 * 3600L));
    ids_[id] = {record, {}};
  }
}

OnlineStats Session::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void install_session(std::shared_ptr<Session> session) {
  installed() = std::move(session);
}
Session* current_session() {
  return installed().get();
}

}  // namespace digestlint::online
