#pragma once
// Text utilities for the summary-quality checks: summaries mix Korean prose with English names,
// acronyms and glosses, so everything here treats ASCII letters as the only "word" characters
// and leaves Korean to substring matching.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace digestlint::summary {

// A run of Latin letters and digits starting with a letter, with inner '-', '.' or '\'' joining
// further runs: "GPT-4-Turbo", "MM1.5", "Fill-in-the-Middle". Offsets are bytes into the text.
struct Token {
  std::string_view text;
  std::size_t offset = 0;
};

std::vector<Token> latin_tokens(std::string_view text);

std::string ascii_lower(std::string_view text);

// Lowercases ASCII and drops whitespace, '-' and '_', so "NL-Eye", "nl eye" and "NLEye" compare
// equal. Non-ASCII bytes are kept.
std::string squash(std::string_view text);

// Removes Markdown emphasis and code markers and keeps the text of links: "**a** [b](c)" -> "a b".
std::string strip_markup(std::string_view text);

// A light English stemmer: strips a common suffix ("-ation", "-ing", "-ure", "-s", …) when at
// least four letters remain, twice, so "Erasing" and "Erasure" both become "eras" and
// "captioning" and "captions" both "capt". Lowercases.
std::string stem(std::string_view word);

// Whether a token looks like a name rather than an ordinary word: an acronym or CamelCase
// ("HPT", "NavStack"), letters with digits ("CSI300"), or, outside titles (which capitalize every
// word), a Capitalized-Hyphenated compound ("Hyper-Connections"). `common` holds lowercased
// names every ML text uses (Transformer, BERT …), which never count.
bool is_name_like(std::string_view token, bool in_title,
                  const std::unordered_set<std::string>& common);

// Splits a lexicon entry "key: a, b, c" into its key and values (trimmed, empty ones dropped).
// An entry without ':' is a key with no values.
std::pair<std::string, std::vector<std::string>> split_entry(std::string_view entry);

std::string_view trim(std::string_view text);

// Sorted, distinct hashes of the `width`-character shingles of `text` with whitespace and ASCII
// punctuation removed and ASCII lowercased: robust to re-wrapping, spacing and markup changes.
std::vector<std::uint64_t> shingles(std::string_view text, std::size_t width);
// Jaccard similarity of two sorted, distinct hash sets.
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);
// UTF-8 characters in text.
std::size_t char_count(std::string_view text);

}  // namespace digestlint::summary
