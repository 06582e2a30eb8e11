#include "checks/transliteration.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>

#include "checks/word_table.hpp"

namespace digestlint::summary {
namespace {

// Consonant classes shared by both scripts: K (g k c q), T (d t), P (b p f v), S (s), J (j z ch
// soft g), R (r l), M, N, H; vowels become V. A class letter repeated in a row counts once.
constexpr std::array<std::string_view, 19> kInitials = {
    "K", "K", "N", "T", "T", "R", "M", "P", "P", "S", "S", "", "J", "J", "J", "K", "T", "P", "H"};
constexpr std::array<std::string_view, 28> kFinals = {
    "",   "K", "K", "KS", "N",  "NJ", "N", "T", "R", "RK", "RM", "RP", "RS", "RT",
    "RP", "R", "M", "P",  "PS", "T",  "T", "N", "J", "J",  "K",  "T",  "P",  ""};
constexpr int kEu = 18;  // ㅡ: written to carry a consonant cluster, not pronounced as a vowel

// Appends a sound to a word's skeleton.
void append(std::string& skeleton, std::string_view sound) {
  for (const char c : sound) {
    if (skeleton.empty() || skeleton.back() != c) skeleton.push_back(c);
  }
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Decodes a character of two or four bytes, or a malformed one, as next_code_point() does.
std::uint32_t next_rare_code_point(std::string_view text, std::size_t& at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  const int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
  std::uint32_t code = length == 1 ? byte : byte & (0x3F >> (length - 1));
  for (int i = 1; i < length && at + i < text.size(); ++i) {
    code = (code << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
  }
  at += length;
  return code;
}

// Decodes one UTF-8 character; returns its code point and advances `at`. Summaries are mostly
// Hangul, three bytes a character, and ASCII: those are decoded here, small enough to inline.
inline std::uint32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) {
    ++at;
    return byte;
  }
  if ((byte & 0xF0) == 0xE0 && at + 2 < text.size()) {
    const std::uint32_t code = (std::uint32_t{byte} & 0x0F) << 12 |
                               (static_cast<unsigned char>(text[at + 1]) & 0x3Fu) << 6 |
                               (static_cast<unsigned char>(text[at + 2]) & 0x3Fu);
    at += 3;
    return code;
  }
  return next_rare_code_point(text, at);
}

bool is_syllable(std::uint32_t code) {
  return code >= 0xAC00 && code <= 0xD7A3;
}

// A polynomial hash, extended as a word's skeleton grows, so each prefix is hashed at no extra
// cost. Appending n letters multiplies the hash by kHashBase^n and adds their own hash, so a
// syllable's letters are added in one step, whatever came before them.
constexpr std::uint64_t kHashBasis = 0xcbf29ce484222325ull;
constexpr std::uint64_t kHashBase = 0x100000001b3ull;
constexpr std::uint64_t hash_more(std::uint64_t hash, std::string_view more) {
  for (const char c : more) hash = hash * kHashBase + static_cast<unsigned char>(c);
  return hash;
}
constexpr std::array<std::uint64_t, 5> kHashPowers = {1, kHashBase, kHashBase* kHashBase,
                                                      kHashBase* kHashBase* kHashBase,
                                                      kHashBase* kHashBase* kHashBase* kHashBase};

// A syllable's sounds, composed from its jamo with repeated class letters merged: an initial, a
// vowel and a two-letter final at most. `hash[k]`: hash_more(0, ·) of its letters from the k-th
// (the first is dropped when it repeats the word's last letter).
struct SyllableSounds {
  // Zero after the last, so that four can be copied from the first or the second, and so that a
  // syllable without letters has a first letter (zero) that repeats no word's last.
  std::array<char, 5> letters{};
  std::uint8_t size = 0;
  std::array<std::uint64_t, 2> hash{};
};

// A syllable's sounds depend only on its initial, its final and whether its vowel is ㅡ: 1,064
// kinds, a table that stays in the first-level cache (one of all 11,172 syllables did not).
constexpr std::uint32_t kSoundKinds = 19 * 2 * 28;
constexpr std::uint32_t sound_kind(std::uint32_t syllable_index) {
  const std::uint32_t initial = syllable_index / 588, vowel = syllable_index % 588 / 28;
  return (initial * 2 + (vowel == kEu)) * 28 + syllable_index % 28;
}

// Every kind's sounds, composed at compile time: composing them for each syllable of every
// summary was most of the cost of reading their sounds, and a table built on first use cost a
// guard check a syllable.
constexpr std::array<SyllableSounds, kSoundKinds> make_syllable_sounds() {
  std::array<SyllableSounds, kSoundKinds> sounds{};
  for (std::uint32_t kind = 0; kind < kSoundKinds; ++kind) {
    SyllableSounds& syllable = sounds[kind];
    const auto add = [&](std::string_view sound) {
      for (const char c : sound) {
        if (syllable.size == 0 || syllable.letters[syllable.size - 1] != c) {
          syllable.letters[syllable.size++] = c;
        }
      }
    };
    add(kInitials[kind / 56]);
    if (kind / 28 % 2 == 0) add("V");
    add(kFinals[kind % 28]);
    const std::string_view letters(syllable.letters.data(), syllable.size);
    syllable.hash = {hash_more(0, letters), hash_more(0, letters.substr(letters.empty() ? 0 : 1))};
  }
  return sounds;
}
constexpr std::array<SyllableSounds, kSoundKinds> kSyllableSounds = make_syllable_sounds();

const SyllableSounds& sounds_of(std::uint32_t code) {
  return kSyllableSounds[sound_kind(code - 0xAC00)];
}

// Whether a syllable's first letter repeats the last of the word's skeleton so far, and is
// dropped as append() would: only the first can (a class letter repeated in a row counts once).
bool repeats_last(const SyllableSounds& sounds, std::string_view word_so_far) {
  return !word_so_far.empty() && word_so_far.back() == sounds.letters[0];
}

// Like append() for a syllable's sounds.
void append_syllable(std::string& skeleton, std::uint32_t code) {
  const SyllableSounds& sounds = sounds_of(code);
  const bool repeats = repeats_last(sounds, skeleton);
  skeleton.append(sounds.letters.data() + repeats, sounds.size - repeats);
}

// Appends the sounds of the English letters of `word` from position i; each ambiguous
// spelling forks the skeleton, so the result holds every reading (a handful at most).
void spell(std::string_view word, std::size_t i, std::string skeleton,
           std::vector<std::string>& out) {
  while (i < word.size()) {
    const char c = word[i];
    const char next = i + 1 < word.size() ? word[i + 1] : '\0';
    const bool soft = next == 'e' || next == 'i' || next == 'y';
    if (c == 'e' && i + 2 == word.size() && !is_vowel(next) && out.size() <= 16) {
      spell(word, i + 1, skeleton, out);  // "token" is 토큰: an unstressed "-en" may lose its vowel
    }
    if (is_vowel(c) || (c == 'y' && i > 0)) {
      // A final silent "e" after a consonant is not written in Hangul.
      if (!(c == 'e' && i + 1 == word.size() && i > 0 && !is_vowel(word[i - 1]))) {
        append(skeleton, "V");
      }
      ++i;
      continue;
    }
    if (out.size() > 16) return;
    if (c == 'c' && next == 'h') {  // "chip" or "orchestra"
      spell(word, i + 2, skeleton + "K", out);
      append(skeleton, "J");
      i += 2;
      continue;
    }
    if (c == 't' && next == 'h') {  // "think" is written with ㅅ or ㄷ
      spell(word, i + 2, skeleton + "S", out);
      append(skeleton, "T");
      i += 2;
      continue;
    }
    if (c == 't' && word.substr(i + 1, 2) == "io") {  // "-tion" is 션: 할루시네이션
      append(skeleton, "S");
      ++i;
      continue;
    }
    if (c == 't' && word.substr(i + 1, 3) == "ure") {  // "-ture" is 처: 아키텍처
      append(skeleton, "J");
      append(skeleton, "V");
      i += 4;
      continue;
    }
    if (c == 'r' && !(is_vowel(next) || next == 'y')) {  // "-er", "-or": the r is not written
      if (i > 0 && is_vowel(word[i - 1])) {
        append(skeleton, "V");
        ++i;
        continue;
      }
    }
    if (c == 'n' && next == 'g') {  // "-ing": the final ㅇ
      append(skeleton, "N");
      i += 2;
      continue;
    }
    std::string_view sound;
    switch (c) {
      case 'b':
      case 'p':
      case 'f':
      case 'v':
        sound = "P";
        break;
      case 'd':
      case 't':
        sound = "T";
        break;
      case 'k':
      case 'q':
        sound = "K";
        break;
      case 'c':
        sound = soft ? "S" : "K";
        break;
      case 'g':
        sound = soft ? "J" : "K";
        break;
      case 'j':
      case 'z':
        sound = "J";
        break;
      case 's':
        sound = "S";
        break;
      case 'x':
        sound = "KS";
        break;
      case 'l':
      case 'r':
        sound = "R";
        break;
      case 'm':
        sound = "M";
        break;
      case 'n':
        sound = "N";
        break;
      case 'h':
        sound = i == 0 ? "H" : "";
        break;  // silent after a consonant: "ph", "gh", "sh"
      default:
        sound = "";
        break;  // w, y at the start: glides
    }
    if (c == 'p' && next == 'h') ++i;
    append(skeleton, sound);
    ++i;
  }
  out.push_back(std::move(skeleton));
}

}  // namespace

std::vector<std::string> latin_skeletons(std::string_view word) {
  std::string lower;
  for (const char c : word) {
    if (c >= 'A' && c <= 'Z')
      lower.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (c >= 'a' && c <= 'z')
      lower.push_back(c);
  }
  std::vector<std::string> out;
  if (lower.empty()) return out;
  spell(lower, 0, {}, out);
  // A plural is written in the singular: "programs" is 프로그램.
  if (lower.size() > 4 && lower.back() == 's' && lower[lower.size() - 2] != 's') {
    lower.pop_back();
    spell(lower, 0, {}, out);
  }
  return out;
}

std::string hangul_skeleton(std::string_view hangul) {
  std::string skeleton;
  for (std::size_t at = 0; at < hangul.size();) {
    const std::uint32_t code = next_code_point(hangul, at);
    if (is_syllable(code)) append_syllable(skeleton, code);
  }
  return skeleton;
}

HangulSounds::HangulSounds(std::string_view text) {
  // Written through a pointer into a buffer with room for four letters per syllable (three bytes):
  // each syllable's letters are copied four at a time and the pointer moved by their number.
  words_.resize(text.size() / 3 * 4 + 4);
  prefixes_.reserve(text.size() / 3);  // at most a prefix per syllable: no regrowth
  char* const begin = words_.data();
  char* end = begin;
  char* word = begin;  // where the current word's skeleton starts
  std::uint64_t hash = kHashBasis;
  int syllables = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::uint32_t code = next_code_point(text, at);
    if (!is_syllable(code)) {
      word = end;
      hash = kHashBasis;
      syllables = 0;
      continue;
    }
    const SyllableSounds& sounds = sounds_of(code);
    const bool repeats = repeats_last(sounds, {word, static_cast<std::size_t>(end - word)});
    std::memcpy(end, sounds.letters.data() + repeats, 4);
    const std::size_t added = sounds.size - repeats;
    end += added;
    hash = hash * kHashPowers[added] + sounds.hash[repeats];
    if (++syllables >= 2) {
      prefixes_.push_back(
          {hash, static_cast<std::size_t>(word - begin), static_cast<std::size_t>(end - word)});
    }
  }
  words_.resize(static_cast<std::size_t>(end - begin));
  index_prefixes();
}

void HangulSounds::index_prefixes() {
  std::size_t size = 16;
  while (size < prefixes_.size() * 2) size *= 2;  // at most half full: probe runs stay short
  const std::size_t mask = size - 1;
  slots_.assign(size, 0);
  for (std::size_t i = 0; i < prefixes_.size(); ++i) {
    // A word repeated throughout a text gives the same prefix many times: indexed once, or its
    // copies would lengthen one probe run with each copy (quadratic on a long summary).
    std::size_t slot = prefixes_[i].hash & mask;
    while (slots_[slot] != 0 && !same_letters(prefixes_[slots_[slot] - 1], prefixes_[i])) {
      slot = (slot + 1) & mask;
    }
    if (slots_[slot] == 0) slots_[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

bool HangulSounds::same_letters(const Prefix& a, const Prefix& b) const {
  return a.hash == b.hash && a.length == b.length &&
         words_.compare(a.offset, a.length, words_, b.offset, b.length) == 0;
}

namespace {

// English words' skeletons, spelled once per thread: a digest's title words are looked up in
// every summary they are compared with, the same words again and again. One table of words, one
// array of skeletons and one pool of letters: a vector of strings per word cost an allocation per
// word and a cache miss per skeleton, a twelfth of the summary analysis in a run over 200 days.
class Spellings {
 public:
  struct Skeleton {
    std::uint64_t hash;            // hash_more(kHashBasis, letters)
    std::uint32_t offset, length;  // letters in the pool
  };

  // The word's skeletons; valid until the next call.
  std::span<const Skeleton> of(std::string_view word) {
    if (words_.size() >= 65536) *this = {};  // a bound for a run over many digests
    if (const Range* known = words_.find(word)) return range(*known);
    const auto begin = static_cast<std::uint32_t>(skeletons_.size());
    for (const std::string& skeleton : latin_skeletons(word)) {
      skeletons_.push_back({hash_more(kHashBasis, skeleton),
                            static_cast<std::uint32_t>(pool_.size()),
                            static_cast<std::uint32_t>(skeleton.size())});
      pool_ += skeleton;
    }
    const Range spelled{begin, static_cast<std::uint32_t>(skeletons_.size())};
    words_[word] = spelled;
    return range(spelled);
  }

  std::string_view letters(const Skeleton& skeleton) const {
    return {pool_.data() + skeleton.offset, skeleton.length};
  }

 private:
  struct Range {
    std::uint32_t begin = 0, end = 0;  // in skeletons_
  };
  std::span<const Skeleton> range(Range r) const {
    return {skeletons_.data() + r.begin, r.end - r.begin};
  }
  WordTable<Range> words_;
  std::vector<Skeleton> skeletons_;
  std::string pool_;
};

Spellings& spellings() {
  thread_local Spellings spelled;
  return spelled;
}

}  // namespace

bool HangulSounds::contains(std::string_view latin_word, std::size_t min_length) const {
  Spellings& spelled = spellings();
  for (const Spellings::Skeleton& skeleton : spelled.of(latin_word)) {
    if (skeleton.length < min_length) continue;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = skeleton.hash & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
      const Prefix& prefix = prefixes_[slots_[slot] - 1];
      if (prefix.hash == skeleton.hash &&
          spelled.letters(skeleton) ==
              std::string_view(words_).substr(prefix.offset, prefix.length)) {
        return true;
      }
    }
  }
  return false;
}

namespace {

// Whether a Hangul word of `text`, or a prefix of it of at least two syllables, has one of the
// skeletons (at most 64). Each word's letters are compared with all of them at once as its
// syllables come: a skeleton still alive agrees with the word's letters so far, so all alive ones
// have matched as many letters, and one read of the text serves every spelling of the word. A word
// is passed over from the syllable where none agrees any more, without building its skeleton.
bool writes_skeleton(std::string_view text, std::span<const std::string_view> skeletons) {
  const std::uint64_t all =
      skeletons.size() >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << skeletons.size()) - 1;
  std::uint64_t alive = all;
  std::size_t matched = 0;  // letters of the current word, equal to each alive skeleton's so far
  int syllables = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::uint32_t code = next_code_point(text, at);
    if (!is_syllable(code)) {
      alive = all;
      matched = 0;
      syllables = 0;
      continue;
    }
    if (alive == 0) continue;
    const SyllableSounds& sounds = sounds_of(code);
    const std::string_view so_far = skeletons[std::countr_zero(alive)].substr(0, matched);
    const bool repeats = repeats_last(sounds, so_far);
    const std::size_t added = sounds.size - repeats;
    bool whole = false;  // an alive skeleton is matched in full
    for (std::uint64_t left = alive; left != 0; left &= left - 1) {
      const int k = std::countr_zero(left);
      const std::string_view skeleton = skeletons[k];
      if (matched + added > skeleton.size() ||
          std::memcmp(sounds.letters.data() + repeats, skeleton.data() + matched, added) != 0) {
        alive &= ~(std::uint64_t{1} << k);
      } else {
        whole = whole || matched + added == skeleton.size();
      }
    }
    matched += added;
    if (++syllables >= 2 && whole) return true;
  }
  return false;
}

}  // namespace

bool sounds_in(std::string_view text, std::string_view latin_word, std::size_t min_length) {
  Spellings& spelled = spellings();
  std::vector<std::string_view> skeletons;
  for (const Spellings::Skeleton& skeleton : spelled.of(latin_word)) {
    if (skeleton.length >= min_length) skeletons.push_back(spelled.letters(skeleton));
  }
  const std::span<const std::string_view> all(skeletons);
  for (std::size_t first = 0; first < all.size(); first += 64) {  // writes_skeleton's most
    if (writes_skeleton(text, all.subspan(first, std::min<std::size_t>(64, all.size() - first)))) {
      return true;
    }
  }
  return false;
}

}  // namespace digestlint::summary
