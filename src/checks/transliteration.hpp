#pragma once
// Loanwords and names written in Hangul: "Router" is 라우터 in a Korean summary, "Orchestra"
// 오케스트라. Both sides are reduced to a sound skeleton — consonant classes plus one `V` per
// vowel group, Korean's epenthetic ㅡ dropped — and compared. English spelling is ambiguous
// ("ch" in "chip" and "orchestra"), so a word yields a few skeletons.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace digestlint::summary {

// The skeletons an English word may be written as in Hangul: "router" -> {"RVTV"}.
std::vector<std::string> latin_skeletons(std::string_view word);

// The skeleton of Hangul syllables (other characters are ignored): 라우터 -> "RVTV".
std::string hangul_skeleton(std::string_view hangul);

// Skeletons of every Hangul word of a text and of its prefixes of at least two syllables, so a
// word followed by a particle (라우터를) still offers 라우터. Built once per summary.
// A word's skeleton only grows syllable by syllable, so its prefixes' skeletons are prefixes of
// its own: they are kept as hashed spans of one buffer rather than a string each in a set.
class HangulSounds {
 public:
  explicit HangulSounds(std::string_view text);
  // Whether the word is written in Hangul somewhere in the text. Skeletons shorter than
  // `min_length` are too common among native words to count.
  bool contains(std::string_view latin_word, std::size_t min_length) const;

 private:
  struct Prefix {
    std::uint64_t hash;
    std::size_t offset;  // in words_
    std::size_t length;
  };
  void index_prefixes();
  bool same_letters(const Prefix& a, const Prefix& b) const;
  std::string words_;  // each Hangul word's skeleton, one after another
  std::vector<Prefix> prefixes_;
  // prefixes_ by hash, open addressing: each slot holds an index into prefixes_ plus one, or 0
  // when empty. A summary's title words are each looked up, and scanning every prefix for each
  // was most of the cost of a lookup.
  std::vector<std::uint32_t> slots_;
};

// Whether `text` writes the word in Hangul, as HangulSounds(text).contains(latin_word,
// min_length) answers, without indexing the text: for a text asked about once or twice (another
// summary of the digest), indexing every prefix costs more than reading the text once.
bool sounds_in(std::string_view text, std::string_view latin_word, std::size_t min_length);

}  // namespace digestlint::summary
