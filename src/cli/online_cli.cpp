#include "cli/online_cli.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "online/curl_library.hpp"
#include "online/session.hpp"

namespace digestlint {
namespace {

// A number of seconds from `minimum` to a day: CLI::PositiveNumber said "not in range 0.000000
// to" a number of 309 digits, and a timeout under a millisecond became 0 ms, which curl takes
// for no timeout at all.
CLI::Validator seconds_at_least(double minimum) {
  return CLI::Validator(
      [minimum](std::string& value) -> std::string {
        char* end = nullptr;
        const double seconds = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || !(seconds >= minimum) || seconds > 86400) {
          return fmt::format("'{}' is not a number of seconds from {} to 86400", value, minimum);
        }
        return {};
      },
      "SECONDS");
}

}  // namespace

void add_online_options(CLI::App& command, OnlineCliOptions& options) {
  online::OnlineOptions& settings = options.settings;
  command.add_flag("--online", settings.enabled,
                   "Also check links and arXiv records over the network (docs/online.md)");
  command.add_option("--timeout", settings.timeout_seconds, "Seconds per request (--online)")
      ->check(seconds_at_least(0.001));
  command
      .add_option("--deadline", settings.deadline_seconds,
                  "Seconds for the whole online phase; what is left is unreachable (default 300)")
      ->check(seconds_at_least(0.001));
  command
      .add_option("--arxiv-delay", settings.arxiv_delay_seconds,
                  "Seconds between arXiv API requests (--online, default 3)")
      ->check(seconds_at_least(0));
  command.add_option("--arxiv-api", settings.arxiv_api, "arXiv API endpoint (--online)");
  command
      .add_option("--remap", options.remaps,
                  "'REGEX REPLACEMENT': rewrite URLs before requesting them (repeatable)")
      ->allow_extra_args(false);
  command.add_flag("--cache-only", settings.cache_only,
                   "Online checks from the cache only: no request; uncached links are notes");
}

OnlineRun::OnlineRun(const OnlineCliOptions& options, bool from_config) {
  online::OnlineOptions settings = options.settings;
  if (!settings.enabled && !settings.cache_only && !from_config) return;
  for (const std::string& remap : options.remaps)
    settings.remaps.push_back(online::parse_remap(remap));
  // Said now, not after the files were linted: without libcurl the run cannot do what it asks.
  if (!settings.cache_only) online::curl_library();
  auto session = std::make_shared<online::Session>(std::move(settings));
  if (!session->cache_problem().empty())
    std::cerr << fmt::format("warning: online cache not used: {}\n", session->cache_problem());
  online::install_session(std::move(session));
  active_ = true;
}

OnlineRun::~OnlineRun() {
  if (!active_) return;
  const online::OnlineStats stats = online::current_session()->stats();
  std::cerr << fmt::format(
      "online: {} link(s), {} from the cache, {} request(s); {} arXiv id(s), {} from the cache, "
      "{} API request(s)\n",
      stats.links, stats.links_cached, stats.link_requests, stats.ids, stats.ids_cached,
      stats.arxiv_requests);
  online::install_session(nullptr);
}

}  // namespace digestlint
