#include "checks/summary_text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "model/byte_words.hpp"
#include "model/source.hpp"
#include "model/text.hpp"

namespace digestlint::summary {
namespace {

constexpr bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

using byte_words::ascii_in_range;
using byte_words::load;

std::uint64_t ascii_letters(std::uint64_t word) {
  // 0x20 folds the upper case.
  return ascii_in_range(word | 0x20 * byte_words::kEveryByte, 'a', 'z');
}

// Where the run of ASCII letters and digits from `at` ends: eight bytes at a time, since whether
// the next byte continues a word was a branch mispredicted at the end of every word.
std::size_t alnum_run_end(std::string_view text, std::size_t at) {
  for (; at + 8 <= text.size(); at += 8) {
    const std::uint64_t word = load(text.data() + at);
    const std::uint64_t alnum = ascii_letters(word) | ascii_in_range(word, '0', '9');
    const std::uint64_t other = ~alnum & byte_words::kHighBits;
    if (other != 0) return at + static_cast<std::size_t>(std::countr_zero(other)) / 8;
  }
  while (at < text.size() && is_ascii_alnum(text[at])) ++at;
  return at;
}

}  // namespace

std::vector<Token> latin_tokens(std::string_view text) {
  std::vector<Token> tokens;
  latin_tokens_into(text, tokens);
  return tokens;
}

void latin_tokens_into(std::string_view text, std::vector<Token>& tokens) {
  tokens.clear();
  // About one token per 16 bytes of a summary, more in a title: room for most texts at once,
  // where growing one by one reallocated and copied six to eight times.
  tokens.reserve(text.size() / 16 + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    // No token starts at a byte that is not a letter: on to the next letter of the word.
    if (i + 8 <= text.size()) {
      const std::uint64_t letters = ascii_letters(load(text.data() + i));
      if (letters == 0) {
        i += 8;
        continue;
      }
      i += static_cast<std::size_t>(std::countr_zero(letters)) / 8;
    }
    // A token starts at a letter that does not continue an alphanumeric run ("3D" is skipped).
    if (!is_ascii_letter(text[i]) || (i > 0 && is_ascii_alnum(text[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (true) {
      end = alnum_run_end(text, end);
      const bool joiner = end + 1 < text.size() &&
                          (text[end] == '-' || text[end] == '.' || text[end] == '\'') &&
                          is_ascii_alnum(text[end + 1]);
      if (!joiner) break;
      ++end;
    }
    tokens.push_back({text.substr(i, end - i), i});
    i = end;
  }
}

std::string ascii_lower(std::string_view text) {
  std::string out;
  ascii_lower_into(text, out);
  return out;
}

void ascii_lower_into(std::string_view text, std::string& out) {
  out.assign(text);
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes a step where SSE2 is: a summary is lowered for each analysis, a few KiB.
  const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20);
  for (; i + 16 <= out.size(); i += 16) {
    auto* const at = reinterpret_cast<__m128i*>(out.data() + i);
    const __m128i block = _mm_loadu_si128(at);
    // Signed comparisons: a byte above 0x7F is negative, never upper case.
    const __m128i upper =
        _mm_and_si128(_mm_cmpgt_epi8(block, before_a), _mm_cmplt_epi8(block, after_z));
    _mm_storeu_si128(at, _mm_or_si128(block, _mm_and_si128(upper, case_bit)));
  }
#endif
  for (; i + 8 <= out.size(); i += 8) {
    const std::uint64_t word = load(out.data() + i);
    const std::uint64_t lowered = word | ascii_in_range(word, 'A', 'Z') >> 2;  // 0x80 >> 2: 0x20
    std::memcpy(out.data() + i, &lowered, sizeof lowered);
  }
  // The tail without a branch: most words end in it, and whether a letter is upper case is a
  // coin toss to the branch predictor.
  for (; i < out.size(); ++i) {
    const auto byte = static_cast<unsigned char>(out[i]);
    out[i] = static_cast<char>(byte | (static_cast<unsigned>(byte - 'A') < 26u) << 5);
  }
}

std::string squash(std::string_view text) {
  std::string out;
  squash_into(text, out);
  return out;
}

void squash_into(std::string_view text, std::string& out) {
  // Each byte as squash() writes it, or -1 where it is dropped: one lookup per byte of every
  // summary instead of a chain of comparisons.
  static constexpr std::array<std::int16_t, 256> kSquashed = [] {
    std::array<std::int16_t, 256> squashed{};
    for (int byte = 0; byte < 256; ++byte) {
      const char c = static_cast<char>(byte);
      const bool dropped = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' ||
                           c == '_' || c == '^' || c == '\'';  // "Yo'Chameleon" is YoChameleon
      squashed[byte] = dropped ? -1 : static_cast<unsigned char>(is_upper(c) ? c - 'A' + 'a' : c);
    }
    return squashed;
  }();
  // Written through a pointer into a buffer sized for the whole text and cut to length after:
  // push_back() checked the capacity for each byte of every summary.
  out.resize(text.size());
  char* end = out.data();
  // Written, then kept or not: whether a byte is dropped is data, a branch on it was mispredicted.
  const auto squash_byte = [&](char c) {
    const std::int16_t squashed = kSquashed[static_cast<unsigned char>(c)];
    *end = static_cast<char>(squashed);
    end += squashed >= 0;
  };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    // A word with no upper-case letter, no whitespace (some of '\t'..'\r' are kept, so such a
    // word goes byte by byte) and none of ' ', '-', '^', '_', '\'' is written as it is.
    const std::uint64_t word = load(text.data() + i);
    const std::uint64_t changed = ascii_in_range(word, 'A', 'Z') |
                                  ascii_in_range(word, '\t', '\r') |
                                  ascii_in_range(word, ' ', ' ') | ascii_in_range(word, '-', '-') |
                                  ascii_in_range(word, '^', '_') | ascii_in_range(word, '\'', '\'');
    if (changed == 0) {
      std::memcpy(end, &word, sizeof word);
      end += sizeof word;
      continue;
    }
    for (std::size_t k = i; k < i + 8; ++k) squash_byte(text[k]);
  }
  for (; i < text.size(); ++i) squash_byte(text[i]);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

bool is_markup(char c) {
  return c == '*' || c == '`' || c == '_' || c == '[' || c == ']';
}

namespace {

// The first markup character at or after i, or the end: a word at a time while no byte of it is
// '*' or in '['..'`' (which holds '_' and ']').
std::size_t next_markup(std::string_view text, std::size_t i) {
  for (; i + 8 <= text.size(); i += 8) {
    const std::uint64_t word = load(text.data() + i);
    if ((ascii_in_range(word, '[', '`') | ascii_in_range(word, '*', '*')) != 0) break;
  }
  while (i < text.size() && !is_markup(text[i])) ++i;
  return i;
}

}  // namespace

std::string strip_markup(std::string_view text) {
  std::string out;
  append_stripped(text, out);
  return out;
}

void append_stripped(std::string_view text, std::string& out) {
  out.reserve(out.size() + text.size());
  bool no_close = false;
  // Copy the runs between markup characters whole; most of a summary is plain text.
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t mark = next_markup(text, i);
    out.append(text, i, mark - i);
    if (mark == text.size()) break;
    i = mark + 1;
    const char c = text[mark];
    if (c == '_') {
      if (i < text.size() && text[i] == '_') {
        ++i;
      } else {
        out.push_back(c);
      }
    } else if (c == ']' && i < text.size() && text[i] == '(') {
      // Once no ')' is left, later "](" need not look again (which made many of them quadratic).
      const std::size_t close = no_close ? std::string_view::npos : text.find(')', i + 1);
      no_close = close == std::string_view::npos;
      if (no_close) {
        out.push_back(c);
      } else {
        i = close + 1;
      }
    } else if (c == ']') {
      out.push_back(c);
    }
  }
}

namespace {

// The suffixes stem() removes, by their last letter, each list in the order they are tried.
struct Suffixes {
  std::array<std::string_view, 10> list;
  std::size_t size = 0;
};

constexpr std::array<Suffixes, 256> suffixes_by_last_letter() {
  constexpr std::array<std::string_view, 18> kSuffixes = {
      "ations", "ation", "ings", "ing", "ures", "ure", "ions", "ion", "ual",
      "ness",   "ities", "ity",  "ies", "ers",  "er",  "ed",   "es",  "s"};
  std::array<Suffixes, 256> by_letter{};
  for (const std::string_view suffix : kSuffixes) {
    Suffixes& entry = by_letter[static_cast<unsigned char>(suffix.back())];
    entry.list[entry.size++] = suffix;
  }
  return by_letter;
}

}  // namespace

std::string stem(std::string_view word) {
  static constexpr std::array<Suffixes, 256> kSuffixesByLast = suffixes_by_last_letter();
  std::string lower = ascii_lower(word);
  // Two rounds, so "captioning" -> "caption" -> "capt" meets "captions" -> "capt".
  for (int round = 0; round < 2; ++round) {
    // Every suffix leaves at least four letters.
    if (lower.size() < 5) break;
    const Suffixes& candidates = kSuffixesByLast[static_cast<unsigned char>(lower.back())];
    if (candidates.size == 0) break;
    for (std::size_t k = 0; k < candidates.size; ++k) {
      std::string_view suffix = candidates.list[k];
      if (lower.size() >= suffix.size() + 4 && lower.ends_with(suffix)) {
        // "-es" is a plural ending only after a sibilant ("patches"); "languages" loses the "s".
        const std::string_view rest = std::string_view(lower).substr(0, lower.size() - 2);
        if (suffix == "es" && !(rest.ends_with('s') || rest.ends_with('x') || rest.ends_with('z') ||
                                rest.ends_with("ch") || rest.ends_with("sh")))
          suffix = "s";
        lower.resize(lower.size() - suffix.size());
        break;
      }
    }
  }
  // A silent final "e" ("language", "backbone") goes, so the word meets its inflected forms.
  if (lower.size() >= 5 && lower.back() == 'e') lower.pop_back();
  return lower;
}

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() - b.size() > 1) return false;
  const auto same = [](char x, char y) { return ascii_lowered(x) == ascii_lowered(y); };
  std::size_t head = 0;
  while (head < b.size() && same(a[head], b[head])) ++head;
  if (head == b.size()) return true;
  // Past the first difference, a's letter there is dropped (a is longer) or replaced.
  const std::size_t skip_b = a.size() == b.size() ? 1 : 0;
  return std::equal(a.begin() + static_cast<long>(head) + 1, a.end(),
                    b.begin() + static_cast<long>(head + skip_b), b.end(), same);
}

namespace {

// Whether a token is shaped like a name: letters and digits mixed, or capitals inside it. Titles
// capitalize each part of a compound ("Problem-Solving"): only a capital right after another
// letter ("NL", "CoPilot") marks a name there. Read eight bytes at a time, most tokens at once.
bool has_name_shape(std::string_view token, bool in_title) {
  bool letter = false, digit = false, inner_capital = false;
  int capitals = 0;
  std::uint64_t letter_before = 0;  // the high bit of the first byte: the byte before is a letter
  for (std::size_t at = 0; at < token.size(); at += 8) {
    const std::string_view chunk = token.substr(at, 8);
    const std::uint64_t word = byte_words::load_partial(chunk.data(), chunk.size());
    const std::uint64_t upper = ascii_in_range(word, 'A', 'Z');
    const std::uint64_t letters = upper | ascii_in_range(word, 'a', 'z');
    letter = letter || letters != 0;
    digit = digit || ascii_in_range(word, '0', '9') != 0;
    inner_capital = inner_capital || (upper & (letters << 8 | letter_before)) != 0;
    capitals += byte_words::count_high_bits(upper);
    letter_before = letters >> (8 * (chunk.size() - 1)) & 0x80;
  }
  if (letter && digit) return true;
  if (in_title) return inner_capital;
  return capitals >= 2;
}

}  // namespace

// The shape first: most words are not names, and need no lookup (nor a lowered copy).
bool is_name_like(std::string_view token, bool in_title, const WordTable<>& common) {
  return token.size() >= 2 && has_name_shape(token, in_title) &&
         !common.contains(ascii_lower(token));
}

bool is_name_like(std::string_view token, std::string_view lowered, bool in_title,
                  const WordTable<>& common) {
  return token.size() >= 2 && has_name_shape(token, in_title) && !common.contains(lowered);
}

std::pair<std::string_view, std::vector<std::string_view>> split_entry(std::string_view entry) {
  const std::size_t colon = entry.find(':');
  std::pair<std::string_view, std::vector<std::string_view>> out;
  out.first = trim(entry.substr(0, colon));
  if (colon == std::string_view::npos) return out;
  std::string_view rest = entry.substr(colon + 1);
  out.second.reserve(static_cast<std::size_t>(std::count(rest.begin(), rest.end(), ',')) + 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view value = trim(rest.substr(0, comma));
    if (!value.empty()) out.second.emplace_back(value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::vector<std::uint64_t> shingles(std::string_view text, std::size_t width) {
  std::vector<std::uint64_t> out = shingle_hashes(text, width);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint64_t> shingle_hashes(std::string_view text, std::size_t width) {
  std::vector<std::uint64_t> out;
  for_each_shingle_hash(text, width, [&out](std::uint64_t hash) { out.push_back(hash); });
  return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::size_t PhraseMatcher::add(std::string_view pattern, bool word_start) {
  std::uint32_t& id_plus_one = ids_[pattern][word_start];
  if (id_plus_one == 0) {
    // Pattern ids, and with them build()'s offsets into filed_, are 32-bit.
    if (patterns_.size() >= std::numeric_limits<std::uint32_t>::max() / 2) {
      throw std::length_error("too many phrases for one PhraseMatcher");
    }
    patterns_.emplace_back(std::string(pattern), word_start);
    id_plus_one = static_cast<std::uint32_t>(patterns_.size());
  }
  return id_plus_one - 1;
}

namespace {

int log2_of(std::size_t power_of_two) {
  int log = 0;
  while ((std::size_t{1} << log) < power_of_two) ++log;
  return log;
}

}  // namespace

std::uint64_t PhraseMatcher::key_of(std::uint64_t first_bytes, std::size_t length) {
  const std::uint64_t kept =
      length >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * length)) - 1;
  return (first_bytes & kept) | static_cast<std::uint64_t>(length) << 56;
}

void PhraseMatcher::build() {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;  // (key, pattern id)
  row_of_first_.fill(0);
  key_lengths_.assign(1, {});
  starts_inside_characters_ = false;
  for (std::uint32_t id = 0; id < patterns_.size(); ++id) {
    const std::string& pattern = patterns_[id].first;
    if (pattern.empty()) continue;  // occurs nowhere
    const std::size_t length = std::min(pattern.size(), kKeyBytes);
    keyed.emplace_back(key_of(byte_words::load_partial(pattern.data(), pattern.size()), length),
                       id);
    const auto bit =
        static_cast<std::uint16_t>(1u << (length - 1 + (patterns_[id].second ? 8 : 0)));
    const auto first = static_cast<unsigned char>(pattern[0]);
    starts_inside_characters_ = starts_inside_characters_ || (first & 0xC0) == 0x80;
    if (pattern.size() == 1) {
      for (unsigned second = 0; second < 256; ++second) {
        key_lengths_at(first, static_cast<unsigned char>(second)) |= bit;
      }
    } else {
      key_lengths_at(first, static_cast<unsigned char>(pattern[1])) |= bit;
    }
  }
  std::sort(keyed.begin(), keyed.end());
  std::size_t slot_count = 16;
  while (slot_count < 2 * keyed.size()) slot_count *= 2;
  slots_.assign(slot_count, {});
  slot_shift_ = 64 - log2_of(slot_count);
  // At least 16 filter bits per key: a position whose key no pattern has passes about one time
  // in twenty, and the filter (8 KiB for the shipped lexicons' renderings) stays in the
  // first-level cache.
  filter_.assign(slot_count / 8, 0);
  filter_shift_ = 64 - log2_of(slot_count * 8);
  middle_pairs_.assign(1024, 0);
  for (const auto& [pattern, word_start] : patterns_) {
    if (pattern.size() < 3) continue;
    const unsigned pair = static_cast<unsigned char>(pattern[1]) |
                          static_cast<unsigned>(static_cast<unsigned char>(pattern[2])) << 8;
    middle_pairs_[pair >> 6] |= std::uint64_t{1} << (pair & 63);
  }
  filed_.clear();
  rest_bytes_.clear();
  for (std::size_t i = 0; i < keyed.size();) {
    const std::uint64_t key = keyed[i].first;
    Slot slot{key, static_cast<std::uint32_t>(filed_.size()), 0};
    for (; i < keyed.size() && keyed[i].first == key; ++i) {
      const auto& [pattern, word_start] = patterns_[keyed[i].second];
      const std::string_view rest =
          std::string_view(pattern).substr(std::min(pattern.size(), kKeyBytes));
      filed_.push_back({keyed[i].second, static_cast<std::uint32_t>(rest_bytes_.size()),
                        static_cast<std::uint32_t>(rest.size()), word_start});
      rest_bytes_ += rest;
    }
    slot.end = static_cast<std::uint32_t>(filed_.size());
    const std::uint64_t h = hash(key);
    std::size_t at = h >> slot_shift_;
    while (slots_[at].key != 0) at = (at + 1) & (slot_count - 1);
    slots_[at] = slot;
    filter_[h >> filter_shift_ >> 6] |= std::uint64_t{1} << (h >> filter_shift_ & 63);
  }
}

std::uint16_t& PhraseMatcher::key_lengths_at(unsigned char first, unsigned char second) {
  if (row_of_first_[first] == 0) {
    row_of_first_[first] = static_cast<std::uint16_t>(key_lengths_.size());
    key_lengths_.emplace_back();
  }
  return key_lengths_[row_of_first_[first]][second];
}

const PhraseMatcher::Slot* PhraseMatcher::find(std::uint64_t key, std::uint64_t hash) const {
  for (std::size_t at = hash >> slot_shift_;; at = (at + 1) & (slots_.size() - 1)) {
    if (slots_[at].key == key) return &slots_[at];
    if (slots_[at].key == 0) return nullptr;
  }
}

std::uint16_t PhraseMatcher::key_lengths_of(unsigned char first, unsigned char second) const {
  return key_lengths_[row_of_first_[first]][second];
}

// The bits of key_lengths_ for keys of one or two bytes: plain (bits 0–1) or at a word start
// (bits 8–9). Those are the whole patterns of one or two bytes, which have no middle pair.
constexpr unsigned kShortKeys = 0b11 | 0b11 << 8;

namespace {

// Bit k set when the byte at block + k, for the positions in [block, end), starts a character:
// it is not a UTF-8 continuation byte (10xxxxxx). Two of every three bytes of Hangul are.
std::uint64_t character_starts(std::string_view text, std::size_t block, std::size_t end) {
  std::uint64_t starts = 0;
  for (std::size_t at = block; at < end; at += 8) {
    const std::size_t size = std::min<std::size_t>(8, end - at);
    const std::uint64_t word = byte_words::load_partial(text.data() + at, size);
    const unsigned in_word = size == 8 ? 0xFFu : (1u << size) - 1;
    const unsigned continuing = byte_words::pack_high_bits(byte_words::continuation_bytes(word));
    starts |= std::uint64_t{~continuing & in_word} << (at - block);
  }
  return starts;
}

}  // namespace

std::uint64_t PhraseMatcher::candidates(std::string_view text, std::size_t block,
                                        std::size_t end) const {
  // Only where a character starts, unless a pattern starts inside one (not valid UTF-8): at the
  // other positions key_lengths_of would say no, byte by byte, at three times the cost.
  const std::uint64_t every =
      end - block == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << (end - block)) - 1;
  const std::uint64_t starts =
      starts_inside_characters_ ? every : character_starts(text, block, end);
  const auto may_start = [&](std::uint64_t positions, auto byte) {
    std::uint64_t found = 0;
    for (; positions != 0; positions &= positions - 1) {
      const auto at = block + static_cast<std::size_t>(std::countr_zero(positions));
      const unsigned second = byte(at + 1);
      const unsigned lengths = key_lengths_of(byte(at), static_cast<unsigned char>(second));
      const unsigned middle = second | byte(at + 2) << 8;
      const bool middle_pair = (middle_pairs_[middle >> 6] >> (middle & 63) & 1) != 0;
      const bool may = ((lengths & kShortKeys) != 0) | (middle_pair & (lengths != 0));
      found |= std::uint64_t{may} << (at - block);
    }
    return found;
  };
  // The next two bytes of a position are read directly, or as zeros past the text's end.
  if (end + 2 <= text.size()) {
    return may_start(starts, [&](std::size_t at) { return static_cast<unsigned char>(text[at]); });
  }
  return may_start(starts, [&](std::size_t at) {
    return at < text.size() ? static_cast<unsigned char>(text[at]) : 0u;
  });
}

std::vector<int> PhraseMatcher::count(std::string_view text) const {
  std::vector<int> counts(patterns_.size(), 0);
  if (filed_.empty()) return counts;  // not built, or nothing to find
  // Block by block, first the positions whose first bytes may start a pattern, without a
  // branch: whether they do is a coin toss in Hangul, which the branch predictor lost about
  // every other time. Then only those positions.
  constexpr std::size_t kBlock = 64;
  for (std::size_t block = 0; block < text.size(); block += kBlock) {
    std::uint64_t found = candidates(text, block, std::min(text.size(), block + kBlock));
    for (; found != 0; found &= found - 1) {
      count_at(text, block + static_cast<std::size_t>(std::countr_zero(found)), counts);
    }
  }
  return counts;
}

void PhraseMatcher::count_at(std::string_view text, std::size_t i, std::vector<int>& counts) const {
  const unsigned second = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
  const unsigned both = key_lengths_of(static_cast<unsigned char>(text[i]), second);
  unsigned lengths = both & 0xFF;
  if (i == 0 || !is_ascii_alnum(text[i - 1])) lengths |= both >> 8;
  const std::uint64_t bytes = byte_words::load_partial(text.data() + i, text.size() - i);
  for (; lengths != 0; lengths &= lengths - 1) {
    const auto length = static_cast<std::size_t>(std::countr_zero(lengths)) + 1;
    if (i + length > text.size()) break;
    const std::uint64_t key = key_of(bytes, length);
    const std::uint64_t h = hash(key);
    if (!maybe_filed(h)) continue;
    const Slot* slot = find(key, h);
    if (slot == nullptr) continue;
    for (std::uint32_t k = slot->begin; k < slot->end; ++k) {
      const Filed& filed = filed_[k];
      if (filed.rest_size > text.size() - i - length ||
          std::memcmp(text.data() + i + length, rest_bytes_.data() + filed.rest_begin,
                      filed.rest_size) != 0) {
        continue;
      }
      if (filed.word_start && i > 0 && is_ascii_alnum(text[i - 1])) continue;
      ++counts[filed.id];
    }
  }
}

std::vector<int> PhraseMatcher::count_in_lowercase(std::string_view text) const {
  return count(ascii_lower(text));
}

bool holds(std::string_view text, std::string_view needle, std::size_t probe) {
  if (needle.empty()) return true;
  if (needle.size() > text.size() || probe >= needle.size()) {
    return needle.size() <= text.size() &&
           ::memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
  }
  // The probe byte of a match is from `probe` bytes into the text to as many past the last place
  // the needle fits.
  const char* at = text.data() + probe;
  const char* const end = text.data() + (text.size() - needle.size()) + probe + 1;
  while (at < end) {
    const auto* found = static_cast<const char*>(
        std::memchr(at, needle[probe], static_cast<std::size_t>(end - at)));
    if (found == nullptr) return false;
    // The first four bytes first, compared inline: most places the probe byte is found at are
    // another syllable's (a call to memcmp cost more than the comparison).
    const char* const start = found - probe;
    const bool may_match = needle.size() < 4 || std::memcmp(start, needle.data(), 4) == 0;
    if (may_match && std::memcmp(start, needle.data(), needle.size()) == 0) return true;
    at = found + 1;
  }
  return false;
}

}  // namespace digestlint::summary
