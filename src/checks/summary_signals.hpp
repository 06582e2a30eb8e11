#pragma once
// The signals behind summary/generic-template and summary/title-mismatch: how well the title's
// key terms are grounded in the summary, which names the summary is about and whether they
// connect to the title, template boilerplate, and research fields. Both rules read the same
// vocabularies (rules/summary.yaml lexicons) and thresholds, so they agree on which entries are
// templates (generic) and which are specific but about something else (mismatch).
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "checks/summary_text.hpp"
#include "model/digest.hpp"
#include "rules/rule.hpp"

namespace digestlint::summary {

struct Vocabulary {
  std::unordered_set<std::string> common;         // lowercased names every ML text uses
  std::unordered_set<std::string> stopwords;      // lowercased title words that carry nothing
  std::unordered_set<std::string> generic_stems;  // stems of title words too broad to ground
  // Every phrase below is found by one scan of the lowercased text; the vectors hold the ids.
  PhraseMatcher matcher;
  std::unordered_map<std::string, std::vector<std::size_t>> glossary;  // stem -> Korean forms
  std::vector<std::string> boilerplate;
  std::vector<std::size_t> boilerplate_ids;
  struct Field {
    std::string name;
    std::vector<std::size_t> term_ids;
  };
  std::vector<Field> fields;
};

struct Thresholds {
  double low_grounding = 0.35;   // below: the summary is not about the title
  double weak_grounding = 0.55;  // below, with another sign (name missing …): not about it
  int min_boilerplate = 2;   // a summary without repeated names and this many phrases is a template
  int many_boilerplate = 4;  // … and with this many it is a template whatever it mentions
  int min_field_hits = 3;    // field terms a summary needs to be "in" a field
  double name_weight = 3, entity_weight = 2, word_weight = 1, common_weight = 0.3;
};

// Reads vocabularies and thresholds from a rule's params (see rules/summary.yaml); throws
// RuleError for invalid values.
Vocabulary read_vocabulary(const RuleSpec& rule);
Thresholds read_thresholds(const RuleSpec& rule);

struct TitleTerm {
  enum class Kind { name, entity, word, common };
  Kind kind;
  std::string text;
  double weight = 0;
  bool found = false;
};

struct Signals {
  std::vector<TitleTerm> terms;
  double grounding = 1;  // weighted share of title terms found in the summary
  bool name_missing = false;
  std::vector<std::pair<std::string, int>> names;  // name-like tokens of the summary by count
  std::vector<std::string> key_names;              // names used at least twice
  std::vector<std::string> connected_names;        // key names that connect to the title
  bool anchored = false;                 // the most repeated name is written in the title itself
  std::vector<std::string> boilerplate;  // phrases found
  std::vector<std::string> title_fields;
  std::optional<std::string> conflicting_field;  // the summary's field when it contradicts
};

Signals analyse(std::string_view title, std::string_view summary, const Vocabulary& vocabulary,
                const Thresholds& thresholds);

enum class Verdict { fine, generic, mismatch };
Verdict classify(const Signals& signals, const Thresholds& thresholds);

// "no title term appears; boilerplate: '…', '…'; names: only common ones"
std::string generic_evidence(const Signals& signals);
// "title: 'ProSA', prompt sensitivity; summary: 'Neural Ambient Occlusion Volume', graphics"
std::string mismatch_evidence(const Signals& signals);

// Vocabulary and thresholds of one rule, with a per-thread cache of entry analyses: the two
// summary rules share their parameters, so the second finds the first's analysis.
class SummaryModel {
 public:
  explicit SummaryModel(const RuleSpec& rule);
  // The model for a rule's parameters and lexicons, built once and shared: generic-template and
  // title-mismatch read the same vocabulary, which is the costly part of loading the rules.
  static std::shared_ptr<const SummaryModel> shared(const RuleSpec& rule);
  Signals signals(const Entry& entry) const;
  Verdict verdict(const Signals& signals) const { return classify(signals, thresholds_); }

 private:
  Vocabulary vocabulary_;
  Thresholds thresholds_;
  std::uint64_t fingerprint_ = 0;  // of the parameters and lexicons
};

// The entry's summary: its sections' text joined by newlines, markup stripped.
std::string summary_of(const Entry& entry);
// Where a summary finding points: the first section's text (the heading when there is none).
Span summary_span(const Entry& entry);

}  // namespace digestlint::summary
