#include "online/options.hpp"

#include <re2/re2.h>

#include <cstdlib>
#include <stdexcept>

namespace digestlint::online {

Remap parse_remap(const std::string& argument) {
  const std::size_t space = argument.find(' ');
  if (space == std::string::npos || space == 0)
    throw std::invalid_argument("--remap wants 'REGEX REPLACEMENT', got '" + argument + "'");
  Remap remap{argument.substr(0, space), argument.substr(space + 1)};
  const RE2 regex(remap.pattern, RE2::Quiet);
  std::string problem;
  if (!regex.ok() || !regex.CheckRewriteString(remap.replacement, &problem))
    throw std::invalid_argument("--remap '" + argument +
                                "': " + (regex.ok() ? problem : regex.error()));
  return remap;
}

std::string apply_remaps(const std::vector<Remap>& remaps, std::string url) {
  for (const Remap& remap : remaps) RE2::Replace(&url, RE2(remap.pattern), remap.replacement);
  return url;
}

std::string default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/digestlint";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/digestlint";
  return ".digestlint-cache";
}

}  // namespace digestlint::online
