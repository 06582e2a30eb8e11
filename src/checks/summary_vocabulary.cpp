#include "checks/summary_vocabulary.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rules/params.hpp"

namespace digestlint::summary {
namespace {

bool has_ascii_letter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

// "english: 한국어, …" entries into the glossary, except for the stems in `fixed` (set by an
// earlier list, which overrides this one). Returns the stems this list set.
WordTable<> add_glossary(const std::vector<VocabularySource::Entry>& entries,
                         const WordTable<>& fixed, Vocabulary& vocabulary) {
  WordTable<> set;
  // About two renderings per entry.
  vocabulary.renderings.reserve(2 * entries.size());
  vocabulary.glossary.reserve(2 * entries.size());
  for (const auto& [english, forms] : entries) {
    const std::string stem_key = stem(english);
    if (fixed.contains(stem_key)) continue;
    const bool one_word = stem_key.find('-') == std::string::npos;
    if (set.insert(stem_key) && one_word) vocabulary.family_stems.push_back(stem_key);
    for (const std::string_view form : forms) {
      const std::string rendering = ascii_lower(form);
      vocabulary.glossary.add(stem_key, vocabulary.renderings.add(rendering), rendering);
    }
  }
  return set;
}

}  // namespace

Glossary::Renderings Vocabulary::renderings_of(std::string_view stem_key,
                                               std::size_t family_prefix) const {
  if (const Glossary::Renderings own = glossary.find(stem_key); !own.empty()) return own;
  // Words only: a compound's parts are looked up one by one.
  if (family_prefix == 0 || stem_key.size() <= family_prefix ||
      stem_key.find('-') != std::string_view::npos) {
    return {};
  }
  const std::string_view prefix = stem_key.substr(0, family_prefix);
  std::size_t best_shared = 0;
  std::string_view best;
  for (auto it = std::lower_bound(family_stems.begin(), family_stems.end(), prefix);
       it != family_stems.end() && std::string_view(*it).starts_with(prefix); ++it) {
    const std::size_t shorter = std::min(it->size(), stem_key.size());
    std::size_t shared = family_prefix;
    while (shared < shorter && (*it)[shared] == stem_key[shared]) ++shared;
    if (shared + 2 >= shorter && shared > best_shared) best_shared = shared, best = *it;
  }
  return best.empty() ? Glossary::Renderings{} : glossary.find(best);
}

bool Vocabulary::distinctive(std::string_view word) const {
  const std::string lower = ascii_lower(word);
  return !common.contains(lower) && !stopwords.contains(lower) &&
         !generic_stems.contains(stem(lower));
}

VocabularySource::VocabularySource(const RuleSpec& rule) {
  const Params params(rule);
  common_ = params.strings("common-vocabulary", {});
  stopwords_ = params.strings("stopwords", {});
  generic_words_ = params.strings("generic-title-words", {});
  boilerplate_ = params.strings("boilerplate", {});
  glossary_ = params.strings("glossary", {});
  mined_glossary_ = params.strings("mined-glossary", {});
  fields_ = params.strings("fields", {});
  // `max_value`: the longest value, in bytes, the list's table can hold.
  const auto split = [&](const char* key, const std::vector<std::string>& entries,
                         std::string_view shape, std::size_t max_value) {
    std::vector<Entry> out;
    out.reserve(entries.size());
    for (const std::string& entry : entries) {
      const auto& [name, values] = out.emplace_back(split_entry(entry));
      if (name.empty() || values.empty()) {
        params.fail(key, fmt::format("entry '{}' is not '{}'", entry, shape));
      }
      for (const std::string_view value : values) {
        if (value.size() > max_value) {
          params.fail(key, fmt::format("a value of '{}' is longer than {} bytes", name, max_value));
        }
      }
    }
    return out;
  };
  constexpr std::size_t kRendering = Glossary::kMaxRenderingBytes;
  glossary_entries_ = split("glossary", glossary_, "english: korean, …", kRendering);
  mined_entries_ = split("mined-glossary", mined_glossary_, "english: korean, …", kRendering);
  field_entries_ = split("fields", fields_, "field: term, …", std::string_view::npos);
}

Vocabulary VocabularySource::build() const {
  Vocabulary vocabulary;
  for (const std::string& word : common_) vocabulary.common.insert(ascii_lower(word));
  for (const std::string& word : stopwords_) vocabulary.stopwords.insert(ascii_lower(word));
  for (const std::string& word : generic_words_) vocabulary.generic_stems.insert(stem(word));
  const WordTable<> hand = add_glossary(glossary_entries_, {}, vocabulary);
  add_glossary(mined_entries_, hand, vocabulary);
  vocabulary.glossary.build();
  // Sorted as views, then copied in order: sorting the strings themselves moved each a dozen
  // times (6% of the vocabulary's build).
  std::vector<std::string_view> order(vocabulary.family_stems.begin(),
                                      vocabulary.family_stems.end());
  std::sort(order.begin(), order.end());
  vocabulary.family_stems = std::vector<std::string>(order.begin(), order.end());
  vocabulary.boilerplate = boilerplate_;
  for (const std::string& phrase : vocabulary.boilerplate) {
    vocabulary.boilerplate_ids.push_back(vocabulary.phrases.add(ascii_lower(phrase)));
    vocabulary.boilerplate_phrase_ids.push_back(
        vocabulary.boilerplate_phrases.add(ascii_lower(phrase)));
  }
  for (const auto& [name, terms] : field_entries_) {
    Vocabulary::Field field{std::string(name), {}};
    for (const std::string_view term : terms) {
      // English terms count at word starts ("rl" not inside "world"), Korean ones anywhere.
      field.term_ids.push_back(vocabulary.phrases.add(ascii_lower(term), has_ascii_letter(term)));
    }
    vocabulary.fields.push_back(std::move(field));
  }
  vocabulary.phrases.build();
  vocabulary.boilerplate_phrases.build();
  vocabulary.renderings.build();
  return vocabulary;
}

Parameters read_parameters(const RuleSpec& rule) {
  const Params params(rule);
  Parameters p;
  const auto share = [&](const char* key, double& value) {
    value = params.number(key, value);
    if (value < 0 || value > 1) params.fail(key, "must be between 0 and 1");
  };
  const auto weight = [&](const char* key, double& value) {
    value = params.number(key, value);
    if (value < 0) params.fail(key, "must not be negative");
  };
  const auto count = [&](const char* key, auto& value, long minimum = 1) {
    const double read = params.number(key, static_cast<double>(value));
    if (read < static_cast<double>(minimum) || read != static_cast<long>(read)) {
      params.fail(key, fmt::format("must be a whole number ≥ {}", minimum));
    }
    value = static_cast<std::remove_reference_t<decltype(value)>>(read);
  };
  weight("name-weight", p.name_weight);
  weight("entity-weight", p.entity_weight);
  weight("word-weight", p.word_weight);
  weight("common-weight", p.common_weight);
  count("min-specific-terms", p.min_specific_terms);
  weight("common-weight-beside-specific", p.common_weight_beside_specific);
  weight("catchphrase-weight", p.catchphrase_weight);
  count("max-name-words", p.max_name_words);
  count("max-title-words", p.max_title_words);
  count("max-key-names", p.max_key_names);
  count("anchor-name-length", p.anchor_name_length);
  count("transliteration-min-length", p.transliteration_min_length);
  count("misspelling-min-length", p.misspelling_min_length, 0);
  count("family-prefix-length", p.family_prefix_length, 0);
  count("subject-min-uses", p.subject_min_uses);
  count("key-name-min-uses", p.key_name_min_uses);
  count("capitalized-name-min-uses", p.capitalized_name_min_uses);
  share("weak-grounding", p.weak_grounding);
  share("digest-max-share", p.digest_max_share);
  count("min-boilerplate", p.min_boilerplate);
  count("many-boilerplate", p.many_boilerplate);
  if (p.many_boilerplate < p.min_boilerplate) {
    params.fail("many-boilerplate", "must not be below min-boilerplate");
  }
  count("min-field-hits", p.min_field_hits);
  count("max-rivals", p.max_rivals);
  count("rival-min-terms", p.rival_min_terms);
  share("rival-grounding", p.rival_grounding);
  share("rival-margin", p.rival_margin);
  share("rival-confidence", p.rival_confidence);
  share("named-rival-confidence", p.named_rival_confidence);
  share("distinct-discount", p.distinct_discount);
  count("min-gloss-words", p.min_gloss_words, 0);
  share("shifted-digest-share", p.shifted_digest_share);
  share("shifted-digest-confidence", p.shifted_digest_confidence);
  count("shifted-digest-min", p.shifted_digest_min);
  share("grounding-confidence", p.grounding_confidence);
  share("sign-confidence", p.sign_confidence);
  share("boilerplate-confidence", p.boilerplate_confidence);
  share("named-template-discount", p.named_template_discount);
  share("warning-confidence", p.warning_confidence);
  share("template-warning-confidence", p.template_warning_confidence);
  share("note-confidence", p.note_confidence);
  for (const auto& [key, band] :
       {std::pair{"warning-confidence", p.warning_confidence},
        std::pair{"template-warning-confidence", p.template_warning_confidence}}) {
    if (band < p.note_confidence) params.fail(key, "must not be below note-confidence");
  }
  return p;
}

const std::vector<std::string_view>& parameter_names() {
  static const std::vector<std::string_view> names = {"common-vocabulary",
                                                      "stopwords",
                                                      "generic-title-words",
                                                      "glossary",
                                                      "mined-glossary",
                                                      "boilerplate",
                                                      "fields",
                                                      "name-weight",
                                                      "entity-weight",
                                                      "word-weight",
                                                      "common-weight",
                                                      "min-specific-terms",
                                                      "common-weight-beside-specific",
                                                      "catchphrase-weight",
                                                      "max-name-words",
                                                      "max-title-words",
                                                      "max-key-names",
                                                      "anchor-name-length",
                                                      "transliteration-min-length",
                                                      "misspelling-min-length",
                                                      "family-prefix-length",
                                                      "subject-min-uses",
                                                      "key-name-min-uses",
                                                      "capitalized-name-min-uses",
                                                      "weak-grounding",
                                                      "digest-max-share",
                                                      "min-boilerplate",
                                                      "many-boilerplate",
                                                      "min-field-hits",
                                                      "max-rivals",
                                                      "rival-min-terms",
                                                      "rival-grounding",
                                                      "rival-margin",
                                                      "rival-confidence",
                                                      "named-rival-confidence",
                                                      "distinct-discount",
                                                      "min-gloss-words",
                                                      "shifted-digest-share",
                                                      "shifted-digest-confidence",
                                                      "shifted-digest-min",
                                                      "grounding-confidence",
                                                      "sign-confidence",
                                                      "boilerplate-confidence",
                                                      "named-template-discount",
                                                      "warning-confidence",
                                                      "template-warning-confidence",
                                                      "note-confidence"};
  return names;
}

}  // namespace digestlint::summary
