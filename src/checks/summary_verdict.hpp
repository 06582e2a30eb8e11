#pragma once
// The verdict on an entry's summary, with a confidence, and the model both summary rules share.
//   generic-template: the summary could be pasted under any paper. It names nothing of its own,
//     leans on template phrases, and barely mentions the title.
//   title-mismatch: the summary is specific, but about something else: the title's terms are not
//     in it, its own names do not connect to the title, or its field contradicts the title's.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/summary_signals.hpp"
#include "model/digest.hpp"
#include "rules/analyzer.hpp"

namespace digestlint::summary {

enum class Verdict { fine, generic, mismatch };

struct Assessment {
  Verdict verdict = Verdict::fine;
  double confidence = 0;  // in [0, 1]; only meaningful for generic and mismatch
};

// The verdict and its confidence; fine when the confidence is below the note band.
Assessment assess(const Signals& signals, const Parameters& parameters);

// The band an assessment falls in: reported with the rule's severity, as a note, or not at all.
enum class Band { severity, note, none };
Band band_of(const Assessment& assessment, const Parameters& parameters);

// "found 1 of 4 title terms ('ProSA'; missing: prompt, sensitivity); boilerplate: '…'; …"
std::string evidence(const Signals& signals, Verdict verdict);

// Vocabulary and parameters of the summary rules, built once per parameter set and shared by
// both rules.
class SummaryModel {
 public:
  explicit SummaryModel(const RuleSpec& rule);
  static std::shared_ptr<const SummaryModel> shared(const RuleSpec& rule);
  // Each entry's analysis, by entry; none for an entry without a summary. Both rules read one
  // analysis of a file (CheckContext::analyses), which stops once no finding is possible;
  // `digestlint signals` asks for every signal (Depth::full).
  // `analyses`: the file's shared analyses (CheckContext::analyses), where the stripped summaries
  // may be already; null: none.
  std::vector<std::optional<Signals>> analyse(const Digest& digest, Depth depth = Depth::until_fine,
                                              FileAnalyses* analyses = nullptr) const;
  const Parameters& parameters() const { return parameters_; }
  // Built on first use (see VocabularySource), once whichever thread asks first.
  const Vocabulary& vocabulary() const;

 private:
  VocabularySource source_;
  Parameters parameters_;
  mutable std::once_flag built_;
  mutable std::optional<Vocabulary> vocabulary_;
  // Summaries settled before, for their copies (analyse() until fine), and titles' terms and
  // squashed forms.
  mutable SettledMemo settled_;
  mutable TitleTermsMemo title_terms_;
  mutable SquashedTitleMemo squashed_titles_;
};

// An entry's summary as the summary rules read it: its sections' text, markup stripped
// (append_stripped), one after another with '\n' between them; and where each section is in it.
struct StrippedSummary {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> sections;  // [begin, end) in text, in order
  checks::SecretValue hash;  // the text's value at checks::process_secret()'s points
};
StrippedSummary stripped_summary(const Entry& entry);
// Every entry's, by entry: worked out once per file for the rules that read them all (the summary
// verdicts, summary/duplicate-summary) and shared through `analyses`; null: for the caller alone.
std::shared_ptr<const std::vector<StrippedSummary>> stripped_summaries(const Digest& digest,
                                                                       FileAnalyses* analyses);
// The entry's stripped summary text.
std::string summary_of(const Entry& entry);
// Where a summary finding points: all its sections (the heading when there are none).
Span summary_span(const Entry& entry);

}  // namespace digestlint::summary
