#include "report/json_text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "model/byte_words.hpp"

namespace digestlint {
namespace {

// Whether text can be written between quotes as it is: valid UTF-8 without a control
// character, quote or backslash. Others are escaped by nlohmann::json itself, so that both
// agree on every byte (U+FFFD for each invalid sequence, \u00XX for control characters).
bool plain(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size()) {
      const std::uint64_t word = byte_words::load(text.data() + i);
      // Printable ASCII but for '"' and '\\': eight bytes at a time.
      if ((word & byte_words::kHighBits) == 0 && byte_words::ascii_in_range(word, 0, 0x1F) == 0 &&
          byte_words::ascii_in_range(word, '"', '"') == 0 &&
          byte_words::ascii_in_range(word, '\\', '\\') == 0) {
        i += 8;
        continue;
      }
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte < 0x20 || byte == '"' || byte == '\\') return false;
      ++i;
      continue;
    }
    // A multi-byte sequence as RFC 3629 allows it: no overlong form, surrogate or code point
    // above U+10FFFF.
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the second byte's range
    if (byte >= 0xC2 && byte <= 0xDF) {
      length = 2;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      length = 3;
      if (byte == 0xE0) low = 0xA0;
      if (byte == 0xED) high = 0x9F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      length = 4;
      if (byte == 0xF0) low = 0x90;
      if (byte == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < low || second > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

JsonText& JsonText::key(std::string_view name) {
  next_line();
  string(name);
  out_ += ": ";
  return *this;
}

JsonText& JsonText::element() {
  next_line();
  return *this;
}

JsonText& JsonText::string(std::string_view text) {
  if (plain(text)) {
    out_ += '"';
    out_ += text;
    out_ += '"';
  } else {
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return *this;
}

JsonText& JsonText::integer(long long value) {
  fmt::format_to(std::back_inserter(out_), "{}", value);
  return *this;
}

JsonText& JsonText::real(double value) {
  out_ += nlohmann::json(value).dump();  // its shortest form: "1.0", "0.85", "1e-05"
  return *this;
}

JsonText& JsonText::boolean(bool value) {
  out_ += value ? "true" : "false";
  return *this;
}

JsonText& JsonText::null() {
  out_ += "null";
  return *this;
}

JsonText& JsonText::open(char bracket) {
  out_ += bracket;
  has_members_.push_back(false);
  return *this;
}

JsonText& JsonText::close(char bracket) {
  const bool had_members = has_members_.back();
  has_members_.pop_back();
  if (had_members) {
    out_ += '\n';
    out_.append(2 * (static_cast<std::size_t>(depth_) + has_members_.size()), ' ');
  }
  out_ += bracket;
  return *this;
}

void JsonText::next_line() {
  out_ += has_members_.back() ? ",\n" : "\n";
  has_members_.back() = true;
  out_.append(2 * (static_cast<std::size_t>(depth_) + has_members_.size()), ' ');
}

}  // namespace digestlint
