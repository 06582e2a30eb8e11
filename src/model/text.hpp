#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Byte-level text helpers shared by every stage: ASCII digits and whitespace, UTF-8 counting.
namespace digestlint {

constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
constexpr bool is_ascii_alnum(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c);
}
// An ASCII letter lowercased; any other byte as it is.
constexpr char ascii_lowered(char c) {
  return is_ascii_letter(c) ? static_cast<char>(c | 0x20) : c;
}
// ' ', '\t', '\n', '\r', '\f', '\v'.
constexpr bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Lines end at "\n", "\r\n" or a lone "\r", as CommonMark and LSP count them; every stage that
// numbers lines reads them so. `at` < text.size().
constexpr bool is_lone_carriage_return(std::string_view text, std::size_t at) {
  return text[at] == '\r' && (at + 1 == text.size() || text[at + 1] != '\n');
}
// [start, after) of the first line break at or after `from`; {npos, npos} when there is none.
constexpr std::pair<std::size_t, std::size_t> next_line_break(std::string_view text,
                                                              std::size_t from) {
  const std::size_t at = text.find_first_of("\r\n", from);
  if (at == std::string_view::npos) return {at, at};
  const bool crlf = text[at] == '\r' && !is_lone_carriage_return(text, at);
  return {at, at + (crlf ? 2 : 1)};
}
// The 0-based number of the line holding `offset`, and where that line starts: the text is read
// up to `offset`, its lines ending as next_line_break says.
struct LineStart {
  int line = 0;
  std::size_t start = 0;
};
constexpr LineStart line_start_of(std::string_view text, std::size_t offset) {
  LineStart found;
  for (std::size_t after = next_line_break(text, 0).second; after <= offset;
       after = next_line_break(text, after).second) {
    ++found.line;
    found.start = after;
  }
  return found;
}

// A run of backticks in a text, with the index (in the runs) of the next run as long, which
// closes a code span this run opens (CommonMark), or npos when none follows. Every reader of code
// spans (the bracket rule, directives after text, the plain-text hover) pairs runs with these.
struct BacktickRun {
  std::size_t start = 0, length = 0, closing_run = std::string_view::npos;
};
// Found in one pass from the end: searching ahead from each opening run would read the rest of
// the text once per unclosed run.
std::vector<BacktickRun> backtick_runs(std::string_view text);

// text without ASCII whitespace at either end.
std::string_view trim(std::string_view text);
// text trimmed, with each run of ASCII whitespace inside it replaced by one ' '.
std::string collapse_whitespace(std::string_view text);
// Code points in UTF-8 text: bytes that do not continue a sequence.
std::size_t code_point_count(std::string_view utf8);
// Levenshtein distance counted in code points ("정밀도" to "정밀" is 1, not 3).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace digestlint
