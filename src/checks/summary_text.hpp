#pragma once
// Text utilities for the summary-quality checks: summaries mix Korean prose with English names,
// acronyms and glosses, so everything here treats ASCII letters as the only "word" characters
// and leaves Korean to substring matching.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/word_table.hpp"
#include "model/source.hpp"
#include "model/text.hpp"

namespace digestlint::summary {

// A run of Latin letters and digits starting with a letter, with inner '-', '.' or '\'' joining
// further runs: "GPT-4-Turbo", "MM1.5", "Fill-in-the-Middle". Offsets are bytes into the text.
struct Token {
  std::string_view text;
  std::size_t offset = 0;
};

std::vector<Token> latin_tokens(std::string_view text);
// The same into `tokens`, whose room is reused (its tokens are replaced).
void latin_tokens_into(std::string_view text, std::vector<Token>& tokens);

std::string ascii_lower(std::string_view text);
// The same into `out`, whose room is reused (its text is replaced).
void ascii_lower_into(std::string_view text, std::string& out);

// Lowercases ASCII and drops whitespace, '-', '_', '^' and '\'', so "Tide-Net", "tide net" and
// "TideNet" compare equal, "Transformer^2" and "Transformer2", "Yo'Chameleon" and "YoChameleon".
// Non-ASCII bytes are kept.
std::string squash(std::string_view text);
// squash() into `out`, whose room is reused (its text is replaced).
void squash_into(std::string_view text, std::string& out);

// Removes Markdown emphasis and code markers and keeps the text of links: "**a** [b](c)" -> "a b".
std::string strip_markup(std::string_view text);
// strip_markup(text) appended to out.
void append_stripped(std::string_view text, std::string& out);

// A light English stemmer: strips a common suffix ("-ation", "-ing", "-ure", "-s", …) when at
// least four letters remain, twice, so "Erasing" and "Erasure" both become "eras" and
// "captioning" and "captions" both "capt". Lowercases.
std::string stem(std::string_view word);

// Whether two words are at most one letter inserted, dropped or replaced apart, ASCII case aside
// (edit_distance() <= 1 on their lowercased forms, in one pass instead of a table).
bool one_edit_apart(std::string_view a, std::string_view b);

// Whether a token looks like a name rather than an ordinary word: an acronym or CamelCase
// ("HPT", "NavStack"), letters with digits ("CSI300"), or, outside titles (which capitalize every
// word), a Capitalized-Hyphenated compound ("Cross-Gating"). `common` holds lowercased
// names every ML text uses (Transformer, BERT …), which never count.
bool is_name_like(std::string_view token, bool in_title, const WordTable<>& common);
// The same, given the token lowercased (a slice of a text lowercased once, as ascii_lower keeps
// every byte where it was).
bool is_name_like(std::string_view token, std::string_view lowered, bool in_title,
                  const WordTable<>& common);

// Splits a lexicon entry "key: a, b, c" into its key and values (trimmed, empty ones dropped).
// An entry without ':' is a key with no values. Views into `entry`: the lexicon's thousands of
// entries are read at every start.
std::pair<std::string_view, std::vector<std::string_view>> split_entry(std::string_view entry);

// Sorted, distinct hashes of the `width`-character shingles of `text` with whitespace and ASCII
// punctuation removed and ASCII lowercased: robust to re-wrapping, spacing and markup changes.
std::vector<std::uint64_t> shingles(std::string_view text, std::size_t width);
// The same hashes unsorted and possibly repeated, for consumers that don't need a set (MinHash).
// Shingles are at most kMaxShingleWidth characters wide (a wider width is taken as that).
constexpr std::size_t kMaxShingleWidth = 64;
std::vector<std::uint64_t> shingle_hashes(std::string_view text, std::size_t width);
// shingle_hashes(text, width), each handed to visit as it is made (MinHash keeps no list).
template <typename Visit>
void for_each_shingle_hash(std::string_view text, std::size_t width, Visit visit) {
  width = std::clamp<std::size_t>(width, 1, kMaxShingleWidth);
  // A polynomial rolling hash: each window costs O(1) instead of rehashing `width` characters.
  // The characters in the window are kept in a ring, so the text is read once, unbuffered.
  constexpr std::uint64_t kBase = 1000003;
  std::uint64_t drop = 1;  // kBase^(width-1), the weight of the character leaving the window
  for (std::size_t k = 1; k < width; ++k) drop *= kBase;
  std::array<std::uint32_t, kMaxShingleWidth> window{};
  std::size_t kept = 0;    // characters kept so far
  std::size_t oldest = 0;  // the window's slot of the character that leaves it next
  std::uint64_t hash = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    const char32_t cp = decode_utf8(text, i, length);
    i += length;
    // Keep letters, digits and non-ASCII characters, lowercased; drop spaces and ASCII
    // punctuation.
    if (cp < 0x80 && !is_ascii_alnum(static_cast<char>(cp))) continue;
    const std::uint32_t unit =
        cp < 0x80 ? static_cast<unsigned char>(ascii_lowered(static_cast<char>(cp))) : cp;
    // A wrapping index rather than kept % width: a division per character was a third of it.
    std::uint32_t& slot = window[oldest];
    if (++oldest == width) oldest = 0;
    if (kept >= width) hash -= slot * drop;
    slot = unit;
    hash = hash * kBase + unit;
    if (++kept >= width) visit(hash);
  }
  // Shorter than a shingle: one hash for the whole text.
  if (kept > 0 && kept < width) visit(hash);
}
// Jaccard similarity of two sorted, distinct hash sets.
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// Whether `text` holds `needle`, looked for by its byte at `probe` with memchr and compared only
// where that byte is: best the needle's rarest byte in such texts (Glossary::Rendering::probe).
// memmem costs about two instructions a byte of text for a short needle; a rare byte of a Korean
// rendering is in a summary a few times.
bool holds(std::string_view text, std::string_view needle, std::size_t probe);

// Many fixed strings counted in one pass over a text. A pattern is filed under its key, its first
// bytes (up to kKeyBytes: two Hangul syllables). The scan first marks, without a branch, the
// positions whose first two bytes start a pattern and whose second and third are a pattern's
// too; at those it looks up the keys of the lengths such patterns have, behind a bit filter that
// rejects most in the first cache line it touches, and compares the rest of the candidates' bytes.
// Korean phrases share their first UTF-8 bytes, which makes one find() per phrase slow, and an
// Aho–Corasick automaton over thousands of Korean phrases spends its scan in cache misses.
class PhraseMatcher {
 public:
  // Adds a pattern and returns its id; `word_start` patterns only count where the byte before
  // is not an ASCII letter or digit. Adding the same pattern twice returns the same id.
  std::size_t add(std::string_view pattern, bool word_start = false);
  // Room for this many more patterns without growing.
  void reserve(std::size_t more) {
    patterns_.reserve(patterns_.size() + more);
    ids_.reserve(patterns_.size() + more);
  }
  // Files the patterns under their keys; call once after the last add().
  void build();
  std::size_t size() const { return patterns_.size(); }
  const std::string& pattern(std::size_t id) const { return patterns_[id].first; }
  // Occurrences of each pattern id in text (overlapping ones included).
  std::vector<int> count(std::string_view text) const;
  // count(ascii_lower(text)).
  std::vector<int> count_in_lowercase(std::string_view text) const;

 private:
  static constexpr std::size_t kKeyBytes = 6;
  // A key is the first min(size, kKeyBytes) bytes of a pattern, or of the text from a position,
  // with their number in the top byte (so never 0), packed little-endian.
  static std::uint64_t key_of(std::uint64_t first_bytes, std::size_t length);
  // Hashes are multiplicative; the filter and the slots take their top bits.
  static std::uint64_t hash(std::uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }
  bool maybe_filed(std::uint64_t hash) const {
    return (filter_[hash >> filter_shift_ >> 6] >> (hash >> filter_shift_ & 63) & 1) != 0;
  }
  struct Slot {
    std::uint64_t key = 0;             // 0: empty
    std::uint32_t begin = 0, end = 0;  // the key's patterns in filed_
  };
  // A pattern as the scan reads it: the bytes after its key, in one pool, beside its id.
  struct Filed {
    std::uint32_t id = 0;
    std::uint32_t rest_begin = 0, rest_size = 0;  // in rest_bytes_
    bool word_start = false;
  };
  const Slot* find(std::uint64_t key, std::uint64_t hash) const;

  std::vector<std::pair<std::string, bool>> patterns_;
  // patterns_ inverted: one plus a pattern's id without and with word_start (0: not added).
  WordTable<std::array<std::uint32_t, 2>> ids_;
  // By a position's first two bytes (the second 0 at the end of the text): bit k-1 set when a
  // pattern that is not word_start starts so and has a key of k bytes, bit k+7 when a word_start
  // one does. A row of 256 per first byte that starts some pattern (row 0, all zeros, for the
  // others): a full table of 65,536 was 128 KiB to fault in at every start, twice.
  std::array<std::uint16_t, 256> row_of_first_{};
  std::vector<std::array<std::uint16_t, 256>> key_lengths_;
  std::uint16_t& key_lengths_at(unsigned char first, unsigned char second);
  std::uint16_t key_lengths_of(unsigned char first, unsigned char second) const;
  // Bit k of the result: whether a pattern may start at position block + k of the text, for the
  // positions in [block, end).
  std::uint64_t candidates(std::string_view text, std::size_t block, std::size_t end) const;
  // Counts the patterns that start at position i of the text.
  void count_at(std::string_view text, std::size_t i, std::vector<int>& counts) const;
  // One bit per hashed key: most text positions are rejected here, without a probe of slots_.
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(1, 0);
  // Bit b1 + 256 * b2 set when a pattern of three bytes or more has b1 and b2 as its second and
  // third: most positions whose first two bytes start a Korean pattern (a syllable's lead and
  // second byte) are another syllable, whose second and third bytes tell it apart.
  std::vector<std::uint64_t> middle_pairs_;  // 1,024 words once built
  int filter_shift_ = 58;                    // 64 - log2 of the filter's bits
  // Whether a pattern starts with a UTF-8 continuation byte: then a match may start at any
  // byte, else only where a character starts.
  bool starts_inside_characters_ = false;
  std::vector<Slot> slots_;   // open addressing, a power of two in size
  int slot_shift_ = 64;       // 64 - log2 of slots_.size()
  std::vector<Filed> filed_;  // by key
  std::string rest_bytes_;
};

}  // namespace digestlint::summary
