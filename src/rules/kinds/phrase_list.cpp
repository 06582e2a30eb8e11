// kind: phrase-list — a lexicon matched in one pass (RE2::Set); fires when at least `threshold`
// distinct phrases occur in a target.
#include <fmt/format.h>
#include <re2/set.h>

#include <algorithm>

#include "rules/kinds/regex.hpp"
#include "rules/kinds/scoped.hpp"

namespace digestlint {
namespace {

// A lexicon of "key: value, …" entries (every data file NAME.tsv, and glossaries such as
// @summary-glossary) matches nothing as phrases: no text holds "small: 작은, 소형".
void refuse_glossaries(const Params& params) {
  for (const auto& [name, entries] : params.lexicons_of("phrases")) {
    const bool glossary =
        !entries->empty() && std::all_of(entries->begin(), entries->end(), [](const auto& entry) {
          const std::size_t colon = entry.find(": ");
          return colon != std::string::npos && colon > 0;
        });
    if (glossary) {
      params.fail("phrases",
                  fmt::format("'@{}' is a glossary ('key: value, …' entries, as a .tsv data file "
                              "holds), which no text matches as phrases: list the phrases "
                              "themselves, or in a `lexicons:` list of a pack",
                              name));
    }
  }
}

class PhraseListKind final : public ScopedAnalyzer {
 public:
  explicit PhraseListKind(const RuleSpec& rule) : ScopedAnalyzer(rule) {
    const Params params(rule);
    refuse_glossaries(params);
    phrases_ = params.strings("phrases");
    threshold_ = static_cast<std::size_t>(params.number("threshold", 1));
    if (threshold_ < 1) params.fail("threshold", "must be at least 1");
    const bool regex = params.boolean("regex", false);
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(!params.boolean("ignore-case", true));
    set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    std::string any;
    for (const std::string& phrase : phrases_) {
      const std::string expression = regex ? phrase : RE2::QuoteMeta(phrase);
      std::string error;
      if (set_->Add(expression, &error) < 0) {
        params.fail("phrases", fmt::format("invalid phrase '{}': {}", phrase, error));
      }
      // A literal phrase matches an empty text only when it is empty; an expression is asked.
      if (phrase.empty() || (regex && matches_empty_inside_text(RE2(expression, options)))) {
        params.fail("phrases", fmt::format("the phrase '{}' {}", phrase, kEmptyMatchProblem));
      }
      any += (any.empty() ? "(?:" : "|(?:") + expression + ")";
    }
    if (!set_->Compile()) params.fail("phrases", "too many phrases to compile");
    any_ = std::make_unique<RE2>(any, options);
  }

 protected:
  void check_target(const CheckContext& context, const Target& target) const override {
    std::vector<int> hits;
    if (!set_->Match(target.text, &hits) || hits.size() < threshold_) return;
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> quoted;
    for (const int hit : hits)
      quoted.push_back(fmt::format("'{}'", phrases_[static_cast<std::size_t>(hit)]));
    // Underline the first phrase found; the message lists them all.
    re2::StringPiece first;
    Span where = anchor(target);
    if (any_->Match(target.text, 0, target.text.size(), RE2::UNANCHORED, &first, 1)) {
      const auto begin = static_cast<std::size_t>(first.data() - target.text.data());
      where = target.to_source(begin, begin + first.size());
    }
    context.sink.report(where, {{"count", std::to_string(hits.size())},
                                {"matches", fmt::format("{}", fmt::join(quoted, ", "))},
                                {"threshold", std::to_string(threshold_)}});
  }

 private:
  std::vector<std::string> phrases_;
  std::size_t threshold_ = 1;
  std::unique_ptr<RE2::Set> set_;
  std::unique_ptr<RE2> any_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<PhraseListKind>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("phrase-list", true, make, {"count", "matches", "threshold"}, {},
                             ParamNames{"phrases", "threshold", "regex", "ignore-case"})
}  // namespace digestlint
