#include "checks/summary_verdict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "rules/analyzer.hpp"
#include "rules/pack_image.hpp"

namespace digestlint::summary {
namespace {

double clamp01(double value) {
  return std::clamp(value, 0.0, 1.0);
}

std::string quote_list(const std::vector<std::string>& items, std::size_t limit) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) shown.push_back("'" + items[i] + "'");
  if (items.size() > limit) shown.push_back("…");
  return fmt::format("{}", fmt::join(shown, ", "));
}

std::string term_text(const TitleTerm& term) {
  const bool named = term.kind == TitleTerm::Kind::name || term.kind == TitleTerm::Kind::entity;
  return named ? "'" + term.text + "'" : ascii_lower(term.text);
}

std::string grounding_evidence(const Signals& s) {
  std::vector<std::string> found, missing;
  for (const TitleTerm& term : s.terms) {
    if (term.kind == TitleTerm::Kind::common) continue;  // broad words say little either way
    (term.found ? found : missing).push_back(term_text(term));
  }
  const std::size_t counted = found.size() + missing.size();
  std::string text = fmt::format("{} of {} title terms found", found.size(), counted);
  if (!found.empty()) text += fmt::format(" ({})", fmt::join(found, ", "));
  if (!missing.empty()) {
    const std::size_t shown = std::min<std::size_t>(missing.size(), 5);
    text +=
        fmt::format("; missing: {}{}",
                    fmt::join(missing.begin(), missing.begin() + static_cast<long>(shown), ", "),
                    missing.size() > shown ? ", …" : "");
  }
  return text;
}

}  // namespace

Assessment assess(const Signals& s, const Parameters& p) {
  if (s.anchored || s.settled) return {};
  const int phrases = static_cast<int>(s.boilerplate.size());
  const bool template_summary = template_like(!s.key_names.empty(), phrases, p);
  // A summary its own title grounds is reported only when another entry's name is its subject.
  const Rival* source = s.source();
  const bool named_rival = source && source->named;
  if (!reportable(s.grounding, template_summary, phrases, p) && !named_rival) return {};
  const bool weak = s.grounding < p.weak_grounding;
  const double missing = weak ? 1 - s.grounding / p.weak_grounding : 0;
  double confidence = p.grounding_confidence * missing;
  Verdict verdict = Verdict::mismatch;
  if (template_summary) {
    verdict = Verdict::generic;
    confidence += p.boilerplate_confidence * std::min(phrases, p.many_boilerplate);
    if (!s.names.empty()) confidence -= p.named_template_discount;
  } else {
    const int signs = s.name_missing + s.competing() + s.conflicting_field.has_value();
    confidence += p.sign_confidence * signs;
    if (source) confidence += source->named ? p.named_rival_confidence : p.rival_confidence;
    if (s.distinct || s.only_lexicons_against()) confidence -= p.distinct_discount;
    if (s.in_shifted_digest) confidence += p.shifted_digest_confidence;
  }
  confidence = clamp01(confidence);
  if (confidence < p.note_confidence) return {};
  return {verdict, confidence};
}

std::string evidence(const Signals& s, Verdict verdict) {
  std::vector<std::string> parts{grounding_evidence(s)};
  if (verdict == Verdict::generic) {
    if (!s.boilerplate.empty()) parts.push_back("boilerplate: " + quote_list(s.boilerplate, 3));
    if (s.names.empty()) parts.push_back("no names beyond common vocabulary");
  } else {
    if (s.competing()) {
      parts.push_back(
          fmt::format("it is about {} (not in the title)", quote_list(s.subject_names, 3)));
    }
    if (s.conflicting_field) {
      parts.push_back(fmt::format("its field is {}, the title's {}", *s.conflicting_field,
                                  fmt::join(s.title_fields, "/")));
    }
    if (s.rival) {
      parts.push_back(fmt::format("it fits entry {} better{}: '{}'{}", s.rival->entry + 1,
                                  s.rival->named ? " by name" : "", s.rival->title,
                                  s.rival->keeps_own ? ", which has a summary of its own" : ""));
    }
    if (s.in_shifted_digest) {
      parts.push_back(fmt::format("{} of the digest's {} summaries fit their titles as weakly",
                                  s.digest_weak, s.digest_summaries));
    }
    if (s.distinct) parts.push_back("still, no other title of the digest fits it as well");
    if (!s.distinct && s.only_lexicons_against()) {
      parts.push_back(s.lexicons_silence() == Signals::Silence::unglossed
                          ? "still, it writes little English beside names and no other title "
                            "fits it better"
                          : "still, no lexicon renders the title words it misses, and it is "
                            "about no name of its own");
    }
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

namespace {

// The parameters' image is a canonical text of them, and far cheaper to write than YAML.
std::uint64_t fingerprint_of(const RuleSpec& rule) {
  return std::hash<std::string>{}(encode_yaml_image(rule.params.node())) ^
         (std::hash<const void*>{}(rule.lexicons.get()) * 0x9e3779b97f4a7c15ull);
}

// Bytes of the summary that open it: the first section, or the first third of an untitled list.
std::size_t lead_length(const Entry& entry, std::size_t summary_length) {
  if (entry.sections.empty()) return 0;
  const std::size_t first = entry.sections.front().text.text.size();
  return std::max(first, summary_length / 3);
}

// The titles of a digest's entries, in order.
DigestTitles titles_of(const Digest& digest) {
  DigestTitles titles;
  for (const Entry& entry : digest.entries) titles.titles.push_back(entry.title.text);
  return titles;
}

}  // namespace

SummaryModel::SummaryModel(const RuleSpec& rule)
    : source_(rule), parameters_(read_parameters(rule)) {}

const Vocabulary& SummaryModel::vocabulary() const {
  std::call_once(built_, [this] { vocabulary_.emplace(source_.build()); });
  return *vocabulary_;
}

std::shared_ptr<const SummaryModel> SummaryModel::shared(const RuleSpec& rule) {
  static std::mutex mutex;
  static std::unordered_map<std::uint64_t, std::weak_ptr<const SummaryModel>> models;
  const std::uint64_t key = fingerprint_of(rule);
  const std::lock_guard lock(mutex);
  if (auto model = models[key].lock()) return model;
  auto model = std::make_shared<const SummaryModel>(rule);
  models[key] = model;
  return model;
}

Band band_of(const Assessment& assessment, const Parameters& p) {
  if (assessment.verdict == Verdict::fine) return Band::none;
  const double band =
      assessment.verdict == Verdict::generic ? p.template_warning_confidence : p.warning_confidence;
  // A sum of weights that reaches the band exactly (0.6 + 0.1) reaches it whatever the rounding.
  constexpr double kRounding = 1e-9;
  return assessment.confidence + kRounding < band ? Band::note : Band::severity;
}

std::vector<std::optional<Signals>> SummaryModel::analyse(const Digest& digest, Depth depth,
                                                          FileAnalyses* analyses) const {
  DigestTitles titles = titles_of(digest);
  titles.terms_memo = &title_terms_;
  titles.squashed_memo = &squashed_titles_;
  // Every summary first: a weakly grounded one asks whether the others use a word.
  const auto stripped = stripped_summaries(digest, analyses);
  for (const StrippedSummary& summary : *stripped) titles.summaries.emplace_back(summary.text);
  const auto& summaries = *stripped;
  const Vocabulary& words = vocabulary();
  std::vector<std::optional<Signals>> analysed(digest.entries.size());
  for (std::size_t i = 0; i < digest.entries.size(); ++i) {
    const Entry& entry = digest.entries[i];
    if (entry.sections.empty()) continue;
    titles.own = i;
    const Settling settling{settled_, summaries[i].hash};
    analysed[i] =
        summary::analyse(titles, summaries[i].text, lead_length(entry, summaries[i].text.size()),
                         words, parameters_, depth, &settling);
  }
  mark_rivals_keeping_their_own(analysed, parameters_);
  count_weak_fits(analysed, parameters_);
  return analysed;
}

StrippedSummary stripped_summary(const Entry& entry) {
  std::size_t size = 0;
  for (const Section& section : entry.sections) size += section.text.text.size() + 1;
  StrippedSummary summary;
  summary.text.reserve(size);
  summary.sections.reserve(entry.sections.size());
  for (const Section& section : entry.sections) {
    if (!summary.text.empty()) summary.text += '\n';
    const std::size_t begin = summary.text.size();
    append_stripped(section.text.text, summary.text);
    summary.sections.emplace_back(begin, summary.text.size());
  }
  summary.hash = checks::process_secret().hash(summary.text);
  return summary;
}

std::shared_ptr<const std::vector<StrippedSummary>> stripped_summaries(const Digest& digest,
                                                                       FileAnalyses* analyses) {
  const auto strip = [&] {
    std::vector<StrippedSummary> summaries;
    summaries.reserve(digest.entries.size());
    for (const Entry& entry : digest.entries) summaries.push_back(stripped_summary(entry));
    return std::make_shared<const std::vector<StrippedSummary>>(std::move(summaries));
  };
  static const char kOwner = 0;  // files the summaries in `analyses`
  using Shared = std::shared_ptr<const std::vector<StrippedSummary>>;
  return analyses ? analyses->get<Shared>(&kOwner, strip) : strip();
}

std::string summary_of(const Entry& entry) {
  return stripped_summary(entry).text;
}

Span summary_span(const Entry& entry) {
  if (entry.sections.empty()) return entry.heading.span;
  return Span{entry.sections.front().text.span.begin, entry.sections.back().text.span.end};
}

namespace {

// One analysis of each entry's summary against its title, two rules: each reports its verdict.
class SummaryVerdict final : public Analyzer {
 public:
  SummaryVerdict(const RuleSpec& rule, Verdict verdict)
      : model_(SummaryModel::shared(rule)), verdict_(verdict) {}

  void warm_up() const override { model_->vocabulary(); }

  void check(const CheckContext& context) const override {
    const Parameters& p = model_->parameters();
    const auto analyse = [&] {
      return model_->analyse(context.digest, Depth::until_fine, context.analyses);
    };
    std::vector<std::optional<Signals>> own;
    const std::vector<std::optional<Signals>>& analysed =
        context.analyses
            ? context.analyses->get<std::vector<std::optional<Signals>>>(model_.get(), analyse)
            : (own = analyse());
    for (std::size_t i = 0; i < analysed.size(); ++i) {
      if (!analysed[i]) continue;
      const Entry& entry = context.digest.entries[i];
      const Signals* signals = &*analysed[i];
      const Assessment assessment = assess(*signals, p);
      if (assessment.verdict != verdict_) continue;
      context.sink.report(summary_span(entry),
                          {{"evidence", evidence(*signals, verdict_)},
                           {"confidence", fmt::format("{:.2f}", assessment.confidence)},
                           {"grounding", fmt::format("{:.2f}", signals->grounding)},
                           {"count", std::to_string(signals->boilerplate.size())}},
                          std::nullopt, {},
                          Confidence{assessment.confidence, band_of(assessment, p) == Band::note});
    }
  }

 private:
  std::shared_ptr<const SummaryModel> model_;
  Verdict verdict_;
};

std::unique_ptr<Analyzer> make_generic(const RuleSpec& rule) {
  return std::make_unique<SummaryVerdict>(rule, Verdict::generic);
}

std::unique_ptr<Analyzer> make_mismatch(const RuleSpec& rule) {
  return std::make_unique<SummaryVerdict>(rule, Verdict::mismatch);
}

}  // namespace
}  // namespace digestlint::summary

namespace digestlint {
DIGESTLINT_REGISTER_ANALYZER("summary-generic-template", false, summary::make_generic,
                             {"evidence", "confidence", "grounding", "count"}, {Scope::summary},
                             summary::parameter_names(), "summary-model")
DIGESTLINT_REGISTER_ANALYZER("summary-title-mismatch", false, summary::make_mismatch,
                             {"evidence", "confidence", "grounding", "count"}, {Scope::summary},
                             summary::parameter_names(), "summary-model")
}  // namespace digestlint
