#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace digestlint {

// A half-open byte range [begin, end) into a SourceFile's text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool contains(const Span& other) const { return begin <= other.begin && other.end <= end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// 1-based line and columns; byte_column counts UTF-8 bytes, utf16_column UTF-16 code units.
struct Position {
  int line = 1;
  int byte_column = 1;
  int utf16_column = 1;
};

// The UTF-8 byte order mark, which SourceFile strips from the text and remembers.
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// An undecodable byte sequence found while reading; its bytes were replaced by '?' one for one,
// so every offset still points at the same place in the original file.
struct EncodingError {
  std::size_t offset = 0;
  std::size_t length = 1;
};

// The text of one linted file with a line index. A UTF-8 byte order mark is stripped (and
// remembered) so that columns match what editors show.
class SourceFile {
 public:
  SourceFile(std::string path, std::string bytes);
  // For bytes known to be valid UTF-8 (a cache entry made from the same bytes says so): they are
  // not checked again, which was a fifth of a warm cached run's instructions.
  struct KnownValid {};
  SourceFile(std::string path, std::string bytes, KnownValid);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  // The span cut to the text (a defensive measure against analyzer bugs).
  Span clamp(Span span) const {
    span.begin = std::min(span.begin, text_.size());
    span.end = std::clamp(span.end, span.begin, text_.size());
    return span;
  }
  std::string_view slice(Span span) const {
    return std::string_view(text_).substr(span.begin, span.size());
  }
  bool has_bom() const { return has_bom_; }
  const std::vector<EncodingError>& encoding_errors() const { return encoding_errors_; }
  // Offsets of the line breaks written as a lone CR (classic Mac OS), which the text holds as LF:
  // Markdown, editors and SARIF break lines there, so positions and every line-by-line check
  // see them as they do, at the same offsets. bytes() puts the CRs back.
  const std::vector<std::size_t>& lone_carriage_returns() const { return lone_carriage_returns_; }
  // Whether every line break is a lone CR (classic Mac OS): a text rewritten from this one (a
  // fix) is written back with CRs. Mixed with LF or CRLF, the CRs could not be put back.
  bool breaks_lines_with_lone_crs_only() const {
    return !lone_carriage_returns_.empty() &&
           lone_carriage_returns_.size() + 1 == line_starts_.size();
  }
  // The bytes as read: the byte order mark, the invalid bytes and the lone CRs back in place. What
  // a fix that changes nothing gives back (an editor replaces its buffer with it).
  std::string bytes() const;

  int line_count() const { return static_cast<int>(line_starts_.size()); }
  // Line text without its line terminator; line is 1-based.
  std::string_view line_text(int line) const;
  Span line_span(int line) const;
  int line_of(std::size_t offset) const;
  Position position(std::size_t offset) const;

 private:
  std::string path_;
  std::string text_;
  bool has_bom_ = false;
  std::vector<EncodingError> encoding_errors_;
  std::string replaced_bytes_;  // the invalid bytes, in order: encoding_errors_ say where
  std::vector<std::size_t> lone_carriage_returns_;
  std::vector<std::size_t> line_starts_;
  // (byte offset, UTF-16 units from its line's start) every few hundred bytes of long lines,
  // so a position costs a bounded count however long the line: reporters ask one per finding.
  std::vector<std::pair<std::size_t, int>> utf16_checkpoints_;
  void strip_bom(std::string& bytes);
  void replace_invalid_sequences(std::string& bytes);
  void replace_lone_carriage_returns(std::string& bytes);
  void index_lines();
  void index_long_lines();
};

// Number of UTF-16 code units in a UTF-8 string (invalid bytes count as one unit each).
int utf16_length(std::string_view utf8);
// decode_utf8 beyond ASCII; invalid bytes decode to U+FFFD, one byte each.
char32_t decode_utf8_sequence(std::string_view text, std::size_t offset, std::size_t& length);
// Decodes the code point at text[offset], setting length to its byte length (>= 1). Inline for
// ASCII and valid three-byte sequences (Hangul), which analyzers scanning code point by code
// point meet most: a three-byte one is at least U+0800 and no surrogate.
inline char32_t decode_utf8(std::string_view text, std::size_t offset, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  if (lead < 0x80) {
    length = 1;
    return lead;
  }
  if ((lead & 0xF0) == 0xE0 && text.size() - offset >= 3) {
    const auto second = static_cast<unsigned char>(text[offset + 1]);
    const auto third = static_cast<unsigned char>(text[offset + 2]);
    if ((second & 0xC0) == 0x80 && (third & 0xC0) == 0x80) {
      const char32_t cp = (lead & 0x0Fu) << 12 | (second & 0x3Fu) << 6 | (third & 0x3Fu);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        length = 3;
        return cp;
      }
    }
  }
  return decode_utf8_sequence(text, offset, length);
}
// Terminal columns a string occupies: East Asian wide and fullwidth characters count two.
int display_width(std::string_view utf8);
// display_width(cp) beyond the two ranges that make up most of a digest.
int display_width_of_other(char32_t cp);
// The columns one code point occupies: 0 (combining), 1 or 2 (wide). Inline for Latin script
// and Hangul syllables: the human report measures every character of each line it draws.
inline int display_width(char32_t cp) {
  if (cp < 0x300) return 1;                    // before the combining marks and every wide range
  if (cp >= 0xAC00 && cp <= 0xD7A3) return 2;  // Hangul syllables
  return display_width_of_other(cp);
}

}  // namespace digestlint
