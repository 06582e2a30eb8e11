#include "model/text.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_map>
#include <vector>

#include "model/byte_words.hpp"
#include "model/source.hpp"

namespace digestlint {

std::vector<BacktickRun> backtick_runs(std::string_view text) {
  std::vector<BacktickRun> runs;
  for (std::size_t at = text.find('`'); at != std::string_view::npos;) {
    const std::size_t end = std::min(text.find_first_not_of('`', at), text.size());
    runs.push_back({at, end - at, std::string_view::npos});
    at = text.find('`', end);
  }
  std::unordered_map<std::size_t, std::size_t> next_as_long;  // length -> the run after
  for (std::size_t k = runs.size(); k-- > 0;) {
    auto [next, added] = next_as_long.try_emplace(runs[k].length, k);
    if (!added) runs[k].closing_run = std::exchange(next->second, k);
  }
  return runs;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (is_ascii_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::size_t code_point_count(std::string_view utf8) {
  // Every byte but a continuation byte (10xxxxxx: its high bit set, the next clear) starts a code
  // point; those are counted eight at a time.
  std::size_t continuations = 0, i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    const std::uint64_t word = byte_words::load(utf8.data() + i);
    continuations +=
        static_cast<std::size_t>(byte_words::count_high_bits(byte_words::continuation_bytes(word)));
  }
  for (; i < utf8.size(); ++i)
    continuations += (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80;
  return utf8.size() - continuations;
}

namespace {

std::vector<char32_t> decode(std::string_view utf8) {
  std::vector<char32_t> out;
  for (std::size_t i = 0, length = 0; i < utf8.size(); i += length) {
    out.push_back(decode_utf8(utf8, i, length));
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::vector<char32_t> x = decode(a);
  const std::vector<char32_t> y = decode(b);
  std::vector<std::size_t> row(y.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

}  // namespace digestlint
