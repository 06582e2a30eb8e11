#include "lsp/uri.hpp"

#include "report/common.hpp"

namespace digestlint::lsp {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> uri_to_path(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.size() < scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if ((uri[i] | 0x20) != (scheme[i] | 0x20)) return std::nullopt;
  }
  uri.remove_prefix(scheme.size());
  // Skip the authority ("localhost" or empty).
  const std::size_t slash = uri.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  uri.remove_prefix(slash);
  const std::size_t query = uri.find_first_of("?#");
  if (query != std::string_view::npos) uri = uri.substr(0, query);
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 &&
        hex_value(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::string path_to_uri(std::string_view path) {
  return "file://" + report_detail::percent_encode_path(path);
}

}  // namespace digestlint::lsp
