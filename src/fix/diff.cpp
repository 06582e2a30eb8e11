#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "fix/apply.hpp"

namespace digestlint {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, stop - start));
    start = stop;
  }
  return lines;
}

enum class Op { keep, remove, add };

// Longest-common-subsequence edit script. Fixes touch few lines, so the common prefix and
// suffix are stripped first and the quadratic table only covers the changed middle.
std::vector<std::pair<Op, std::string_view>> edit_script(const std::vector<std::string_view>& a,
                                                         const std::vector<std::string_view>& b) {
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const std::size_t n = a.size() - prefix - suffix;
  const std::size_t m = b.size() - prefix - suffix;
  std::vector<std::pair<Op, std::string_view>> script;
  for (std::size_t i = 0; i < prefix; ++i) script.emplace_back(Op::keep, a[i]);
  if (n * m > 4'000'000) {  // too large to align: show the middle as replaced
    for (std::size_t i = 0; i < n; ++i) script.emplace_back(Op::remove, a[prefix + i]);
    for (std::size_t j = 0; j < m; ++j) script.emplace_back(Op::add, b[prefix + j]);
  } else {
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        lcs[i][j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1][j + 1] + 1
                                                   : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        script.emplace_back(Op::keep, a[prefix + i++]);
        ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        script.emplace_back(Op::remove, a[prefix + i++]);
      } else {
        script.emplace_back(Op::add, b[prefix + j++]);
      }
    }
  }
  for (std::size_t k = a.size() - suffix; k < a.size(); ++k) script.emplace_back(Op::keep, a[k]);
  return script;
}

}  // namespace

std::string unified_diff(const std::string& path, std::string_view before, std::string_view after) {
  const auto script = edit_script(split_lines(before), split_lines(after));
  constexpr std::size_t kContext = 3;
  std::vector<std::size_t> changes;
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (script[k].first != Op::keep) changes.push_back(k);
  }
  const std::string_view name = std::string_view(path).substr(path.starts_with('/') ? 1 : 0);
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", name, name);
  for (std::size_t c = 0; c < changes.size();) {
    // Changes closer than two contexts apart share a hunk.
    std::size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1] - changes[last] <= 2 * kContext + 1)
      ++last;
    const std::size_t start = changes[c] >= kContext ? changes[c] - kContext : 0;
    const std::size_t end = std::min(script.size(), changes[last] + kContext + 1);
    std::size_t old_line = 1, new_line = 1;
    for (std::size_t t = 0; t < start; ++t) {
      old_line += script[t].first != Op::add;
      new_line += script[t].first != Op::remove;
    }
    std::string body;
    std::size_t old_count = 0, new_count = 0;
    for (std::size_t t = start; t < end; ++t) {
      const auto& [op, line] = script[t];
      body += op == Op::keep ? ' ' : (op == Op::remove ? '-' : '+');
      body += line;
      if (!line.ends_with('\n')) body += "\n\\ No newline at end of file\n";
      old_count += op != Op::add;
      new_count += op != Op::remove;
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", old_line, old_count, new_line, new_count) + body;
    c = last + 1;
  }
  return out;
}

}  // namespace digestlint
