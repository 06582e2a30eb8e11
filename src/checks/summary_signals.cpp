#include "checks/summary_signals.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <mutex>

#include "checks/summary_text.hpp"
#include "rules/params.hpp"

namespace digestlint::summary {
namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

bool has_ascii_letter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

// Fields with at least min_hits mentions, given the matcher's counts for a text.
std::vector<std::string> field_names_in(const std::vector<int>& counts,
                                        const Vocabulary& vocabulary, int min_hits,
                                        std::vector<int>* hits_out = nullptr) {
  std::vector<std::string> names;
  for (const Vocabulary::Field& field : vocabulary.fields) {
    int hits = 0;
    for (const std::size_t id : field.term_ids) hits += counts[id];
    if (hits >= min_hits) {
      names.push_back(field.name);
      if (hits_out) hits_out->push_back(hits);
    }
  }
  return names;
}

// "TideNet: Forecasting …" -> "TideNet"; "Lumen -- Low-Light …" -> "Lumen". Empty when the part
// before the separator is too long to be a name (a sentence-like title).
std::string title_name(std::string_view title) {
  std::size_t cut = std::string_view::npos;
  for (const std::string_view separator : {": ", " -- ", " — "}) {
    cut = std::min(cut, title.find(separator));
  }
  if (cut == std::string_view::npos) return {};
  const std::string_view name = trim(title.substr(0, cut));
  const auto words = std::count(name.begin(), name.end(), ' ') + 1;
  if (name.size() < 2 || name.size() > 40 || words > 4) return {};
  return std::string(name);
}

std::vector<std::string_view> title_words(std::string_view title) {
  static const std::unordered_set<std::string_view> kSmall = {"of",  "the",  "a",  "an", "for",
                                                              "and", "with", "in", "on", "to"};
  std::vector<std::string_view> words;
  std::size_t start = 0;
  const auto is_separator = [](char c) {
    return c == ' ' || c == '-' || c == ':' || c == ',' || c == '\t';
  };
  for (std::size_t i = 0; i <= title.size(); ++i) {
    if (i == title.size() || is_separator(title[i])) {
      if (i > start) {
        const std::string_view word = title.substr(start, i - start);
        if (!kSmall.contains(ascii_lower(word))) words.push_back(word);
      }
      start = i + 1;
    }
  }
  return words;
}

// "HPT" against "Heterogeneous Pre-trained Transformers": the acronym's letters are the initials
// of consecutive title words.
bool initials_match(std::string_view acronym, const std::vector<std::string_view>& words) {
  std::string letters;
  for (const char c : acronym) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) letters.push_back(c & ~0x20);
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

bool is_acronym(std::string_view token) {
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// The words of an expansion written beside a name in the summary: "Erasure of Language Memory
// (ELM)" or "ELM (Erasure of Language Memory)".
std::vector<std::string> expansions(std::string_view summary, std::string_view name) {
  std::vector<std::string> stems;
  const auto add_words = [&](std::string_view text) {
    for (const Token& token : latin_tokens(text)) stems.push_back(stem(token.text));
  };
  for (std::size_t at = summary.find(name); at != std::string_view::npos;
       at = summary.find(name, at + name.size())) {
    // Before: "Long Name (" directly in front of the name.
    std::size_t open = at;
    while (open > 0 && summary[open - 1] == ' ') --open;
    if (open > 0 && summary[open - 1] == '(') {
      std::size_t begin = open - 1;
      while (begin > 0 && open - begin < 80) {
        const char c = summary[begin - 1];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == ' ')) break;
        --begin;
      }
      add_words(summary.substr(begin, open - 1 - begin));
    }
    // After: "name (Long Name)".
    std::size_t after = at + name.size();
    while (after < summary.size() && summary[after] == ' ') ++after;
    if (after < summary.size() && summary[after] == '(') {
      const std::size_t close = summary.find(')', after);
      if (close != std::string_view::npos && close - after < 80) {
        add_words(summary.substr(after + 1, close - after - 1));
      }
    }
  }
  return stems;
}

// The name is written in the title ("UniAff"), or contains a distinctive title word
// ("UniAffordance" for "Affordances" would not, "NavStack" for "Navigation" neither).
bool written_in_title(std::string_view name, std::string_view title, const Vocabulary& vocabulary) {
  const std::string squashed_name = squash(name);
  if (contains(squash(title), squashed_name)) return true;
  for (const std::string_view word : title_words(title)) {
    const std::string squashed_word = squash(word);
    if (word.size() >= 3 && contains(squashed_name, squashed_word) &&
        !vocabulary.common.contains(squashed_word) &&
        !vocabulary.stopwords.contains(squashed_word) &&
        !vocabulary.generic_stems.contains(stem(word))) {
      return true;
    }
  }
  return false;
}

// Written in the title, an acronym of consecutive title words, or given in the summary with an
// expansion that shares a distinctive title word.
bool connected(std::string_view name, std::string_view title, std::string_view summary,
               const Vocabulary& vocabulary) {
  if (written_in_title(name, title, vocabulary)) return true;
  const std::vector<std::string_view> words = title_words(title);
  if (is_acronym(name) && initials_match(name, words)) return true;
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

std::string quote_list(const std::vector<std::string>& items, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    out += (i ? ", '" : "'") + items[i] + "'";
  }
  if (items.size() > limit) out += " …";
  return out;
}

}  // namespace

Vocabulary read_vocabulary(const RuleSpec& rule) {
  const Params params(rule);
  Vocabulary vocabulary;
  for (const std::string& word : params.strings("common-vocabulary", {})) {
    vocabulary.common.insert(ascii_lower(word));
  }
  for (const std::string& word : params.strings("stopwords", {})) {
    vocabulary.stopwords.insert(ascii_lower(word));
  }
  for (const std::string& word : params.strings("generic-title-words", {})) {
    vocabulary.generic_stems.insert(stem(word));
  }
  for (const std::string& entry : params.strings("glossary", {})) {
    auto [key, values] = split_entry(entry);
    if (key.empty() || values.empty()) {
      params.fail("glossary", fmt::format("entry '{}' is not 'english: korean, …'", entry));
    }
    auto& forms = vocabulary.glossary[stem(key)];
    for (const std::string& value : values) {
      forms.push_back(vocabulary.matcher.add(ascii_lower(value)));
    }
  }
  vocabulary.boilerplate = params.strings("boilerplate", {});
  for (const std::string& phrase : vocabulary.boilerplate) {
    vocabulary.boilerplate_ids.push_back(vocabulary.matcher.add(ascii_lower(phrase)));
  }
  for (const std::string& entry : params.strings("fields", {})) {
    auto [name, terms] = split_entry(entry);
    if (name.empty() || terms.empty()) {
      params.fail("fields", fmt::format("entry '{}' is not 'field: term, …'", entry));
    }
    Vocabulary::Field field{std::move(name), {}};
    for (const std::string& term : terms) {
      // English terms count at word starts ("rl" not inside "world"), Korean ones anywhere.
      field.term_ids.push_back(vocabulary.matcher.add(ascii_lower(term), has_ascii_letter(term)));
    }
    vocabulary.fields.push_back(std::move(field));
  }
  vocabulary.matcher.build();
  return vocabulary;
}

Thresholds read_thresholds(const RuleSpec& rule) {
  const Params params(rule);
  Thresholds t;
  const auto share = [&](const char* key, double fallback) {
    const double value = params.number(key, fallback);
    if (value < 0 || value > 1) params.fail(key, "must be between 0 and 1");
    return value;
  };
  const auto count = [&](const char* key, int fallback) {
    const double value = params.number(key, fallback);
    if (value < 1 || value != static_cast<int>(value))
      params.fail(key, "must be a whole number ≥ 1");
    return static_cast<int>(value);
  };
  t.low_grounding = share("low-grounding", t.low_grounding);
  t.weak_grounding = share("weak-grounding", t.weak_grounding);
  if (t.weak_grounding < t.low_grounding) {
    params.fail("weak-grounding", "must not be below low-grounding");
  }
  t.min_boilerplate = count("min-boilerplate", t.min_boilerplate);
  t.many_boilerplate = count("many-boilerplate", t.many_boilerplate);
  t.min_field_hits = count("min-field-hits", t.min_field_hits);
  return t;
}

Signals analyse(std::string_view title, std::string_view summary, const Vocabulary& vocabulary,
                const Thresholds& thresholds) {
  Signals signals;

  // Title terms, weighted by how much they say about this paper.
  const std::string name = title_name(title);
  if (!name.empty()) {
    signals.terms.push_back({TitleTerm::Kind::name, name, thresholds.name_weight});
  }
  const std::vector<std::string_view> name_words = title_words(name);
  std::unordered_set<std::string> seen;
  for (const Token& token : latin_tokens(title)) {
    const std::string lower = ascii_lower(token.text);
    if (vocabulary.stopwords.contains(lower) || !seen.insert(lower).second) continue;
    if (token.text == name) continue;
    const bool in_name = !name.empty() && contains(name, token.text);
    if (is_name_like(token.text, true, vocabulary.common) && !in_name) {
      signals.terms.push_back(
          {TitleTerm::Kind::entity, std::string(token.text), thresholds.entity_weight});
    } else if (in_name) {
      continue;
    } else if (vocabulary.common.contains(lower) ||
               vocabulary.generic_stems.contains(stem(lower))) {
      signals.terms.push_back(
          {TitleTerm::Kind::common, std::string(token.text), thresholds.common_weight});
    } else {
      signals.terms.push_back(
          {TitleTerm::Kind::word, std::string(token.text), thresholds.word_weight});
    }
  }

  // What the summary says.
  const std::vector<Token> tokens = latin_tokens(summary);
  std::unordered_set<std::string> stems;
  for (const Token& token : tokens) {
    stems.insert(stem(token.text));
    if (token.text.find('-') == std::string_view::npos) continue;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= token.text.size(); ++i) {
      if (i == token.text.size() || token.text[i] == '-') {
        if (i > start) stems.insert(stem(token.text.substr(start, i - start)));
        start = i + 1;
      }
    }
  }
  const std::string squashed = squash(summary);
  const std::vector<int> counts = vocabulary.matcher.count(ascii_lower(summary));

  double total = 0, found = 0;
  for (TitleTerm& term : signals.terms) {
    total += term.weight;
    if (term.kind == TitleTerm::Kind::name || term.kind == TitleTerm::Kind::entity) {
      term.found = contains(squashed, squash(term.text));
      if (!term.found) {
        std::vector<std::string> parts;
        for (const Token& part : latin_tokens(term.text)) {
          if (!vocabulary.stopwords.contains(ascii_lower(part.text))) {
            parts.push_back(stem(part.text));
          }
        }
        term.found = parts.size() > 1 && std::all_of(parts.begin(), parts.end(),
                                                     [&](auto& p) { return stems.contains(p); });
      }
    } else {
      const std::string key = stem(term.text);
      term.found = stems.contains(key);
      if (!term.found && term.text.find('-') != std::string::npos) {
        std::vector<std::string> parts;
        std::string_view rest = term.text;
        while (!rest.empty()) {
          const std::size_t dash = rest.find('-');
          const std::string_view part = rest.substr(0, dash);
          if (part.size() >= 4 && !vocabulary.stopwords.contains(ascii_lower(part))) {
            parts.push_back(stem(part));
          }
          if (dash == std::string_view::npos) break;
          rest.remove_prefix(dash + 1);
        }
        term.found = !parts.empty() && std::all_of(parts.begin(), parts.end(),
                                                   [&](auto& p) { return stems.contains(p); });
      }
      if (!term.found) {
        if (const auto it = vocabulary.glossary.find(key); it != vocabulary.glossary.end()) {
          term.found = std::any_of(it->second.begin(), it->second.end(),
                                   [&](std::size_t id) { return counts[id] > 0; });
        }
      }
    }
    if (term.found) found += term.weight;
  }
  signals.grounding = total > 0 ? found / total : 1.0;
  signals.name_missing = !name.empty() && !signals.terms.front().found;

  // Names the summary uses, most frequent first (ties: first seen).
  std::vector<std::pair<std::string, int>>& names = signals.names;
  std::vector<std::pair<std::string, int>> capitalized;
  const auto bump = [](std::vector<std::pair<std::string, int>>& list, std::string_view text) {
    for (auto& [existing, count] : list) {
      if (existing == text) {
        ++count;
        return;
      }
    }
    list.emplace_back(std::string(text), 1);
  };
  for (const Token& token : tokens) {
    if (is_name_like(token.text, false, vocabulary.common)) {
      bump(names, token.text);
    } else if (token.text.size() >= 3 && token.text[0] >= 'A' && token.text[0] <= 'Z' &&
               std::all_of(token.text.begin() + 1, token.text.end(),
                           [](char c) { return c >= 'a' && c <= 'z'; }) &&
               !vocabulary.common.contains(ascii_lower(token.text))) {
      bump(capitalized, token.text);  // "Mamba": a name when the summary keeps repeating it
    }
  }
  for (const auto& entry : capitalized) {
    if (entry.second >= 3) names.push_back(entry);
  }
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [text, count] : names) {
    if (count < 2) break;
    signals.key_names.push_back(text);
    if (connected(text, title, summary, vocabulary)) signals.connected_names.push_back(text);
    if (signals.key_names.size() == 1) signals.anchored = written_in_title(text, title, vocabulary);
  }

  for (std::size_t i = 0; i < vocabulary.boilerplate.size(); ++i) {
    if (counts[vocabulary.boilerplate_ids[i]] > 0) {
      signals.boilerplate.push_back(vocabulary.boilerplate[i]);
    }
  }

  // Fields: the title's (any mention) against the summary's (repeated mentions).
  signals.title_fields =
      field_names_in(vocabulary.matcher.count(ascii_lower(title)), vocabulary, 1);
  if (!signals.title_fields.empty()) {
    const std::vector<std::string> present = field_names_in(counts, vocabulary, 1);
    const bool title_field_absent = std::none_of(
        signals.title_fields.begin(), signals.title_fields.end(), [&](const std::string& f) {
          return std::find(present.begin(), present.end(), f) != present.end();
        });
    std::vector<int> hits;
    const std::vector<std::string> strong =
        field_names_in(counts, vocabulary, thresholds.min_field_hits, &hits);
    int best = 0;
    for (std::size_t i = 0; i < strong.size() && title_field_absent; ++i) {
      if (hits[i] > best) {
        best = hits[i];
        signals.conflicting_field = strong[i];
      }
    }
  }
  return signals;
}

Verdict classify(const Signals& s, const Thresholds& t) {
  const bool subject_unconnected = !s.key_names.empty() && s.connected_names.empty();
  // The name the summary repeats most is written in the title: grounded from the summary's
  // side, whatever share of the title's words it renders.
  const bool weak =
      !s.anchored && (s.grounding < t.low_grounding ||
                      (s.grounding < t.weak_grounding &&
                       (s.name_missing || subject_unconnected || s.conflicting_field.has_value())));
  const int phrases = static_cast<int>(s.boilerplate.size());
  const bool template_like = s.key_names.empty() && phrases >= t.min_boilerplate;
  if (template_like && (weak || phrases >= t.many_boilerplate)) return Verdict::generic;
  if (weak && !template_like) return Verdict::mismatch;
  return Verdict::fine;
}

std::string generic_evidence(const Signals& s) {
  std::vector<std::string> parts;
  const bool any_found =
      std::any_of(s.terms.begin(), s.terms.end(), [](const TitleTerm& t) { return t.found; });
  if (!any_found) {
    parts.push_back("no title term appears");
  } else if (s.name_missing) {
    parts.push_back(fmt::format("the title's name '{}' does not appear", s.terms.front().text));
  } else {
    parts.push_back(fmt::format("few title terms appear ({:.0f}% by weight)", s.grounding * 100));
  }
  if (!s.boilerplate.empty()) parts.push_back("boilerplate: " + quote_list(s.boilerplate, 3));
  if (s.names.empty()) parts.push_back("no names beyond common vocabulary");
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string mismatch_evidence(const Signals& s) {
  std::vector<std::string> title_side;
  for (const TitleTerm& term : s.terms) {
    if (title_side.size() >= 4) break;
    if (term.kind == TitleTerm::Kind::name || term.kind == TitleTerm::Kind::entity) {
      title_side.push_back("'" + term.text + "'");
    } else if (term.kind == TitleTerm::Kind::word && !term.found) {
      title_side.push_back(ascii_lower(term.text));
    }
  }
  if (s.conflicting_field) {
    for (const std::string& field : s.title_fields) title_side.push_back(field);
  }
  std::vector<std::string> summary_side;
  std::vector<std::string> shown = s.key_names;
  if (shown.empty()) {
    for (const auto& entry : s.names) shown.push_back(entry.first);
  }
  for (std::size_t i = 0; i < shown.size() && i < 3; ++i)
    summary_side.push_back("'" + shown[i] + "'");
  if (s.conflicting_field) summary_side.push_back(*s.conflicting_field);
  if (summary_side.empty()) summary_side.push_back("no name from the title");
  if (title_side.empty()) title_side.push_back("(no key terms)");
  return fmt::format("title: {}; summary: {}", fmt::join(title_side, ", "),
                     fmt::join(summary_side, ", "));
}

namespace {

std::uint64_t fingerprint_of(const RuleSpec& rule) {
  YAML::Emitter emitter;
  emitter << rule.params.node();
  return std::hash<std::string_view>{}(emitter.c_str()) ^
         (std::hash<const void*>{}(rule.lexicons.get()) * 0x9e3779b97f4a7c15ull);
}

}  // namespace

SummaryModel::SummaryModel(const RuleSpec& rule)
    : vocabulary_(read_vocabulary(rule)),
      thresholds_(read_thresholds(rule)),
      fingerprint_(fingerprint_of(rule)) {}

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

Signals SummaryModel::signals(const Entry& entry) const {
  std::uint64_t key = fingerprint_;
  const auto fold = [&key](std::string_view text) {
    key = (key ^ std::hash<std::string_view>{}(text)) * 0x100000001b3ull + text.size();
  };
  fold(entry.title.text);
  for (const Section& section : entry.sections) fold(section.text.text);
  // Rules run one after another over a file on one thread; a file's entries fit easily.
  thread_local std::unordered_map<std::uint64_t, Signals> cache;
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();
  Signals signals = analyse(entry.title.text, summary_of(entry), vocabulary_, thresholds_);
  cache.emplace(key, signals);
  return signals;
}

std::string summary_of(const Entry& entry) {
  std::string text;
  for (const Section& section : entry.sections) {
    if (!text.empty()) text += '\n';
    text += strip_markup(section.text.text);
  }
  return text;
}

Span summary_span(const Entry& entry) {
  if (entry.sections.empty()) return entry.heading.span;
  return Span{entry.sections.front().text.span.begin, entry.sections.back().text.span.end};
}

}  // namespace digestlint::summary
