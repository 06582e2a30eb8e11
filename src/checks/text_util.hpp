#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/digest.hpp"

// Small text helpers shared by the built-in analyzers.
namespace digestlint::checks {

// Unicode whitespace that matters in digests: ASCII, NBSP, ideographic space, zero-width space.
bool is_space(char32_t cp);
// Letters and digits of the scripts digests use (Latin, Greek, Cyrillic, CJK, Hangul, …).
bool is_word(char32_t cp);
// Simple lower-casing: ASCII, Latin-1, Greek, Cyrillic and fullwidth Latin capitals.
char32_t fold_case(char32_t cp);
void append_utf8(std::string& out, char32_t cp);
// The characters fold_case() maps to `folded` (`folded` itself when it folds to itself): what a
// search for a folded character must look for in the text as written.
struct CaseVariants {
  std::array<char32_t, 4> characters{};
  std::size_t size = 0;
};
CaseVariants case_variants(char32_t folded);

// Case-folded, trimmed, with each whitespace run collapsed to one ' '. Typographic apostrophes
// become '\''. "  What’s   NEW " -> "what's new".
std::string normalize(std::string_view text);
// Like normalize() but drops whitespace entirely: "Mei  Ling Park" == "meilingpark".
std::string normalize_without_spaces(std::string_view text);
// Appends normalize(text), or normalize_without_spaces(text), to out: many keys in one string.
void append_normalized(std::string& out, std::string_view text, bool keep_spaces);

// The candidate closest to name over normalize()d text: one containing name (or contained in it)
// first, then the smallest edit distance; ties keep the first. distance gets the edit distance.
// Returns candidates.size() when candidates is empty.
std::size_t closest(std::string_view name, const std::vector<std::string>& candidates,
                    std::size_t* distance = nullptr);

// Largest edit distance at which name still counts as a misspelling of candidate: 2, or a quarter
// of the candidate's length for long names ("Performance Higlights" -> "Performance Highlights").
std::size_t typo_limit(std::string_view candidate);

// The source span of text.substr(pos, len) for a field whose text is its span's source text.
Span sub_span(const Field& field, std::size_t pos, std::size_t len);

// The brackets digests pair. ASCII and fullwidth parentheses are one family and may close each
// other (mixing widths is a style question, not a balance one); partner is the same-width pair.
enum class BracketFamily { none, paren, square, curly, corner };
struct Bracket {
  BracketFamily family = BracketFamily::none;
  bool open = false;
  char32_t partner = 0;
};
// family none for anything that is not a bracket. Inline: analyzers ask for every code point of a
// text, and most are no bracket.
inline Bracket bracket_of(char32_t cp) {
  switch (cp) {
    case U'(':
      return {BracketFamily::paren, true, U')'};
    case U')':
      return {BracketFamily::paren, false, U'('};
    case U'（':
      return {BracketFamily::paren, true, U'）'};
    case U'）':
      return {BracketFamily::paren, false, U'（'};
    case U'[':
      return {BracketFamily::square, true, U']'};
    case U']':
      return {BracketFamily::square, false, U'['};
    case U'{':
      return {BracketFamily::curly, true, U'}'};
    case U'}':
      return {BracketFamily::curly, false, U'{'};
    case U'「':
      return {BracketFamily::corner, true, U'」'};
    case U'」':
      return {BracketFamily::corner, false, U'「'};
    default:
      return {};
  }
}

// Whether a byte may start a bracket that bracket_of knows: an ASCII one, or the first byte of
// （ ） (EF) or 「 」 (E3). Byte scanners decode only there; Hangul starts with EA-ED.
constexpr bool may_start_bracket(char byte) {
  switch (byte) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '\xE3':
    case '\xEF':
      return true;
    default:
      return false;
  }
}

// Code points with their byte offsets, for scanning text that mixes scripts.
struct CodePoint {
  char32_t cp;
  std::size_t offset;
  std::size_t length;
};
std::vector<CodePoint> code_points(std::string_view text);

}  // namespace digestlint::checks
