#include "checks/text_util.hpp"

#include <algorithm>
#include <array>

#include "model/source.hpp"
#include "model/text.hpp"

namespace digestlint::checks {

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0x00A0 || cp == 0x3000 || cp == 0x200B || (cp >= 0x2000 && cp <= 0x200A);
}

bool is_word(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  return (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||    // Latin
         (cp >= 0x0370 && cp <= 0x052F) ||                                    // Greek, Cyrillic
         (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||  // Hangul jamo
         (cp >= 0xAC00 && cp <= 0xD7A3) ||                                    // Hangul syllables
         (cp >= 0x3040 && cp <= 0x30FF) ||                                    // kana
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK
         (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||  // fullwidth
         (cp >= 0xFF41 && cp <= 0xFF5A);
}

char32_t fold_case(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0x00C0 && cp <= 0x00DE && cp != 0x00D7) return cp + 32;
  if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2) return cp + 32;
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 32;
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 80;
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp + 32;
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) return '\'';
  return cp;
}

CaseVariants case_variants(char32_t folded) {
  CaseVariants variants;
  const auto add = [&](char32_t cp) {
    if (fold_case(cp) == folded) variants.characters[variants.size++] = cp;
  };
  // fold_case's ranges move a capital 32 places, or 80 (Cyrillic Ѐ..Џ); three apostrophes
  // become '\''.
  add(folded);
  add(folded - 32);
  add(folded - 80);
  if (folded == '\'') {
    for (const char32_t apostrophe : {U'\u2019', U'\u2018', U'\u02BC'}) add(apostrophe);
  }
  return variants;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::vector<CodePoint> code_points(std::string_view text) {
  std::vector<CodePoint> result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    const char32_t cp = decode_utf8(text, i, length);
    result.push_back({cp, i, length});
    i += length;
  }
  return result;
}

// Decoded as it goes: names and titles are normalized by the thousand (every author of a digest),
// and a vector of their code points cost more than the folding.
void append_normalized(std::string& out, std::string_view text, bool keep_spaces) {
  const std::size_t start = out.size();
  const auto written = [&] { return out.size() > start; };
  bool pending_space = false;
  // Before a character is written: one space for the spaces before it, when they are kept.
  const auto separate = [&] {
    if (pending_space && keep_spaces) out += ' ';
    pending_space = false;
  };
  for (std::size_t i = 0; i < text.size();) {
    // ASCII, most of a name or a title, without decoding it or calling is_space and fold_case:
    // a run up to the next space or non-ASCII byte is appended at once and lowered in place (a
    // call to append each character was a fiftieth of a run).
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      if (is_ascii_space(text[i])) {
        ++i;
        pending_space = written();
        continue;
      }
      separate();
      std::size_t end = i + 1;
      while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 &&
             !is_ascii_space(text[end])) {
        ++end;
      }
      const std::size_t run = out.size();
      out.append(text.substr(i, end - i));
      for (std::size_t k = run; k < out.size(); ++k) out[k] = ascii_lowered(out[k]);
      i = end;
      continue;
    }
    std::size_t length = 0;
    const std::size_t at = i;
    const char32_t cp = decode_utf8(text, i, length);
    i += length;
    if (is_space(cp)) {
      pending_space = written();
      continue;
    }
    separate();
    // A character that folds to itself (Hangul) is copied as it is written; an invalid byte
    // (read as U+FFFD) is written as U+FFFD.
    if (const char32_t folded = fold_case(cp); folded != cp || cp == 0xFFFD) {
      append_utf8(out, folded);
    } else {
      out.append(text.substr(at, length));
    }
  }
}

std::string normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_normalized(out, text, true);
  return out;
}
std::string normalize_without_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_normalized(out, text, false);
  return out;
}

std::size_t closest(std::string_view name, const std::vector<std::string>& candidates,
                    std::size_t* distance) {
  const std::string key = normalize(name);
  std::size_t best = candidates.size();
  std::size_t best_distance = 0;
  bool best_contains = false;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string candidate = normalize(candidates[i]);
    const std::size_t d = edit_distance(key, candidate);
    // A part of a name ("Performance") is closer to it than a short unrelated name is.
    const bool contains = !key.empty() && (candidate.find(key) != std::string::npos ||
                                           key.find(candidate) != std::string::npos);
    if (best == candidates.size() || contains > best_contains ||
        (contains == best_contains && d < best_distance)) {
      best = i, best_distance = d, best_contains = contains;
    }
  }
  if (distance != nullptr) *distance = best_distance;
  return best;
}

std::size_t typo_limit(std::string_view candidate) {
  return std::max<std::size_t>(2, code_points(candidate).size() / 4);
}

Span sub_span(const Field& field, std::size_t pos, std::size_t len) {
  const std::size_t begin = std::min(field.span.begin + pos, field.span.end);
  return Span{begin, std::min(begin + len, field.span.end)};
}

}  // namespace digestlint::checks
