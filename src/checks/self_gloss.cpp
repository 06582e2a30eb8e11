// text/self-gloss: a term "explained" by itself in parentheses, `저정밀도(저정밀도)`.
#include <fmt/format.h>

#include "checks/text_util.hpp"
#include "rules/analyzer.hpp"
#include "rules/kinds/scoped.hpp"

namespace digestlint {
namespace {

bool is_open(char32_t cp) {
  const checks::Bracket bracket = checks::bracket_of(cp);
  return bracket.family == checks::BracketFamily::paren && bracket.open;
}
bool is_close(char32_t cp) {
  const checks::Bracket bracket = checks::bracket_of(cp);
  return bracket.family == checks::BracketFamily::paren && !bracket.open;
}

bool is_latin_letter(char32_t cp) {
  return (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z');
}

// `GATE OpenING(OpenING)`: the gloss repeats only the tail of a longer Latin name, so it
// introduces a short form rather than glossing a term with itself (and dropping it would lose
// the abbreviation).
bool tail_of_longer_name(const std::vector<checks::CodePoint>& cps, std::size_t start) {
  if (start < 2 || !checks::is_space(cps[start - 1].cp)) return false;
  return is_latin_letter(cps[start].cp) && is_latin_letter(cps[start - 2].cp);
}

// Runs on the rule's scopes (title and section in the default pack).
class SelfGloss final : public ScopedAnalyzer {
 public:
  using ScopedAnalyzer::ScopedAnalyzer;

 protected:
  void check_target(const CheckContext& ctx, const Target& target) const override {
    const std::string_view text = target.text;
    // Most targets have no parenthesis: spare them the decoding.
    if (text.find('(') == std::string_view::npos && text.find("（") == std::string_view::npos) {
      return;
    }
    const std::vector<checks::CodePoint> cps = checks::code_points(text);
    for (std::size_t open = 0; open < cps.size(); ++open) {
      if (!is_open(cps[open].cp)) continue;
      std::size_t close = open + 1;
      while (close < cps.size() && !is_close(cps[close].cp) && !is_open(cps[close].cp)) ++close;
      if (close >= cps.size() || !is_close(cps[close].cp)) continue;
      const std::size_t inner_begin = cps[open].offset + cps[open].length;
      const std::string gloss =
          checks::normalize(text.substr(inner_begin, cps[close].offset - inner_begin));
      if (gloss.empty()) continue;
      // The term ends where the parenthesis starts, spaces aside.
      std::size_t term_end = open;
      while (term_end > 0 && checks::is_space(cps[term_end - 1].cp)) --term_end;
      if (term_end == 0) continue;
      const std::vector<checks::CodePoint> gloss_cps = checks::code_points(gloss);
      const std::size_t gloss_length = gloss_cps.size();
      const std::size_t end_byte = cps[term_end - 1].offset + cps[term_end - 1].length;
      // Try term starts at word boundaries, shortest first, up to the gloss's length.
      for (std::size_t start = term_end; start-- > 0 && term_end - start <= gloss_length * 2 + 2;) {
        if (checks::is_space(cps[start].cp)) continue;
        if (start > 0 && checks::is_word(cps[start - 1].cp) && checks::is_word(cps[start].cp)) {
          continue;
        }
        // Cheap test first: a self gloss starts with the gloss's first character.
        if (checks::fold_case(cps[start].cp) != gloss_cps.front().cp) continue;
        const std::string_view term = text.substr(cps[start].offset, end_byte - cps[start].offset);
        if (checks::normalize(term) != gloss) continue;
        if (tail_of_longer_name(cps, start)) break;
        const std::size_t span_end = cps[close].offset + cps[close].length;
        const Span span = target.to_source(cps[start].offset, span_end);
        // Unsafe: the parentheses may name a short form of a longer phrase, as in the metric list
        // `코드 생성(생성), 버그 수정(수정)`; only a reader tells that from a failed translation,
        // and dropping it would lose the label.
        ctx.sink.report(span, {{"term", std::string(term)}},
                        Fix{span, std::string(term), /*safe=*/false,
                            fmt::format("drop the parenthesized '{}'", term)});
        break;
      }
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<SelfGloss>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("self-gloss", /*declarative=*/false, make, {"term"}, {}, ParamNames{})
}  // namespace digestlint
