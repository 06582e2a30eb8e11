#include "checks/summary_names.hpp"

#include <algorithm>
#include <cstdint>

#include "model/byte_words.hpp"
#include "model/text.hpp"

namespace digestlint::summary {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

bool is_acronym(std::string_view token) {
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool distinctive(std::string_view word, const Vocabulary& vocabulary) {
  return word.size() >= 3 && vocabulary.distinctive(word);
}

// "Qwen2.5" -> "Qwen", "GPT4o" -> "GPT": the letters before the first digit.
std::string_view without_version(std::string_view part) {
  std::size_t end = 0;
  while (end < part.size() && is_ascii_letter(part[end])) ++end;
  return part.substr(0, end);
}

void add_words(std::string_view text, std::vector<std::string>& stems) {
  for (const Token& token : latin_tokens(text)) stems.push_back(stem(token.text));
}

// Words too small to count in a title: each has at most four letters.
const WordTable<>& small_words() {
  static const WordTable<> kSmall = {"of",  "the",  "a",  "an", "for",
                                     "and", "with", "in", "on", "to"};
  return kSmall;
}

}  // namespace

namespace {

// Where a title's name ends: at its first ": ", " -- " or " — ". One read of the title, where a
// search for each separator stopped at every space twice.
std::size_t name_end(std::string_view title) {
  using Starts = byte_words::AnyOf<':', ' '>;
  for (std::size_t at = Starts::find(title, 0); at < title.size();
       at = Starts::find(title, at + 1)) {
    const std::string_view rest = title.substr(at);
    if (rest.starts_with(": ") || rest.starts_with(" -- ") || rest.starts_with(" — ")) return at;
  }
  return std::string_view::npos;
}

}  // namespace

std::string title_name(std::string_view title, int max_words) {
  const std::size_t cut = name_end(title);
  if (cut == std::string_view::npos) return {};
  const std::string_view name = trim(title.substr(0, cut));
  const auto words = std::count(name.begin(), name.end(), ' ') + 1;
  if (name.size() < 2 || name.size() > 40 || words > max_words) return {};
  return std::string(name);
}

bool looks_like_name(std::string_view name, const Vocabulary& vocabulary) {
  if (name.find(' ') == std::string_view::npos) return true;
  const std::vector<Token> tokens = latin_tokens(name);
  return std::any_of(tokens.begin(), tokens.end(), [&](const Token& token) {
    return is_name_like(token.text, true, vocabulary.common) || is_acronym(token.text);
  });
}

std::vector<std::string_view> title_words(std::string_view title, bool keep_small_words) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  const auto is_separator = [](char c) {
    return c == ' ' || c == '-' || c == ':' || c == ',' || c == '\t';
  };
  for (std::size_t i = 0; i <= title.size(); ++i) {
    if (i == title.size() || is_separator(title[i])) {
      if (i > start) {
        const std::string_view word = title.substr(start, i - start);
        // Every small word has at most four letters: longer words need no lowered copy.
        if (keep_small_words || word.size() > 4 || !small_words().contains(ascii_lower(word))) {
          words.push_back(word);
        }
      }
      start = i + 1;
    }
  }
  return words;
}

bool name_variant_in(std::string_view name, std::string_view squashed_summary,
                     const Vocabulary& vocabulary) {
  if (contains(squashed_summary, squash(name))) return true;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i < name.size() && name[i] != '-' && name[i] != ' ' && name[i] != '_') continue;
    const std::string_view part = name.substr(start, i - start);
    start = i + 1;
    for (const std::string_view form : {part, without_version(part)}) {
      if (distinctive(form, vocabulary) && contains(squashed_summary, squash(form))) return true;
    }
  }
  return false;
}

std::vector<std::string_view> name_parts(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  for (std::size_t i = 0; i <= name.size(); ++i) {
    const bool separator = i < name.size() && (name[i] == '-' || name[i] == ' ' || name[i] == '_');
    const bool camel_break = i < name.size() && i > start && upper(name[i]) && lower(name[i - 1]);
    if (i == name.size() || separator || camel_break) {
      if (i > start) parts.push_back(name.substr(start, i - start));
      start = separator ? i + 1 : i;
    }
  }
  return parts;
}

bool initials_match(std::string_view acronym, const std::vector<std::string_view>& words) {
  std::string letters;
  for (const char c : acronym) {
    if (is_ascii_letter(c)) letters.push_back(static_cast<char>(c & ~0x20));
  }
  if (letters.size() < 3) return false;  // two letters match consecutive initials by chance
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::size_t k = 0;
    for (std::size_t j = i; j < words.size() && k < letters.size(); ++j, ++k) {
      if ((words[j][0] & ~0x20) != letters[k]) break;
    }
    if (k == letters.size()) return true;
  }
  return false;
}

std::vector<std::string> expansions(std::string_view summary, std::string_view name) {
  std::vector<std::string> stems;
  for (std::size_t at = summary.find(name); at != std::string_view::npos;
       at = summary.find(name, at + name.size())) {
    // Before: "Long Name (" or "(Long Name, " directly in front of the name.
    std::size_t open = at;
    while (open > 0 && summary[open - 1] == ' ') --open;
    if (open > 0 && (summary[open - 1] == '(' || summary[open - 1] == ',')) {
      const bool inside = summary[open - 1] == ',';
      std::size_t begin = open - 1;
      while (begin > 0 && open - begin < 80) {
        const char c = summary[begin - 1];
        if (!(is_ascii_letter(c) || c == '-' || c == ' ')) break;
        --begin;
      }
      if (!inside || (begin > 0 && summary[begin - 1] == '(')) {
        add_words(summary.substr(begin, open - 1 - begin), stems);
      }
    }
    // After: "name (Long Name)".
    std::size_t after = at + name.size();
    while (after < summary.size() && summary[after] == ' ') ++after;
    if (after < summary.size() && summary[after] == '(') {
      const std::size_t close = summary.find(')', after);
      if (close != std::string_view::npos && close - after < 80) {
        add_words(summary.substr(after + 1, close - after - 1), stems);
      }
    }
  }
  return stems;
}

namespace {

// The pieces a short name can be (SquashedTitle::short_pieces) of one title token: its segments
// (split at punctuation, at a lower-to-upper change and between letters and digits: "Human4DiT"
// is human|4|di|t, "SD-XL" sd|xl), lowercased, and each run of consecutive segments up to
// kShortName characters. A segment has a character at least, so a run spans at most kShortName
// segments: linear in the token whatever its shape. `letters` and `segment_ends` are buffers
// that the tokens of a title share.
void add_short_pieces(std::string_view token, std::string& pieces, std::string& letters,
                      std::vector<std::size_t>& segment_ends) {
  letters.clear();
  segment_ends.clear();
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    if (!is_ascii_alnum(c)) {
      if (segment_ends.empty() || segment_ends.back() != letters.size()) {
        segment_ends.push_back(letters.size());  // an empty segment ends nothing new
      }
      continue;
    }
    const char before = i > 0 ? token[i - 1] : ' ';
    const bool camel = before >= 'a' && before <= 'z' && c >= 'A' && c <= 'Z';
    const bool kind_change = is_ascii_alnum(before) && is_ascii_digit(before) != is_ascii_digit(c);
    if ((camel || kind_change) && !letters.empty() &&
        (segment_ends.empty() || segment_ends.back() != letters.size())) {
      segment_ends.push_back(letters.size());
    }
    letters.push_back(ascii_lowered(c));
  }
  if (segment_ends.empty() || segment_ends.back() != letters.size()) {
    segment_ends.push_back(letters.size());
  }
  if (!segment_ends.empty() && segment_ends.front() == 0) {
    segment_ends.erase(segment_ends.begin());  // punctuation before the first letter
  }
  std::size_t start = 0;
  for (std::size_t first = 0; first < segment_ends.size(); ++first) {
    for (std::size_t last = first; last < segment_ends.size(); ++last) {
      const std::size_t size = segment_ends[last] - start;
      if (size > kShortName) break;
      pieces.append(letters, start, size);
      pieces.push_back('\n');
    }
    start = segment_ends[first];
  }
}

// A name's letters and digits, lowercased: what a short piece is made of.
std::string letters_and_digits(std::string_view name) {
  std::string letters;
  for (const char c : name) {
    if (is_ascii_alnum(c)) letters.push_back(ascii_lowered(c));
  }
  return letters;
}

}  // namespace

SquashedTitle squash_title(std::string_view title) {
  SquashedTitle squashed{squash(title), "\n", {}};
  std::string letters;
  std::vector<std::size_t> segment_ends;
  // Tokens end at a space, a colon, a comma or a tab. A loop: find_first_of() searches its set
  // once per byte of the title, a sixth of squashing it.
  const auto ends_token = [](char c) { return c == ' ' || c == ':' || c == ',' || c == '\t'; };
  for (std::size_t at = 0; at < title.size();) {
    std::size_t end = at;
    while (end < title.size() && !ends_token(title[end])) ++end;
    add_short_pieces(title.substr(at, end - at), squashed.short_pieces, letters, segment_ends);
    at = end + 1;
  }
  const std::vector<std::string_view> words = title_words(title);
  squashed.words.reserve(words.size());  // grown word by word, it moved them again and again
  for (const std::string_view word : words) {
    std::string squashed_word = squash(word);
    // A word of bytes squash() drops alone (apostrophes, underscores, carets) squashes to
    // nothing: no part of any name.
    if (word.size() >= 3 && !squashed_word.empty()) {
      squashed.words.push_back({std::move(squashed_word), std::string(word)});
    }
  }
  return squashed;
}

TitleText title_text(std::string_view title) {
  TitleText text{squash(title), {}};
  text.letters.reserve(text.squashed.size());
  for (const char c : text.squashed) {
    if (is_ascii_alnum(c)) text.letters.push_back(c);  // squash() lowered them already
  }
  return text;
}

SquashedName::SquashedName(std::string_view name) : whole(squash(name)) {
  if (whole.size() < kShortName) {
    const std::string letters = letters_and_digits(name);
    if (!letters.empty()) {
      piece = "\n" + letters + "\n";
      plural_piece = "\n" + letters + "s\n";  // "LLMs"
    }
  }
  const std::vector<std::string_view> parts = name_parts(name);
  std::vector<std::string> squashed_parts;
  for (const std::string_view part : parts) {
    squashed_parts.push_back(squash(part));
    part_ends.push_back((part_ends.empty() ? 0 : part_ends.back()) + squashed_parts.back().size());
  }
  if (name.find('-') != std::string_view::npos &&
      std::all_of(parts.begin(), parts.end(),
                  [](std::string_view part) { return part.size() >= 2; })) {
    compound_parts = std::move(squashed_parts);
  }
}

namespace {

// A compound name whose parts are all in the squashed title: "GPT-BERT" for "GPT or BERT: why
// not both?".
bool compound_in(const SquashedName& name, std::string_view squashed_title) {
  return name.compound_parts &&
         std::all_of(name.compound_parts->begin(), name.compound_parts->end(),
                     [&](const std::string& part) { return contains(squashed_title, part); });
}

// Whether a title word that starts at a part of the name may end at `at` of its squashed form:
// where a part ends, or a number starts.
bool ends_a_part(const SquashedName& name, std::size_t at) {
  return at == name.whole.size() || is_ascii_digit(name.whole[at]) ||
         std::binary_search(name.part_ends.begin(), name.part_ends.end(), at);
}

}  // namespace

// may_be_written_in() must answer true wherever this does: a test added here needs its
// necessary condition there.
bool written_in_title(const SquashedName& name, const SquashedTitle& title,
                      const Vocabulary& vocabulary) {
  if (name.whole.size() >= kShortName) {
    if (contains(title.whole, name.whole)) return true;
  } else if (!name.piece.empty() && (contains(title.short_pieces, name.piece) ||
                                     contains(title.short_pieces, name.plural_piece))) {
    return true;
  }
  if (compound_in(name, title.whole)) return true;
  // A distinctive title word that is a part of the name, or runs over whole parts, or is
  // followed by a number: "Gaussian" in "PhysGaussian2", "See" in "See3D", not "pose" in
  // "XComposer" nor "open" in "OPENSCHOLAR".
  std::size_t part_start = 0;
  for (const std::size_t part_end : name.part_ends) {
    const std::string_view rest = std::string_view(name.whole).substr(part_start);
    if (std::any_of(title.words.begin(), title.words.end(), [&](const SquashedTitle::Word& word) {
          return rest.starts_with(word.squashed) &&
                 ends_a_part(name, part_start + word.squashed.size()) &&
                 distinctive(word.written, vocabulary);
        })) {
      return true;
    }
    part_start = part_end;  // squash drops the separators name_parts splits at
  }
  return false;
}

bool may_be_written_in(const SquashedName& name, const TitleText& title) {
  if (name.whole.size() >= kShortName) {
    if (contains(title.squashed, name.whole)) return true;
  } else if (!name.piece.empty()) {
    // A short piece is a run of a title token's letters and digits; its plural holds it too.
    const std::string_view letters = std::string_view(name.piece).substr(1, name.piece.size() - 2);
    if (contains(title.letters, letters)) return true;
  }
  if (compound_in(name, title.squashed)) return true;
  // A title word (squashed, a run of the squashed title) that starts at a part of the name
  // holds the shortest run from there to an end: that run is in the squashed title.
  std::size_t part_start = 0;
  for (const std::size_t part_end : name.part_ends) {
    if (part_start < name.whole.size()) {
      std::size_t end = part_start + 1;
      while (!ends_a_part(name, end)) ++end;
      if (contains(title.squashed,
                   std::string_view(name.whole).substr(part_start, end - part_start))) {
        return true;
      }
    }
    part_start = part_end;
  }
  return false;
}

bool written_in_title(std::string_view name, const SquashedTitle& title,
                      const Vocabulary& vocabulary) {
  return written_in_title(SquashedName(name), title, vocabulary);
}

bool abbreviates(std::string_view name, std::string_view title) {
  std::string letters;
  for (const char c : name) {
    if (is_ascii_letter(c)) letters.push_back(ascii_lowered(c));
  }
  // Work limits far above real names and titles, so a hostile one costs little.
  constexpr std::size_t kMaxLetters = 32, kMaxWords = 64;
  if (letters.size() < 4 || letters.size() > kMaxLetters) return false;
  std::vector<std::string_view> words = title_words(title, true);
  if (words.size() > kMaxWords) words.resize(kMaxWords);
  std::vector<bool> optional;  // a small word may give no letter ("of" gives the o of MoS)
  for (const std::string_view word : words) {
    optional.push_back(word.size() <= 4 && small_words().contains(ascii_lower(word)));
  }
  // Whether letters[at..] are opening letters of words[word..]. Memoized by (at, word): each
  // state is worked out once, so a long name costs letters × words × the longest word at worst.
  std::vector<std::int8_t> known(letters.size() * (words.size() + 1), -1);
  const auto rest_from = [&](auto& self, std::size_t at, std::size_t word) -> bool {
    if (at == letters.size()) return true;
    if (word == words.size()) return false;
    std::int8_t& memo = known[at * (words.size() + 1) + word];
    if (memo >= 0) return memo != 0;
    bool found = optional[word] && self(self, at, word + 1);
    const std::string_view next = words[word];
    for (std::size_t k = 0; !found && k < next.size() && at + k < letters.size(); ++k) {
      if (!is_ascii_letter(next[k]) || ascii_lowered(next[k]) != letters[at + k]) break;
      found = self(self, at + k + 1, word + 1);
    }
    memo = found;
    return found;
  };
  for (std::size_t first = 0; first + 1 < words.size(); ++first) {
    // The first word may not give every letter: an abbreviation spans two words at least.
    const std::string_view opening = words[first];
    for (std::size_t k = 0; k < opening.size() && k + 1 < letters.size(); ++k) {
      if (!is_ascii_letter(opening[k]) || ascii_lowered(opening[k]) != letters[k]) break;
      if (rest_from(rest_from, k + 1, first + 1)) return true;
    }
  }
  return false;
}

bool connected(std::string_view name, std::string_view title, const SquashedTitle& squashed_title,
               std::string_view summary, const Vocabulary& vocabulary) {
  if (written_in_title(name, squashed_title, vocabulary)) return true;
  const std::vector<std::string_view> words = title_words(title);
  // "SGP-Bench" or "SGP" for "Symbolic Graphics Programs".
  for (const std::string_view part : name_parts(name)) {
    if (is_acronym(part) && initials_match(part, words)) return true;
  }
  if (abbreviates(name, title)) return true;
  const std::vector<std::string> expansion = expansions(summary, name);
  for (const Token& token : latin_tokens(title)) {
    const std::string lower = ascii_lower(token.text);
    if (vocabulary.stopwords.contains(lower) || vocabulary.generic_stems.contains(stem(lower))) {
      continue;
    }
    if (std::find(expansion.begin(), expansion.end(), stem(lower)) != expansion.end()) return true;
  }
  return false;
}

}  // namespace digestlint::summary
