#include "model/source.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <tuple>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "model/byte_words.hpp"
#include "model/text.hpp"

namespace digestlint {
namespace {

// Decodes the valid UTF-8 sequence starting at offset into cp and returns its byte length, or 0
// if it is invalid. One pass: validating and decoding used to walk each sequence twice.
std::size_t decode_valid(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, cp = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

// The offset of the first non-ASCII byte at or after i. Most of a digest is ASCII: checking eight
// bytes at a time keeps validation from decoding it byte by byte.
std::size_t skip_ascii(std::string_view s, std::size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    if ((byte_words::load(s.data() + i) & byte_words::kHighBits) != 0) break;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// From i (where a sequence starts), past the valid UTF-8 that is ASCII and three-byte sequences
// only, sixteen bytes at a time: a Korean digest is mostly Hangul, three bytes a syllable, and
// validating it a sequence at a time was a third of a warm cached run. Stops at the block it
// cannot pass whole (a two- or four-byte sequence, a lead E0, an error), which the caller then
// reads a sequence at a time.
std::size_t skip_ascii_and_three_byte(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  const auto signed_byte = [](int byte) { return _mm_set1_epi8(static_cast<char>(byte - 256)); };
  for (; i + 16 <= s.size();) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const auto mask_of = [](__m128i bytes) {
      return static_cast<unsigned>(_mm_movemask_epi8(bytes));
    };
    const unsigned high = mask_of(x);
    if (high == 0) {
      i += 16;
      continue;
    }
    const unsigned continuation = mask_of(_mm_cmplt_epi8(x, signed_byte(0xC0)));  // 80..BF
    const unsigned leads = high & ~continuation;
    // E1..EF less ED: x - E1 + 80 (wrapping) compared as signed bytes.
    const __m128i from_e1 = _mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(0x80 - 0xE1)));
    const unsigned e1_to_ef = mask_of(_mm_cmplt_epi8(from_e1, signed_byte(0x80 + 0x0F)));
    const unsigned ed = mask_of(_mm_cmpeq_epi8(x, signed_byte(0xED)));
    // ED is U+D000..U+D7FF (half of the Hangul syllables) when the next byte is below A0; A0..BF
    // would make surrogates.
    const unsigned next_below_a0 = mask_of(_mm_cmplt_epi8(_mm_srli_si128(x, 1), signed_byte(0xA0)));
    const unsigned plain = (e1_to_ef & ~ed) | (ed & next_below_a0);
    // A sequence that starts in the last two bytes ends in the next block: stop before it, and
    // pass only if no sequence before it runs past the stop.
    const unsigned take = (leads & 0x4000) ? 14 : (leads & 0x8000) ? 15 : 16;
    const unsigned within = (1u << take) - 1;
    const unsigned continued = (plain & within) << 1 | (plain & within) << 2;
    const bool passes = ((leads ^ plain) & within) == 0 && (continued & ~within) == 0 &&
                        ((continuation ^ continued) & within) == 0;
    if (!passes) break;
    i += take;
  }
#endif
  return i;
}

// The length of the valid UTF-8 sequence at i, or 0. Korean text is mostly three-byte sequences
// whose lead (E1-EC, EE-EF) rules out overlong forms and surrogates: those need no decoding.
std::size_t valid_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  const bool plain_lead = (lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF;
  if (plain_lead && i + 3 <= s.size() && (byte(i + 1) & 0xC0) == 0x80 &&
      (byte(i + 2) & 0xC0) == 0x80) {
    return 3;
  }
  char32_t unused = 0;
  return decode_valid(s, i, unused);
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
         (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

char32_t decode_utf8_sequence(std::string_view text, std::size_t offset, std::size_t& length) {
  char32_t cp = 0;
  length = decode_valid(text, offset, cp);
  if (length > 0) return cp;
  length = 1;
  return 0xFFFD;
}

int utf16_length(std::string_view utf8) {
  int units = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    // Eight ASCII bytes are eight units: a position far into an ASCII line (an author list of
    // thousands of names) counts a word at a time.
    if (i + 8 <= utf8.size() && (byte_words::load(utf8.data() + i) & byte_words::kHighBits) == 0) {
      units += 8;
      i += 8;
      continue;
    }
    std::size_t length = 0;
    const char32_t cp = decode_utf8(utf8, i, length);
    units += cp >= 0x10000 ? 2 : 1;
    i += length;
  }
  return units;
}

int display_width_of_other(char32_t cp) {
  const bool combining = (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0xFE0F;
  return combining ? 0 : (is_wide(cp) ? 2 : 1);
}

int display_width(std::string_view utf8) {
  int width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t length = 0;
    width += display_width(decode_utf8(utf8, i, length));
    i += length;
  }
  return width;
}

SourceFile::SourceFile(std::string path, std::string bytes) : path_(std::move(path)) {
  strip_bom(bytes);
  replace_invalid_sequences(bytes);
  replace_lone_carriage_returns(bytes);
  text_ = std::move(bytes);
  index_lines();
}

SourceFile::SourceFile(std::string path, std::string bytes, KnownValid) : path_(std::move(path)) {
  strip_bom(bytes);
  replace_lone_carriage_returns(bytes);
  text_ = std::move(bytes);
  index_lines();
}

void SourceFile::strip_bom(std::string& bytes) {
  if (std::string_view(bytes).starts_with(kByteOrderMark)) {
    has_bom_ = true;
    bytes.erase(0, kByteOrderMark.size());
  }
}

void SourceFile::replace_invalid_sequences(std::string& bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    i = skip_ascii(bytes, skip_ascii_and_three_byte(bytes, i));
    if (i == bytes.size()) break;
    const std::size_t length = valid_length(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (!encoding_errors_.empty() &&
        encoding_errors_.back().offset + encoding_errors_.back().length == i) {
      ++encoding_errors_.back().length;
    } else {
      encoding_errors_.push_back({i, 1});
    }
    replaced_bytes_.push_back(bytes[i]);
    bytes[i++] = '?';
  }
}

void SourceFile::replace_lone_carriage_returns(std::string& bytes) {
  for (std::size_t at = bytes.find('\r'); at != std::string::npos; at = bytes.find('\r', at + 1)) {
    if (!is_lone_carriage_return(bytes, at)) continue;
    lone_carriage_returns_.push_back(at);
    bytes[at] = '\n';
  }
}

std::string SourceFile::bytes() const {
  std::string bytes(has_bom_ ? kByteOrderMark : "");
  bytes.reserve(bytes.size() + text_.size());
  std::size_t copied = 0, replaced = 0;
  for (const EncodingError& error : encoding_errors_) {
    bytes.append(text_, copied, error.offset - copied);
    bytes.append(replaced_bytes_, replaced, error.length);
    copied = error.offset + error.length;
    replaced += error.length;
  }
  bytes.append(text_, copied);
  const std::size_t start = has_bom_ ? kByteOrderMark.size() : 0;
  for (const std::size_t at : lone_carriage_returns_) bytes[start + at] = '\r';
  return bytes;
}

void SourceFile::index_lines() {
  line_starts_.push_back(0);
  // find() is memchr: far faster than testing each byte.
  for (std::size_t at = text_.find('\n'); at != std::string::npos; at = text_.find('\n', at + 1)) {
    line_starts_.push_back(at + 1);
  }
  index_long_lines();
}

namespace {

// The UTF-16 units of valid UTF-8 (a SourceFile's text, whose invalid bytes were replaced): its
// bytes that start a code point plus one more per four-byte lead. Counting bytes, eight at a
// time, costs less than decoding each code point: reporters ask a position of every finding and
// related location, and a warm cached run does little but index its files.
int valid_utf16_length(std::string_view valid) {
  int units = 0;
  std::size_t i = 0;
  // The high bit of each byte that continues a code point (10xxxxxx) and of each four-byte lead
  // (11110xxx) is counted.
  using byte_words::kHighBits;
  for (; i + 8 <= valid.size(); i += 8) {
    const std::uint64_t word = byte_words::load(valid.data() + i);
    const std::uint64_t continuing = byte_words::continuation_bytes(word);
    const std::uint64_t four_byte_lead = word & word << 1 & word << 2 & word << 3 & kHighBits;
    units +=
        8 - byte_words::count_high_bits(continuing) + byte_words::count_high_bits(four_byte_lead);
  }
  for (; i < valid.size(); ++i) {
    const auto byte = static_cast<unsigned char>(valid[i]);
    units += ((byte & 0xC0) != 0x80) + (byte >= 0xF0);
  }
  return units;
}

}  // namespace

void SourceFile::index_long_lines() {
  const auto is_continuation = [&](std::size_t i) {
    return (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80;
  };
  const auto units_between = [&](std::size_t begin, std::size_t end) {
    return valid_utf16_length(std::string_view(text_).substr(begin, end - begin));
  };
  constexpr std::size_t kEvery = 512;
  for (int line = 1; line <= line_count(); ++line) {
    const Span span = line_span(line);
    int units = 0;
    std::size_t counted_to = span.begin;
    // Each checkpoint is the first code point at least kEvery bytes after the one before.
    for (std::size_t at = span.begin + kEvery; at < span.end; at += kEvery) {
      while (at < span.end && is_continuation(at)) ++at;
      if (at == span.end) break;
      units += units_between(counted_to, at);
      utf16_checkpoints_.emplace_back(at, units);
      counted_to = at;
    }
  }
}

Span SourceFile::line_span(int line) const {
  const auto index = static_cast<std::size_t>(std::clamp(line, 1, line_count()) - 1);
  const std::size_t begin = line_starts_[index];
  std::size_t end = index + 1 < line_starts_.size() ? line_starts_[index + 1] : text_.size();
  if (end > begin && text_[end - 1] == '\n') --end;
  if (end > begin && text_[end - 1] == '\r') --end;
  return {begin, end};
}

std::string_view SourceFile::line_text(int line) const {
  return slice(line_span(line));
}

int SourceFile::line_of(std::size_t offset) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(it - line_starts_.begin());
}

Position SourceFile::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const int line = line_of(offset);
  const std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
  std::size_t counted_to = start;
  int units = 0;
  const auto after = std::upper_bound(
      utf16_checkpoints_.begin(), utf16_checkpoints_.end(), offset,
      [](std::size_t at, const std::pair<std::size_t, int>& point) { return at < point.first; });
  if (after != utf16_checkpoints_.begin() && std::prev(after)->first >= start) {
    std::tie(counted_to, units) = *std::prev(after);
  }
  // An offset inside a code point (no span of a finding, but a caller may ask) counts the bytes of
  // the cut code point as utf16_length does, one unit each.
  std::size_t boundary = offset;
  while (boundary > counted_to && (static_cast<unsigned char>(text_[boundary]) & 0xC0) == 0x80) {
    --boundary;
  }
  const std::string_view text(text_);
  units += valid_utf16_length(text.substr(counted_to, boundary - counted_to)) +
           utf16_length(text.substr(boundary, offset - boundary));
  return {line, static_cast<int>(offset - start) + 1, units + 1};
}

}  // namespace digestlint
