#pragma once
#include <string>
#include <utility>
#include <vector>

namespace digestlint::online {

// `--remap 'REGEX REPLACEMENT'`: rewrites a URL before it is requested (and cached).
struct Remap {
  std::string pattern;
  std::string replacement;  // RE2 rewrite: \1 … \9
};

// Settings of the opt-in online phase (docs/online.md). Defaults are what `--online` uses.
struct OnlineOptions {
  bool enabled = false;
  double timeout_seconds = 10;     // per request
  double arxiv_delay_seconds = 3;  // between arXiv API requests, as arXiv asks of API clients
  std::string arxiv_api = "https://export.arxiv.org/api/query";
  std::vector<Remap> remaps;
  std::string cache_dir;  // empty: $XDG_CACHE_HOME/digestlint (or ~/.cache/digestlint)
  bool cache_only = false;
  bool no_cache = false;  // tests and one-off runs
  // With cache_only: what is not cached is simply not reported (the editor), not a note.
  bool quiet_uncached = false;
  int retries = 2;
  int max_redirects = 5;
  long max_per_host = 4;
  long max_total = 16;
  long max_body_bytes = 4 * 1024 * 1024;
  double max_retry_after_seconds = 30;  // a longer Retry-After is capped, so a run cannot stall
  double deadline_seconds = 300;        // the whole online phase
  long link_ttl_seconds = 24 * 3600;
  long arxiv_ttl_seconds = 7 * 24 * 3600;
  std::size_t arxiv_batch = 100;
};

// Parses one `--remap` argument; throws std::invalid_argument when it is not 'REGEX REPLACEMENT'.
Remap parse_remap(const std::string& argument);
std::string apply_remaps(const std::vector<Remap>& remaps, std::string url);
std::string default_cache_dir();

}  // namespace digestlint::online
