#include "online/http.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <thread>

#include "online/curl_library.hpp"

namespace digestlint::online {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string host_of(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t begin = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t end = url.find_first_of("/?#", begin);
  return url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// One request of one URL in flight: a HEAD or GET attempt.
struct Transfer {
  std::size_t index = 0;
  bool head = true;
  bool want_body = false;
  std::size_t max_body = 0;
  std::string body;
  std::size_t received = 0;
  bool over_cap = false;
  std::string host;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  transfer->received += bytes;
  if (transfer->received > transfer->max_body) {
    transfer->over_cap = true;
    return 0;  // abort: a link check has its status, a body that must be read is too large
  }
  if (transfer->want_body) transfer->body.append(data, bytes);
  return bytes;
}

HttpFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return HttpFailure::none;
    case CURLE_OPERATION_TIMEDOUT:
      return HttpFailure::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
      return HttpFailure::unknown_host;
    case CURLE_COULDNT_CONNECT:
      return HttpFailure::refused;
    case CURLE_TOO_MANY_REDIRECTS:
      return HttpFailure::redirect_loop;
    default:
      return HttpFailure::connection;
  }
}

CURL* make_easy(const CurlLibrary& curl, const std::string& url, Transfer& transfer,
                const HttpLimits& limits) {
  CURL* easy = curl.easy_init();
  curl.easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl.easy_setopt(easy, CURLOPT_NOBODY, transfer.head ? 1L : 0L);
  curl.easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl.easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(limits.max_redirects));
  curl.easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.timeout.count()));
  curl.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.timeout.count()));
  curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl.easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
  curl.easy_setopt(easy, CURLOPT_USERAGENT,
                   "digestlint/" DIGESTLINT_VERSION " (+" DIGESTLINT_HOMEPAGE ")");
  curl.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl.easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl.easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl.easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
  return easy;
}

// The scheduler: a queue of attempts, each not before its time, started within the per-host
// and total limits; finished attempts are settled, retried later or fall back to GET.
class Fetcher {
 public:
  Fetcher(const CurlLibrary& curl, const std::vector<HttpRequest>& requests,
          const HttpLimits& limits)
      : curl_(curl), requests_(requests), limits_(limits), results_(requests.size()) {
    multi_ = curl_.multi_init();
    for (std::size_t i = 0; i < requests.size(); ++i)
      queue_.push_back({Clock::now(), i, !requests[i].want_body, 0});
  }
  ~Fetcher() {
    for (auto& [easy, transfer] : active_) {
      curl_.multi_remove_handle(multi_, easy);
      curl_.easy_cleanup(easy);
    }
    curl_.multi_cleanup(multi_);
  }

  std::vector<HttpResult> run() {
    while (!queue_.empty() || !active_.empty()) {
      if (Clock::now() >= limits_.deadline) {
        give_up_on_everything();
        break;
      }
      start_ready();
      int running = 0;
      curl_.multi_perform(multi_, &running);
      collect_finished();
      curl_.multi_poll(multi_, nullptr, 0, poll_timeout_ms(), nullptr);
    }
    return std::move(results_);
  }

 private:
  struct Attempt {
    Clock::time_point not_before;
    std::size_t index;
    bool head;
    int retry;  // 0 for the first try
  };

  // Until the next retry is due; attempts waiting for a free slot wake up with the transfer
  // that frees it, which is socket activity.
  int poll_timeout_ms() const {
    const auto now = Clock::now();
    auto wait = milliseconds(100);
    for (const Attempt& attempt : queue_) {
      if (attempt.not_before > now)
        wait = std::min(wait, std::chrono::duration_cast<milliseconds>(attempt.not_before - now));
      else if (can_start(attempt))
        return 1;
    }
    return static_cast<int>(std::max<long>(1, wait.count()));
  }

  bool can_start(const Attempt& attempt) const {
    const auto running = per_host_.find(host_of(requests_[attempt.index].url));
    return active_.size() < limits_.max_total &&
           (running == per_host_.end() || running->second < limits_.max_per_host);
  }

  void start_ready() {
    const auto now = Clock::now();
    for (auto it = queue_.begin(); it != queue_.end();) {
      if (it->not_before > now || !can_start(*it)) {
        ++it;
        continue;
      }
      start(*it, host_of(requests_[it->index].url));
      it = queue_.erase(it);
    }
  }

  void start(const Attempt& attempt, const std::string& host) {
    auto transfer = std::make_unique<Transfer>();
    transfer->index = attempt.index;
    transfer->head = attempt.head;
    transfer->want_body = requests_[attempt.index].want_body;
    transfer->max_body = limits_.max_body_bytes;
    transfer->host = host;
    CURL* easy = make_easy(curl_, requests_[attempt.index].url, *transfer, limits_);
    retries_[easy] = attempt.retry;
    ++per_host_[host];
    ++results_[attempt.index].attempts;
    curl_.multi_add_handle(multi_, easy);
    active_.emplace(easy, std::move(transfer));
  }

  void collect_finished() {
    int left = 0;
    while (CURLMsg* message = curl_.multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      settle(easy, message->data.result);
      curl_.multi_remove_handle(multi_, easy);
      curl_.easy_cleanup(easy);
      active_.erase(easy);
      retries_.erase(easy);
    }
  }

  void settle(CURL* easy, CURLcode code) {
    Transfer& transfer = *active_.at(easy);
    --per_host_[transfer.host];
    HttpResult& result = results_[transfer.index];
    result.status = 0;
    curl_.easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.status);
    const bool capped = code == CURLE_WRITE_ERROR && transfer.over_cap;
    result.failure =
        capped ? (transfer.want_body ? HttpFailure::too_large : HttpFailure::none) : classify(code);
    result.detail = result.failure != HttpFailure::none
                        ? (capped ? "body over the size cap" : curl_.easy_strerror(code))
                        : fmt::format("HTTP {}", result.status);
    result.body = std::move(transfer.body);
    const int retry = retries_.at(easy);
    if (transfer.head && result.failure == HttpFailure::none && result.status >= 400 &&
        !is_transient(result)) {
      // Some servers refuse or mishandle HEAD; only a GET's answer is final.
      queue_.push_back({Clock::now(), transfer.index, false, retry});
      return;
    }
    if (is_transient(result) && retry < limits_.retries)
      queue_.push_back(
          {Clock::now() + backoff(easy, retry), transfer.index, transfer.head, retry + 1});
  }

  milliseconds backoff(CURL* easy, int retry) const {
    const milliseconds exponential = limits_.first_backoff * (1 << retry);
    curl_off_t retry_after = 0;
    curl_.easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after);
    const milliseconds asked = std::min(milliseconds(retry_after * 1000), limits_.max_retry_after);
    return std::max(exponential, asked);
  }

  void give_up_on_everything() {
    for (const Attempt& attempt : queue_) mark_out_of_time(attempt.index);
    for (const auto& [easy, transfer] : active_) mark_out_of_time(transfer->index);
    queue_.clear();
  }

  void mark_out_of_time(std::size_t index) {
    HttpResult& result = results_[index];
    if (result.failure != HttpFailure::none || result.status == 0 || is_transient(result)) {
      result.failure = HttpFailure::timeout;
      result.detail = "the online phase ran out of time";
      result.out_of_time = true;
    }
  }

  const CurlLibrary& curl_;
  const std::vector<HttpRequest>& requests_;
  const HttpLimits& limits_;
  std::vector<HttpResult> results_;
  CURLM* multi_ = nullptr;
  std::deque<Attempt> queue_;
  std::map<CURL*, std::unique_ptr<Transfer>> active_;
  std::map<CURL*, int> retries_;
  std::map<std::string, std::size_t> per_host_;
};

}  // namespace

bool is_transient(const HttpResult& result) {
  switch (result.failure) {
    case HttpFailure::connection:
      return true;  // a timeout is not retried: it would only multiply the wait
    case HttpFailure::none:
      return result.status == 429 || result.status >= 500;
    default:
      return false;
  }
}

std::vector<HttpResult> fetch_all(const std::vector<HttpRequest>& requests,
                                  const HttpLimits& limits) {
  if (requests.empty()) return {};
  return Fetcher(curl_library(), requests, limits).run();
}

}  // namespace digestlint::online
