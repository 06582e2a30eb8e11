#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace digestlint::online {

struct HttpRequest {
  std::string url;
  bool want_body = false;  // false: a link check, HEAD first with GET as the fallback
};

// Why a request produced no usable response.
enum class HttpFailure {
  none,
  timeout,        // the request, or the whole online phase, ran out of time
  unknown_host,   // DNS found no such host
  refused,        // nothing listens there
  redirect_loop,  // more redirects than allowed
  too_large,      // a body that had to be read was over the size cap
  connection,     // reset, empty reply, TLS or other transport errors
};

struct HttpResult {
  long status = 0;  // final HTTP status; 0 without a response
  HttpFailure failure = HttpFailure::none;
  std::string detail;        // curl's message or "HTTP 404", for reports
  std::string body;          // only when want_body
  int attempts = 0;          // requests made for this URL, fallbacks and retries included
  bool out_of_time = false;  // cut short by the deadline: says nothing about the URL
};

struct HttpLimits {
  std::chrono::milliseconds timeout{10000};
  int retries = 2;
  int max_redirects = 5;
  std::size_t max_per_host = 4;
  std::size_t max_total = 16;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_retry_after{30000};
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

// Whether a response is worth another try: rate limits, server errors, broken connections.
bool is_transient(const HttpResult& result);

// Runs every request concurrently within the limits, retrying transient failures with
// exponential backoff (or the server's Retry-After, capped). Results are index for index.
std::vector<HttpResult> fetch_all(const std::vector<HttpRequest>& requests,
                                  const HttpLimits& limits);

}  // namespace digestlint::online
