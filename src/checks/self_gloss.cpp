// text/self-gloss: a term "explained" by itself in parentheses, `저정밀도(저정밀도)`.
#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "checks/text_util.hpp"
#include "model/byte_words.hpp"
#include "model/text.hpp"
#include "rules/analyzer.hpp"
#include "rules/kinds/scoped.hpp"

namespace digestlint {
namespace {

// A parenthesis at text[at] (ASCII or fullwidth): its byte length and whether it opens, or
// length 0 when there is none.
struct Paren {
  std::size_t length = 0;
  bool open = false;
};
Paren paren_at(std::string_view text, std::size_t at) {
  std::size_t length = 0;
  const checks::Bracket bracket = checks::bracket_of(decode_utf8(text, at, length));
  if (bracket.family != checks::BracketFamily::paren) return {};
  return {length, bracket.open};
}

// The next parenthesis at or after `from`, or the text's size. Only '(' and ')' (0x28, 0x29)
// and the lead byte of fullwidth ones (EF) can start one: the bytes between are passed over
// sixteen at a time, and only those bytes are decoded. A byte at a time, through a table, was a
// fortieth of a run.
std::size_t next_paren(std::string_view text, std::size_t from, Paren& paren) {
  for (; (from = byte_words::AnyOf<'(', ')', 0xEF>::find(text, from)) < text.size(); ++from) {
    if ((paren = paren_at(text, from)).length != 0) return from;
  }
  return text.size();
}

bool is_latin_letter(char32_t cp) {
  return (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z');
}

// The code point ending at byte `end` (> 0); `begin` is set to its first byte. A byte that ends
// no whole sequence reads as U+FFFD on its own, as decode_utf8 reads it going forward.
char32_t code_point_before(std::string_view text, std::size_t end, std::size_t& begin) {
  begin = end - 1;
  while (begin > 0 && end - begin < 4 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) {
    --begin;
  }
  std::size_t length = 0;
  const char32_t cp = decode_utf8(text, begin, length);
  if (begin + length == end) return cp;
  begin = end - 1;  // not a whole sequence: the byte stands alone, as decode_utf8 reads it
  return 0xFFFD;
}

// The first character of the gloss as normalize() writes it (spaces skipped, case folded), or 0
// when there is none: the character a term that reads the same starts with.
char32_t first_folded(std::string_view raw_gloss) {
  for (std::size_t at = 0; at < raw_gloss.size();) {
    if (is_ascii_space(raw_gloss[at])) {
      ++at;
      continue;
    }
    std::size_t length = 0;
    const char32_t cp = decode_utf8(raw_gloss, at, length);
    if (!checks::is_space(cp)) return checks::fold_case(cp);
    at += length;
  }
  return 0;
}

// Whether a term ending the text `before` may read the same as a parenthesized gloss, as far as a
// search of the bytes tells: the term opens with a character that folds to the gloss's first
// (checks::case_variants), so where none is written in the bytes it may start at, check_gloss
// neither looks for it nor normalizes the gloss. Most glosses are English words after a Korean
// term. Those bytes: a term is tried up to twice the gloss's characters and two back, four bytes
// at most each, and a normalized gloss has no more characters than bytes.
bool may_repeat_a_term(std::string_view raw_gloss, std::string_view before) {
  const char32_t first = first_folded(raw_gloss);
  // U+FFFD also stands for a byte that is no character, which has no bytes of its own to find.
  if (first == 0 || first == 0xFFFD) return true;
  const std::size_t reach = std::min(before.size(), 4 * (2 * raw_gloss.size() + 2));
  const std::string_view starts = before.substr(before.size() - reach);
  const checks::CaseVariants variants = checks::case_variants(first);
  for (std::size_t k = 0; k < variants.size; ++k) {
    std::string written;
    checks::append_utf8(written, variants.characters[k]);
    if (starts.find(written) != std::string_view::npos) return true;
  }
  return false;
}

// Runs on the rule's scopes (title and section in the default pack). Works on bytes, decoding
// only around parentheses: most sections have a few, and decoding whole texts to code points was
// nearly all of this rule's time.
class SelfGloss final : public ScopedAnalyzer {
 public:
  using ScopedAnalyzer::ScopedAnalyzer;

 protected:
  void check_target(const CheckContext& ctx, const Target& target) const override {
    const std::string_view text = target.text;
    Paren opening;
    for (std::size_t open = next_paren(text, 0, opening); open < text.size();) {
      // The gloss runs to the next parenthesis, which must close it; an opening one is tried next.
      const std::size_t inner_begin = open + opening.length;
      Paren closing;
      const std::size_t close = next_paren(text, inner_begin, closing);
      if (close == text.size()) return;
      if (opening.open && !closing.open) {
        check_gloss(ctx, target, open, inner_begin, close, close + closing.length);
      }
      open = close;
      opening = closing;
    }
  }

 private:
  // The term before text[open] glossed by text[inner_begin, close): reported when a term made of
  // whole words just before the parenthesis reads the same as the gloss.
  static void check_gloss(const CheckContext& ctx, const Target& target, std::size_t open,
                          std::size_t inner_begin, std::size_t close, std::size_t span_end) {
    const std::string_view text = target.text;
    // The term ends where the parenthesis starts, spaces aside.
    std::size_t end_byte = open;
    std::size_t begin = 0;
    while (end_byte > 0 && checks::is_space(code_point_before(text, end_byte, begin))) {
      end_byte = begin;
    }
    if (end_byte == 0) return;
    const std::string_view raw_gloss = text.substr(inner_begin, close - inner_begin);
    if (!may_repeat_a_term(raw_gloss, text.substr(0, end_byte))) return;
    const std::string gloss = checks::normalize(raw_gloss);
    if (gloss.empty()) return;
    std::size_t first_length = 0;
    const char32_t gloss_first = decode_utf8(gloss, 0, first_length);
    const std::size_t longest = code_point_count(gloss) * 2 + 2;
    // Try term starts at word boundaries, shortest first, up to twice the gloss's length and two.
    std::size_t start = end_byte;
    for (std::size_t length = 1; start > 0 && length <= longest; ++length) {
      const char32_t cp = code_point_before(text, start, start);
      // Cheap tests first: a self gloss starts with the gloss's first character, which most
      // places do not; only there is the character before decoded, for the word boundary.
      if (checks::is_space(cp) || checks::fold_case(cp) != gloss_first) continue;
      std::size_t previous_start = 0;
      const char32_t previous = start > 0 ? code_point_before(text, start, previous_start) : 0;
      if (start > 0 && checks::is_word(previous) && checks::is_word(cp)) continue;
      const std::string_view term = text.substr(start, end_byte - start);
      if (checks::normalize(term) != gloss) continue;
      // `GATE OpenING(OpenING)`: the gloss repeats only the tail of a longer Latin name, so it
      // introduces a short form rather than glossing a term with itself (and dropping it would
      // lose the abbreviation).
      if (start > 0 && checks::is_space(previous) && is_latin_letter(cp) && previous_start > 0 &&
          is_latin_letter(code_point_before(text, previous_start, previous_start))) {
        return;
      }
      const Span span = target.to_source(start, span_end);
      // Unsafe: the parentheses may name a short form of a longer phrase, as in the metric list
      // `코드 생성(생성), 버그 수정(수정)`; only a reader tells that from a failed translation,
      // and dropping it would lose the label.
      ctx.sink.report(span, {{"term", std::string(term)}},
                      Fix{span, std::string(term), /*safe=*/false,
                          fmt::format("drop the parenthesized '{}'", term)});
      return;
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<SelfGloss>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("self-gloss", /*declarative=*/false, make, {"term"}, {}, ParamNames{},
                             {}, /*fixes=*/true)
}  // namespace digestlint
