#include "checks/summary_signals.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <tuple>
#include <unordered_set>

#include "checks/summary_names.hpp"
#include "checks/transliteration.hpp"
#include "model/byte_words.hpp"
#include "model/text.hpp"

namespace digestlint::summary {
namespace {

// A value's bytes, as a piece of a memo key.
std::string_view as_bytes(const std::size_t& value) {
  return {reinterpret_cast<const char*>(&value), sizeof value};
}

// What a string holds on the heap, its block included, for a memo's count of what it keeps.
std::size_t heap_bytes(const std::string& text) {
  static const std::size_t kInline = std::string().capacity();
  return text.capacity() > kInline ? SettledMemo::kBlockBytes + text.capacity() + 1 : 0;
}

// What a vector of title terms holds on the heap.
std::size_t heap_bytes(const std::vector<TitleTerm>& terms) {
  std::size_t bytes = SettledMemo::kBlockBytes + terms.capacity() * sizeof(TitleTerm);
  for (const TitleTerm& term : terms) bytes += heap_bytes(term.text) + heap_bytes(term.stemmed);
  return bytes;
}

// What a kept summary holds, blocks and all.
std::size_t bytes_of(const SettledSummary& kept) {
  return sizeof(SettledSummary) + heap_bytes(kept.subject);
}

// Fields with at least min_hits mentions, given a text's counts of the vocabulary's phrases.
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

// The template phrases a text has, given its counts of the vocabulary's phrases.
std::vector<std::string> boilerplate_in(const std::vector<int>& counts,
                                        const Vocabulary& vocabulary) {
  std::vector<std::string> found;
  for (std::size_t i = 0; i < vocabulary.boilerplate.size(); ++i) {
    if (counts[vocabulary.boilerplate_ids[i]] > 0) found.push_back(vocabulary.boilerplate[i]);
  }
  return found;
}

template <typename Visit>
void for_each_part(std::string_view text, char separator, Visit visit) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != separator) continue;
    if (i > start) visit(text.substr(start, i - start));
    start = i + 1;
  }
}

// The parts of a hyphenated word that say something of their own (three letters or more, no
// stopword): a word is found, or known to the lexicons, through them. None for a plain word.
template <typename Visit>
void for_each_content_part(std::string_view word, const Vocabulary& vocabulary, Visit visit) {
  if (word.find('-') == std::string_view::npos) return;
  for_each_part(word, '-', [&](std::string_view part) {
    if (part.size() >= 3 && !vocabulary.stopwords.contains(ascii_lower(part))) visit(part);
  });
}

// Whose title a term is looked up for. A false match for the own title hides a moved summary, so
// its Hangul spellings must also be rare in the rest of the digest; other titles' lookups (for a
// rival, which needs several terms and a margin besides) skip that test, which costs the sounds
// of every summary of the digest. A word's family (Vocabulary::renderings_of) and a misspelling
// are guesses: they may keep a summary from being accused, never accuse it, so only the own
// title's words use them.
enum class Title { own, other };

// A name-like token of a summary, as summary_names() counts them.
struct NameUse {
  std::string_view text;
  std::uint64_t head;  // the text's first eight bytes: most comparisons end there
  std::size_t first;   // the token's index: uses of a text are sorted by it
  int count = 1;
  bool capitalized;  // "Mamba": a name when the summary keeps repeating it
};

// The buffers one summary's analysis works in, kept by each thread from summary to summary:
// analyses do not nest, and a few KiB each, allocated and freed for every summary, went through
// the allocator's slower path (about a twentieth of the verdicts' time in a run).
struct SummaryBuffers {
  std::vector<Token> tokens;         // the summary's Latin tokens, once SummaryIndex needs them
  std::string lowercase;             // the summary lowered (SummaryIndex)
  std::string squashed;              // the summary squashed, once SummaryIndex needs it
  std::vector<NameUse> uses, names;  // summary_names()'s
};

// Where a title term may be found in one summary: its English words by stem, the squashed text
// for names, the lexicons' renderings, and, once thorough, the sounds of its Hangul words.
class SummaryIndex {
 public:
  // Reads the summary's lowered text into `buffers`, where its tokens are also read and it is
  // squashed when needed.
  SummaryIndex(std::string_view summary, SummaryBuffers& buffers, const DigestTitles& digest,
               const Vocabulary& vocabulary, const Parameters& parameters)
      : digest_(digest),
        summary_(summary),
        lowercase_(buffers.lowercase),
        tokens_(buffers.tokens),
        squashed_(buffers.squashed),
        vocabulary_(vocabulary),
        parameters_(parameters) {
    ascii_lower_into(summary, buffers.lowercase);
  }

  // Read on first use: a summary that writes its title's name is settled by its lowered text.
  const std::vector<Token>& tokens() const {
    if (!tokens_ready_) {
      latin_tokens_into(summary_, tokens_);
      tokens_ready_ = true;
    }
    return tokens_;
  }

  // The text's counts of the vocabulary's phrases (template phrases, field terms), on first use.
  const std::vector<int>& phrase_counts() const {
    if (!phrase_counts_) phrase_counts_ = vocabulary_.phrases.count(lowercase_);
    return *phrase_counts_;
  }

  // How many of the template phrases the text has, as boilerplate_in() counts them: from
  // phrase_counts() when they were counted, else by a scan for those phrases alone.
  int boilerplate_count() const {
    if (phrase_counts_)
      return static_cast<int>(boilerplate_in(*phrase_counts_, vocabulary_).size());
    const std::vector<int> counts = vocabulary_.boilerplate_phrases.count(lowercase_);
    return static_cast<int>(std::count_if(vocabulary_.boilerplate_phrase_ids.begin(),
                                          vocabulary_.boilerplate_phrase_ids.end(),
                                          [&](std::size_t id) { return counts[id] > 0; }));
  }

  // From now on a word is also found by its sound (a lookup before finds a subset): a summary
  // analysed in full is compared with the digest's other titles, whose terms are many.
  void be_thorough() {
    thorough_ = true;
    for (const Token& token : tokens()) {
      stems_.insert(stem(token.text));
      if (token.text.find('-') != std::string_view::npos) {
        for_each_part(token.text, '-', [&](std::string_view part) { stems_.insert(stem(part)); });
      }
    }
  }

  const std::string& lowercase() const { return lowercase_; }

  // Whether the summary writes a text, compared without case, spaces or punctuation.
  bool writes(std::string_view squashed_text) const {
    return squashed().find(squashed_text) != std::string::npos;
  }

  bool has_name(std::string_view name, Title title) const {
    // Written as it is: then its squashed form is in the squashed summary too, which need not
    // be made (name_variant_in's first test, and the answer for most summaries).
    if (!squash(name).empty() && lowercase_.find(ascii_lower(name)) != std::string::npos) {
      return true;
    }
    if (name_variant_in(name, squashed(), vocabulary_)) return true;
    if (name.find_first_of(" -0123456789") == std::string_view::npos && sounds_like(name, title)) {
      return true;
    }
    // A compound name rendered by its distinctive parts: "User-LLM" as 사용자, "EdgeFusion"
    // as 엣지 퓨전.
    bool any = false, all = true;
    for (const std::string_view part : name_parts(name)) {
      if (part.size() < 2 || !vocabulary_.distinctive(part) || part.size() == name.size()) continue;
      any = true;
      all = all && has_single_word(part, stem(part), title);
    }
    return any && all;
  }

  // A word by stem, lexicon or Hangul spelling; a hyphenated word when all its content parts are.
  // `stemmed`: stem(word), worked out once per title term.
  bool has_word(std::string_view word, std::string_view stemmed, Title title) const {
    if (has_single_word(word, stemmed, title)) return true;
    bool any = false, all = true;
    for_each_content_part(word, vocabulary_, [&](std::string_view part) {
      any = true;
      all = all && has_single_word(part, stem(part), title);
    });
    return any && all;
  }

 private:
  bool has_single_word(std::string_view word, std::string_view key, Title title) const {
    if (thorough_ ? stems_.contains(key) : has_stem(key)) return true;
    const bool guesses = title == Title::own;  // see Title
    for (const Glossary::Rendering rendering :
         vocabulary_.renderings_of(key, guesses ? parameters_.family_prefix_length : 0)) {
      if (writes_rendering(rendering)) return true;
    }
    if (guesses && misspelt(word)) return true;
    return sounds_like(word, title);
  }

  // A long word written with a letter wrong, missing or extra ("Interospection" for
  // "Introspection"): two long words one edit apart are rarely different words. Once thorough.
  bool misspelt(std::string_view word) const {
    const std::size_t min_length = parameters_.misspelling_min_length;
    if (!thorough_ || min_length == 0 || word.size() < min_length) return false;
    const std::vector<Token>& tokens = this->tokens();
    return std::any_of(tokens.begin(), tokens.end(), [&](const Token& token) {
      return token.text.size() >= min_length && one_edit_apart(word, token.text);
    });
  }

  // Whether a token of the summary, or a hyphen part of one, has this stem; searched in the
  // text rather than in a set of the summary's stems, which most summaries (settled by their
  // own title's few words) would build for nothing. A stem is a prefix of its lowercased word,
  // so the word starts where the stem is written.
  bool has_stem(std::string_view key) const {
    if (key.empty()) return false;
    const std::vector<Token>& tokens = this->tokens();
    for (std::size_t at = lowercase_.find(key); at != std::string::npos;
         at = lowercase_.find(key, at + 1)) {
      const auto after = std::upper_bound(
          tokens.begin(), tokens.end(), at,
          [](std::size_t offset, const Token& token) { return offset < token.offset; });
      if (after == tokens.begin()) continue;
      const Token& token = *std::prev(after);
      if (at >= token.offset + token.text.size()) continue;
      const std::size_t start = at - token.offset;
      const std::string_view rest = token.text.substr(start);
      const std::string_view part = rest.substr(0, rest.find('-'));
      if (start == 0) {
        if (stem(token.text) == key) return true;
        if (part.size() < token.text.size() && stem(part) == key) return true;
      } else if (token.text[start - 1] == '-' && stem(part) == key) {
        return true;
      }
    }
    return false;
  }

  // Renderings are searched one by one, up to kSearchBytes read in all; past that one scan
  // counts every rendering of the lexicons, so a summary compared with many titles stays linear.
  // The scan reads tables far larger than the summary, out of cache between two files: even a
  // summary compared with every title of its digest (up to 132 searches on 200 real days) is
  // cheaper searched than scanned.
  bool writes_rendering(const Glossary::Rendering& rendering) const {
    static constexpr std::size_t kSearchBytes = 256 << 10;
    if (!rendering_counts_ && (searched_bytes_ += lowercase_.size()) > kSearchBytes) {
      rendering_counts_ = vocabulary_.renderings.count(lowercase_);
    }
    if (rendering_counts_) return (*rendering_counts_)[rendering.id] > 0;
    return !rendering.text.empty() && holds(lowercase_, rendering.text, rendering.probe);
  }

  // Squashed on first use: a summary settled by its words alone is never searched for a name.
  const std::string& squashed() const {
    if (!squashed_ready_) {
      squash_into(summary_, squashed_);
      squashed_ready_ = true;
    }
    return squashed_;
  }

  // For the own title, a spelling the rest of the day shows too is a native word that sounds
  // alike (데이터 for "Toto"), not the word.
  bool sounds_like(std::string_view word, Title title) const {
    if (!thorough_) return false;
    const std::size_t min_length = parameters_.transliteration_min_length;
    if (!own_sounds().contains(word, min_length)) return false;
    return title == Title::other || digest_.few_others_sound(word, parameters_);
  }

  // The digest's copy when it knows the summaries (built once for the digest), else its own.
  const HangulSounds& own_sounds() const {
    if (digest_.own < digest_.summaries.size()) return digest_.sounds_of(digest_.own);
    if (!sounds_) sounds_.emplace(summary_);
    return *sounds_;
  }

  const DigestTitles& digest_;
  std::string_view summary_;
  const std::string& lowercase_;
  std::vector<Token>& tokens_;  // in text order, once tokens_ready_
  mutable bool tokens_ready_ = false;
  std::string& squashed_;
  mutable bool squashed_ready_ = false;
  mutable std::optional<std::vector<int>> phrase_counts_;
  WordTable<> stems_;  // of every token and hyphen part, once thorough
  bool thorough_ = false;
  mutable std::optional<std::vector<int>> rendering_counts_;  // once searches read too much
  mutable std::size_t searched_bytes_ = 0;
  mutable std::optional<HangulSounds> sounds_;
  const Vocabulary& vocabulary_;
  const Parameters& parameters_;
};

// Whether a title's name (title_name(), empty when it has none) opens its terms as a name; one
// that reads as ordinary words ("Found in the Middle") is a catchphrase.
bool is_a_name(std::string_view name, const Vocabulary& vocabulary) {
  return !name.empty() && looks_like_name(name, vocabulary);
}

// The title's terms, weighted by how much they say about this paper.
std::vector<TitleTerm> title_terms(std::string_view title, const Vocabulary& vocabulary,
                                   const Parameters& p) {
  std::vector<TitleTerm> terms;
  const std::string name = title_name(title, p.max_name_words);
  const bool named = is_a_name(name, vocabulary), catchphrase = !name.empty() && !named;
  if (named) terms.push_back({TitleTerm::Kind::name, name, p.name_weight});
  std::vector<Token> tokens = latin_tokens(title);
  if (tokens.size() > p.max_title_words) tokens.resize(p.max_title_words);
  terms.reserve(tokens.size() + 1);
  const std::string lowercase = ascii_lower(title);  // each token's lowered form is a slice
  // Stems: "Quantization" and "Quantized" are one term. A title has a few words: a list beats a
  // hash table.
  std::vector<std::string> seen;
  seen.reserve(tokens.size());
  for (const Token& token : tokens) {
    const std::string_view lower =
        std::string_view(lowercase).substr(token.offset, token.text.size());
    if (vocabulary.stopwords.contains(lower)) continue;
    std::string stemmed = stem(lower);
    if (std::find(seen.begin(), seen.end(), stemmed) != seen.end()) continue;
    seen.push_back(stemmed);
    if (token.text == name && !catchphrase) continue;
    const bool in_name = !name.empty() && token.offset < name.size();
    if (in_name && catchphrase) {
      terms.push_back({TitleTerm::Kind::catchphrase, std::string(token.text), p.catchphrase_weight,
                       false, stemmed});
    } else if (is_name_like(token.text, lower, true, vocabulary.common) && !in_name) {
      terms.push_back({TitleTerm::Kind::entity, std::string(token.text), p.entity_weight});
    } else if (in_name) {
      continue;
    } else if (vocabulary.common.contains(lower) || vocabulary.generic_stems.contains(stemmed)) {
      terms.push_back(
          {TitleTerm::Kind::common, std::string(token.text), p.common_weight, false, stemmed});
    } else {
      terms.push_back(
          {TitleTerm::Kind::word, std::string(token.text), p.word_weight, false, stemmed});
    }
  }
  // Broad words ground a summary of any paper of the field; they count only when the title has
  // too few specific terms to be grounded by those alone.
  const auto specific = std::count_if(terms.begin(), terms.end(), [](const TitleTerm& term) {
    return term.kind != TitleTerm::Kind::common;
  });
  if (specific >= static_cast<long>(p.min_specific_terms)) {
    for (TitleTerm& term : terms) {
      if (term.kind == TitleTerm::Kind::common) term.weight = p.common_weight_beside_specific;
    }
  }
  return terms;
}

// A summary's names with their counts, as written in it: copied into Signals::names only for a
// summary not settled by its first signals, which most are.
using NameUses = std::vector<std::pair<std::string_view, int>>;

// Names the summary uses, most frequent first (ties: the name-like before the capitalized words,
// then first seen). Counted by sorting the uses: hash maps allocated a node per name, a fifth of
// the verdicts' allocations. Reads the summary's tokens and lowered text (where the common
// vocabulary is looked up) from its index, and counts in `buffers`.
NameUses summary_names(const SummaryIndex& index, SummaryBuffers& buffers,
                       const Vocabulary& vocabulary, const Parameters& p) {
  const std::vector<Token>& tokens = index.tokens();
  const std::string_view lowercase = index.lowercase();
  std::vector<NameUse>& uses = buffers.uses;
  uses.clear();
  uses.reserve(tokens.size());  // grown one by one, it reallocated about seven times a summary
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view text = tokens[i].text;
    const std::string_view lowered = lowercase.substr(tokens[i].offset, text.size());
    bool capitalized = false;
    if (!is_name_like(text, lowered, false, vocabulary.common)) {
      capitalized =
          text.size() >= 3 && text[0] >= 'A' && text[0] <= 'Z' &&
          std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
          !vocabulary.common.contains(lowered);
      if (!capitalized) continue;
    }
    uses.push_back({text, byte_words::load_partial(text.data(), text.size()), i, 1, capitalized});
  }
  // Any order that puts the uses of a text together, its first use first.
  std::sort(uses.begin(), uses.end(), [](const NameUse& a, const NameUse& b) {
    if (a.head != b.head) return a.head < b.head;
    return std::tie(a.text, a.first) < std::tie(b.text, b.first);
  });
  std::vector<NameUse>& names = buffers.names;  // one per text, at its first use
  names.clear();
  names.reserve(uses.size());
  for (const NameUse& use : uses) {
    if (!names.empty() && names.back().text == use.text) {
      ++names.back().count;
    } else {
      names.push_back(use);
    }
  }
  std::erase_if(names, [&](const NameUse& name) {
    return name.capitalized && name.count < p.capitalized_name_min_uses;
  });
  std::sort(names.begin(), names.end(), [](const NameUse& a, const NameUse& b) {
    return std::tie(b.count, a.capitalized, a.first) < std::tie(a.count, b.capitalized, b.first);
  });
  NameUses out;
  out.reserve(names.size());
  for (const NameUse& name : names) out.emplace_back(name.text, name.count);
  return out;
}

// The title's field against the summary's: a contradiction when the summary never mentions the
// title's field but keeps mentioning another.
std::optional<std::string> conflicting_field(const std::vector<std::string>& title_fields,
                                             const std::vector<int>& counts,
                                             const Vocabulary& vocabulary, int min_hits) {
  if (title_fields.empty()) return std::nullopt;
  const std::vector<std::string> present = field_names_in(counts, vocabulary, 1);
  for (const std::string& field : title_fields) {
    if (std::find(present.begin(), present.end(), field) != present.end()) return std::nullopt;
  }
  std::vector<int> hits;
  const std::vector<std::string> strong = field_names_in(counts, vocabulary, min_hits, &hits);
  if (strong.empty()) return std::nullopt;
  return strong[std::max_element(hits.begin(), hits.end()) - hits.begin()];
}

bool found_in(const TitleTerm& term, const SummaryIndex& index, Title title) {
  const bool named = term.kind == TitleTerm::Kind::name || term.kind == TitleTerm::Kind::entity;
  return named ? index.has_name(term.text, title) : index.has_word(term.text, term.stemmed, title);
}

// Weighted share of the terms marked found.
double found_share(const std::vector<TitleTerm>& terms) {
  double total = 0, found = 0;
  for (const TitleTerm& term : terms) {
    total += term.weight;
    if (term.found) found += term.weight;
  }
  return total > 0 ? found / total : 1.0;
}

// Weighted share of the own title's terms found in the summary; marks each term found or not. A
// term found already stays found (a second pass, by more methods, looks up only the others).
// Given `enough`, a share, it stops looking up once the share reaches it and skips the terms that
// weigh nothing: the share is then a lower bound, and the terms left are not marked.
double ground(std::vector<TitleTerm>& terms, const SummaryIndex& index,
              std::optional<double> enough = std::nullopt) {
  double total = 0, found = 0;
  for (const TitleTerm& term : terms) total += term.weight;
  if (total <= 0) enough.reset();  // every share is then 1
  for (TitleTerm& term : terms) {
    if (enough && found / total >= *enough) break;
    if (enough && term.weight <= 0) continue;
    term.found = term.found || found_in(term, index, Title::own);
    if (term.found) found += term.weight;
  }
  return found_share(terms);  // the terms not looked up are not marked found
}

// A broad name of the title ("APIs", "GPT-4") that the summary keeps using while few other
// summaries of the digest write it is what this paper is about on the day: it becomes an entity
// of the title, found. Whether any was.
bool count_names_of_the_day(std::vector<TitleTerm>& terms, const DigestTitles& digest,
                            const SummaryIndex& index, const Parameters& p) {
  static const WordTable<> none;
  bool any = false;
  for (TitleTerm& term : terms) {
    if (term.kind != TitleTerm::Kind::common || !is_name_like(term.text, true, none)) continue;
    std::string word = ascii_lower(term.text);
    if (word.size() > 2 && word.back() == 's' && is_ascii_letter(word[word.size() - 2])) {
      word.pop_back();  // "apis": its uses are "api" and "apis"
    }
    if (uses_of(index.lowercase(), word) < static_cast<std::size_t>(p.key_name_min_uses) ||
        !digest.few_others_use(word, p)) {
      continue;
    }
    term.kind = TitleTerm::Kind::entity;
    term.weight = p.entity_weight;
    term.found = true;
    any = true;
  }
  return any;
}

// A title's specific terms (all but its broad words): their number and total weight.
struct SpecificTerms {
  std::size_t count = 0;
  double weight = 0;
};

SpecificTerms specific_terms(const std::vector<TitleTerm>& terms) {
  SpecificTerms specific;
  for (const TitleTerm& term : terms) {
    if (term.kind == TitleTerm::Kind::common) continue;
    ++specific.count;
    specific.weight += term.weight;
  }
  return specific;
}

// Grounding by the title's specific terms only, as marked found: broad words ("video", "models")
// ground many titles of a digest at once and so cannot tell which one a summary belongs to.
double specific_grounding(const std::vector<TitleTerm>& terms) {
  const SpecificTerms specific = specific_terms(terms);
  if (specific.count == 0) return 0;
  if (specific.weight <= 0) return 1.0;
  double found = 0;
  for (const TitleTerm& term : terms) {
    if (term.kind != TitleTerm::Kind::common && term.found) found += term.weight;
  }
  return found / specific.weight;
}

// Whether a name the summary uses `count` times is a subject of it: introduced in its lead
// (`opening`) and used at least subject_min_uses times.
bool is_subject(std::string_view name, int count, std::string_view opening, const Parameters& p) {
  return count >= p.subject_min_uses && opening.find(name) != std::string_view::npos;
}

// The summary's main subject, squashed: its most repeated name, when that is a subject; empty
// when there is none.
std::string main_subject(const NameUses& names, std::string_view opening, const Parameters& p) {
  if (names.empty()) return {};
  const auto& [name, count] = names.front();
  return is_subject(name, count, opening, p) ? squash(name) : std::string();
}

// Whether title `other` opens with the summary's main subject as its name: `VEnhancer` all
// through a summary filed under another entry than "VEnhancer: …". That title anchors the
// summary as its own title would. A part of the name does not count: `SAIL` is not `Pixel-SAIL`
// (a paper that builds on it), nor `FL` (federated learning) `FLoD`.
bool named_by(const DigestTitles& digest, std::size_t other, const std::string& subject,
              const Vocabulary& vocabulary, const Parameters& p) {
  return !subject.empty() && digest.squashed_names(vocabulary, p)[other] == subject;
}

// Visits the other titles of the digest nearest first, at most max_rivals of them (a bound, so a
// file of thousands of entries stays linear), until `visit` returns true; returns how many it
// visited.
template <typename Visit>
std::size_t visit_nearest(const DigestTitles& digest, const Parameters& p, Visit visit) {
  const std::size_t count = digest.titles.size();
  std::size_t visited = 0;
  for (std::size_t distance = 1; distance < count && visited < p.max_rivals; ++distance) {
    for (const std::size_t other : {digest.own - distance, digest.own + distance}) {
      if (other >= count || visited >= p.max_rivals) continue;  // wraps below zero too
      ++visited;
      if (visit(other)) return visited;
    }
  }
  return visited;
}

// Whether another title of the digest (of the max_rivals nearest) is named by the subject.
bool names_another_title(const DigestTitles& digest, const std::string& subject,
                         const Vocabulary& vocabulary, const Parameters& p) {
  bool named = false;
  if (!subject.empty()) {
    visit_nearest(digest, p, [&](std::size_t other) {
      return named = named_by(digest, other, subject, vocabulary, p);
    });
  }
  return named;
}

// Another title's specific grounding, none when the title has a name that is not the summary's
// subject (a summary moved from an entry is about that entry's paper, while a summary that only
// compares with it, a baseline, mentions its name later or once) or when fewer than
// rival_min_terms of its terms are found (one shared word is a shared topic, not a moved summary).
// Looking its terms up stops once the title can no longer be grounded better than `to_beat` (the
// best so far): the caller would pass it over, and 0 says so. The bound is exact for the default
// weights (multiples of 0.5); with others it can err only by rounding, at a tie.
double rival_grounding(const DigestTitles& digest, std::size_t other, const SummaryIndex& index,
                       const std::vector<SquashedName>& key_names, const Vocabulary& vocabulary,
                       const Parameters& p, double to_beat) {
  if (digest.squashed_names(vocabulary, p)[other]) {  // the title opens with a name
    if (key_names.empty()) return 0;  // without squashing the title or working out its terms
    const bool about_it =
        std::any_of(key_names.begin(), key_names.end(), [&](const SquashedName& subject) {
          return may_be_written_in(subject, digest.text(other)) &&
                 written_in_title(subject, digest.squashed(other), vocabulary);
        });
    if (!about_it) return 0;
  }
  const std::vector<TitleTerm>& terms = digest.terms(other, vocabulary, p);
  const auto [count, total] = specific_terms(terms);
  std::size_t left = count;
  double found_weight = 0, left_weight = total;
  std::size_t found = 0;
  for (const TitleTerm& term : terms) {
    if (term.kind == TitleTerm::Kind::common) continue;
    if (found + left < p.rival_min_terms) return 0;
    if (total > 0 && found_weight + left_weight <= to_beat * total) return 0;
    --left;
    left_weight -= term.weight;
    if (!found_in(term, index, Title::other)) continue;
    ++found;
    found_weight += term.weight;
  }
  if (found < p.rival_min_terms) return 0;
  return total > 0 ? found_weight / total : 1.0;
}

// The other titles of the digest against this summary (see visit_nearest).
void compare_with_digest(const DigestTitles& digest, const SummaryIndex& index,
                         const std::string& subject, const Vocabulary& vocabulary,
                         const Parameters& p, Signals& signals) {
  const double own = specific_grounding(signals.terms);
  const std::vector<SquashedName> key_names(signals.key_names.begin(), signals.key_names.end());
  double best_other = 0;
  bool named = false;
  const std::size_t compared = visit_nearest(digest, p, [&](std::size_t other) {
    // The title the summary's subject names is the rival, whatever else is grounded as well.
    if (named_by(digest, other, subject, vocabulary, p)) {
      signals.rival = Rival{other, std::string(digest.titles[other]), 1.0, true};
      return named = true;
    }
    const double grounding =
        rival_grounding(digest, other, index, key_names, vocabulary, p, best_other);
    if (grounding > best_other) {
      best_other = grounding;
      signals.rival = Rival{other, std::string(digest.titles[other]), grounding};
    }
    return false;
  });
  if (named) return;
  signals.unbeaten = compared > 0 && best_other <= own;
  signals.distinct = compared > 0 && own > 0 && own >= best_other + p.rival_margin;
  if (signals.rival && (signals.rival->grounding < p.rival_grounding ||
                        signals.rival->grounding < own + p.rival_margin)) {
    signals.rival.reset();  // not grounded well enough to point at it
  }
}

// Whether the summary writes fewer than min_gloss_words English words (tokens of three or more
// Latin letters with a lowercase one) beside its names: glosses ("추천 시스템(recommender
// systems)") or English prose, which a summary of another paper would fill with that paper's
// words. Without them a missing title word says only that no lexicon knows its Korean rendering.
bool unglossed(const std::vector<Token>& tokens, const Signals& signals, const Parameters& p) {
  std::unordered_set<std::string_view> names;
  for (const auto& [name, count] : signals.names) names.insert(name);
  std::size_t words = 0;
  for (auto token = tokens.begin(); token != tokens.end() && words < p.min_gloss_words; ++token) {
    const bool lowercase = std::any_of(token->text.begin(), token->text.end(),
                                       [](char c) { return c >= 'a' && c <= 'z'; });
    if (token->text.size() >= 3 && lowercase && !names.contains(token->text)) ++words;
  }
  return words < p.min_gloss_words;
}

// Whether every title term the summary misses is a word (or a catchphrase word) that no lexicon
// renders in Korean, nor any hyphen part of it (a family's renderings are guesses): the summary
// may render them in ways no lexicon knows, and their absence says little. A missing name
// (written as it is in either language) or a word the lexicons render speaks against the title.
bool misses_only_unrendered(const std::vector<TitleTerm>& terms, const Vocabulary& vocabulary) {
  const auto rendered = [&](std::string_view stem_key) {
    return !vocabulary.renderings_of(stem_key, 0).empty();
  };
  bool missing = false;
  for (const TitleTerm& term : terms) {
    if (term.found || term.kind == TitleTerm::Kind::common || term.weight <= 0) continue;
    if (term.kind != TitleTerm::Kind::word && term.kind != TitleTerm::Kind::catchphrase) {
      return false;
    }
    if (rendered(term.stemmed)) return false;
    bool part_rendered = false;
    for_each_content_part(term.text, vocabulary, [&](std::string_view part) {
      part_rendered = part_rendered || rendered(stem(part));
    });
    if (part_rendered) return false;
    missing = true;
  }
  return missing;
}

// The name the summary keeps using most, when it uses it at least key_name_min_uses times.
std::optional<std::string_view> key_name(const NameUses& names, const Parameters& p) {
  if (names.empty() || names.front().second < p.key_name_min_uses) return std::nullopt;
  return names.front().first;
}

// Whether the summary is about the title's paper by name: it writes the title's name in full,
// even one made of ordinary words ("Depth Anything"), which a moved summary would have to share;
// or the name it keeps using most is written in the title, or abbreviates it ("MoSLoRA" for
// "Mixture-of-Subspaces in Low-Rank Adaptation"; an expansion it shares a word with does not).
bool anchored(const NameUses& names, const DigestTitles& digest, const SummaryIndex& index,
              const Vocabulary& vocabulary, const Parameters& p) {
  const std::string_view title = digest.titles[digest.own];
  const std::string name = squash(title_name(title, p.max_name_words));
  if (name.size() >= p.anchor_name_length && index.writes(name)) return true;
  const std::optional<std::string_view> key = key_name(names, p);
  return key && (written_in_title(*key, digest.squashed(digest.own), vocabulary) ||
                 abbreviates(*key, title));
}

// Whether the summary writes its title's name as the title writes it (letter case aside), a
// name anchored() finds before any other signal: then it is in the squashed summary too.
bool writes_title_name(std::string_view title, const SummaryIndex& index, const Parameters& p) {
  const std::string name = title_name(title, p.max_name_words);
  return squash(name).size() >= p.anchor_name_length &&
         index.lowercase().find(ascii_lower(name)) != std::string::npos;
}

// Whether the name the summary keeps using most, of kShortName letters or more, is written whole
// in its title: anchored() finds it so too (written_in_title()'s first test), and this test needs
// neither the title's terms nor its squashed parts.
bool key_name_in_title(const NameUses& names, std::string_view title, const Parameters& p) {
  const std::optional<std::string_view> key = key_name(names, p);
  if (!key) return false;
  const std::string name = squash(*key);
  return name.size() >= kShortName && squash(title).find(name) != std::string::npos;
}

// Whether no finding is possible from the cheap signals alone, which most summaries settle: the
// summary is grounded by its words and the lexicons (sounds can only add to that), and it is no
// template (it keeps using a name of its own, or has fewer than many_boilerplate template
// phrases). Leaves the grounding found so far in `signals`: looking up stops once it is enough.
bool fine_already(Signals& signals, const NameUses& names, const SummaryIndex& index,
                  const Parameters& p) {
  signals.grounding = ground(signals.terms, index, p.weak_grounding);
  if (signals.grounding < p.weak_grounding) return false;
  const bool names_its_own = key_name(names, p).has_value();
  const int phrases = names_its_own ? 0 : index.boilerplate_count();
  return !reportable(signals.grounding, template_like(names_its_own, phrases, p), phrases, p);
}

}  // namespace

bool template_like(bool names_its_own, int phrases, const Parameters& p) {
  return !names_its_own && phrases >= p.min_boilerplate;
}

bool reportable(double grounding, bool template_like, int phrases, const Parameters& p) {
  return grounding < p.weak_grounding || (template_like && phrases >= p.many_boilerplate);
}

namespace {

// What a squashed title holds on the heap.
std::size_t heap_bytes(const SquashedTitle& title) {
  std::size_t bytes = heap_bytes(title.whole) + heap_bytes(title.short_pieces);
  bytes += SquashedTitleMemo::kBlockBytes + title.words.capacity() * sizeof(SquashedTitle::Word);
  for (const SquashedTitle::Word& word : title.words) {
    bytes += heap_bytes(word.squashed) + heap_bytes(word.written);
  }
  return bytes;
}

// A title's value (its terms, its squashed form) from the digest's `cache`, else from the memo of
// titles met before (kept once met twice), else worked out; `bytes_of` tells what a value holds.
template <typename Value, typename WorkOut, typename BytesOf>
const Value& title_value(std::vector<std::shared_ptr<const Value>>& cache,
                         const DigestTitles& digest, std::size_t index,
                         checks::TextMemo<Value>* memo, WorkOut work_out, BytesOf bytes_of) {
  cache.resize(digest.titles.size());
  std::shared_ptr<const Value>& cached = cache[index];
  if (!cached) {
    cached = memo ? memo->value_of(checks::TextMemo<Value>::key({digest.titles[index]}), work_out,
                                   bytes_of)
                  : std::make_shared<const Value>(work_out());
  }
  return *cached;
}

}  // namespace

const std::vector<TitleTerm>& DigestTitles::terms(std::size_t index, const Vocabulary& vocabulary,
                                                  const Parameters& parameters) const {
  return title_value(
      term_cache, *this, index, terms_memo,
      [&] { return title_terms(titles[index], vocabulary, parameters); },
      [](const std::vector<TitleTerm>& terms) { return sizeof terms + heap_bytes(terms); });
}

const std::vector<std::optional<std::string>>& DigestTitles::squashed_names(
    const Vocabulary& vocabulary, const Parameters& parameters) const {
  if (name_cache.size() != titles.size()) {
    name_cache.resize(titles.size());
    // The name title_terms() opens a title's terms with: most titles' terms are never needed.
    for (std::size_t index = 0; index < titles.size(); ++index) {
      const std::string name = title_name(titles[index], parameters.max_name_words);
      if (is_a_name(name, vocabulary)) name_cache[index] = squash(name);
    }
  }
  return name_cache;
}

namespace {

// Whether at most digest_max_share of the other summaries of the max_rivals nearest entries pass
// `has` (given an entry's index), reading no more of them than it takes to know: a native word
// that sounds like a title word is in most of them, and their sounds need not all be built.
// `alone`: the answer when none of those entries has a summary.
template <typename Has>
bool few_others(const DigestTitles& digest, const Parameters& p, bool alone, Has has) {
  const auto summarized = [&](std::size_t index) {
    return index < digest.summaries.size() && !digest.summaries[index].empty();
  };
  std::size_t others = 0;
  visit_nearest(digest, p, [&](std::size_t index) {
    others += summarized(index);
    return false;
  });
  if (others == 0) return alone;
  const auto share = [&](std::size_t count) {
    return static_cast<double>(count) / static_cast<double>(others);
  };
  std::size_t passing = 0, read = 0;
  bool few = true;
  visit_nearest(digest, p, [&](std::size_t index) {
    if (!summarized(index)) return false;
    // Few even if every summary left passes: the rest need not be read.
    if (share(passing + (others - read)) <= p.digest_max_share) return true;
    ++read;
    if (!has(index)) return false;
    few = share(++passing) <= p.digest_max_share;
    return !few;
  });
  return few;
}

}  // namespace

bool DigestTitles::few_others_use(std::string_view lowercase_word,
                                  const Parameters& parameters) const {
  lowercase_cache.resize(summaries.size());
  return few_others(*this, parameters, false, [&](std::size_t index) {
    if (!lowercase_cache[index]) lowercase_cache[index] = ascii_lower(summaries[index]);
    return uses_of(*lowercase_cache[index], lowercase_word) > 0;
  });
}

const HangulSounds& DigestTitles::sounds_of(std::size_t index) const {
  sounds_cache.resize(summaries.size());
  if (!sounds_cache[index]) sounds_cache[index].emplace(summaries[index]);
  return *sounds_cache[index];
}

bool DigestTitles::few_others_sound(std::string_view word, const Parameters& parameters) const {
  // A summary is read for its first two questions and indexed from its third on, so that however
  // many a digest asks, each summary is read at most three times (twice, then for its index). On
  // 200 real days none was asked a third time: an index built for one question costs a dozen
  // reads (its memory is fresh and faults in).
  sound_questions.resize(summaries.size());
  const std::size_t min_length = parameters.transliteration_min_length;
  return few_others(*this, parameters, true, [&](std::size_t index) {
    const bool indexed = index < sounds_cache.size() && sounds_cache[index];
    if (!indexed && sound_questions[index]++ < kReadsBeforeIndex) {
      return sounds_in(summaries[index], word, min_length);
    }
    return sounds_of(index).contains(word, min_length);
  });
}

std::size_t uses_of(std::string_view lowercase_text, std::string_view lowercase_word) {
  if (lowercase_word.empty()) return 0;
  std::size_t uses = 0;
  for (std::size_t at = lowercase_text.find(lowercase_word); at != std::string_view::npos;
       at = lowercase_text.find(lowercase_word, at + 1)) {
    if (at > 0 && is_ascii_alnum(lowercase_text[at - 1])) continue;
    std::size_t end = at + lowercase_word.size();
    if (lowercase_text.substr(end, 2) == "es") {
      end += 2;
    } else if (end < lowercase_text.size() && lowercase_text[end] == 's') {
      ++end;
    }
    if (end < lowercase_text.size() && is_ascii_letter(lowercase_text[end])) continue;  // "apiary"
    ++uses;
  }
  return uses;
}

const TitleText& DigestTitles::text(std::size_t index) const {
  text_cache.resize(titles.size());
  if (!text_cache[index]) text_cache[index] = title_text(titles[index]);
  return *text_cache[index];
}

const SquashedTitle& DigestTitles::squashed(std::size_t index) const {
  return title_value(
      squashed_cache, *this, index, squashed_memo, [&] { return squash_title(titles[index]); },
      [](const SquashedTitle& title) { return sizeof title + heap_bytes(title); });
}

Signals analyse(const DigestTitles& digest, std::string_view summary, std::size_t lead,
                const Vocabulary& vocabulary, const Parameters& parameters, Depth depth,
                const Settling* settling) {
  const std::string_view title = digest.titles[digest.own];
  const std::string_view opening = summary.substr(0, std::min(lead, summary.size()));
  const bool until_fine = depth == Depth::until_fine;
  // Until fine, a summary settled before under this title is settled again, unless its subject
  // names another title here; one met before is kept once settled.
  SettledMemo::Key key{};
  bool keep = false;
  if (settling && until_fine) {
    const std::size_t lead_bytes = opening.size();
    key = SettledMemo::key({title, as_bytes(lead_bytes)}, settling->text);
    const auto [kept, met_before] = settling->memo.find(key);
    if (kept && !names_another_title(digest, kept->subject, vocabulary, parameters)) {
      return kept->signals();
    }
    keep = met_before && !kept;
  }
  Signals signals;
  thread_local SummaryBuffers buffers;
  SummaryIndex index(summary, buffers, digest, vocabulary, parameters);
  // No verdict accuses an anchored summary (assess): until fine, one is settled by the first
  // test that finds it anchored, the cheapest first (its title's name as the title writes it,
  // then its key name written whole in the title, then anchored()).
  const auto settle_anchored = [&signals] {
    signals.settled = signals.anchored = true;
    return signals;
  };
  if (until_fine && writes_title_name(title, index, parameters)) return settle_anchored();
  const NameUses names = summary_names(index, buffers, vocabulary, parameters);
  if (until_fine && key_name_in_title(names, title, parameters)) return settle_anchored();
  signals.terms = digest.terms(digest.own, vocabulary, parameters);
  // A summary grounded by its title can still be about another entry's paper by name.
  std::string subject = main_subject(names, opening, parameters);
  std::string own_subject = keep ? subject : std::string();
  if (!names_another_title(digest, subject, vocabulary, parameters) ||
      connected(names.front().first, title, digest.squashed(digest.own), summary, vocabulary)) {
    subject.clear();
  }
  if (until_fine && subject.empty() && fine_already(signals, names, index, parameters)) {
    signals.settled = true;
    if (keep) {
      auto kept = std::make_shared<const SettledSummary>(
          SettledSummary{signals.grounding, std::move(own_subject)});
      settling->memo.keep(key, kept, bytes_of(*kept));
    }
    return signals;
  }
  signals.anchored = anchored(names, digest, index, vocabulary, parameters);
  if (until_fine && signals.anchored) return settle_anchored();
  signals.names.reserve(names.size());
  for (const auto& [name, count] : names) signals.names.emplace_back(name, count);
  index.be_thorough();
  signals.grounding = ground(signals.terms, index);
  if (signals.grounding < parameters.weak_grounding &&
      count_names_of_the_day(signals.terms, digest, index, parameters)) {
    signals.grounding = found_share(signals.terms);  // the other terms were looked up already
  }
  signals.boilerplate = boilerplate_in(index.phrase_counts(), vocabulary);
  // A LaTeX macro (`\method`) often stands in for the paper's name: the name is then hidden,
  // not missing (text/latex-artifact reports the macro).
  const bool macro = std::adjacent_find(summary.begin(), summary.end(), [](char a, char b) {
                       return a == '\\' && ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'));
                     }) != summary.end();
  signals.name_missing = !macro && !signals.terms.empty() &&
                         signals.terms.front().kind == TitleTerm::Kind::name &&
                         !signals.terms.front().found;

  // The most repeated names say what a summary is about.
  for (const auto& [text, count] : signals.names) {
    if (count < parameters.key_name_min_uses ||
        signals.key_names.size() == parameters.max_key_names) {
      break;
    }
    signals.key_names.push_back(text);
    const SquashedTitle& squashed_title = digest.squashed(digest.own);  // once needed
    if (connected(text, title, squashed_title, summary, vocabulary)) {
      signals.connected_names.push_back(text);
    }
    if (is_subject(text, count, opening, parameters)) signals.subject_names.push_back(text);
  }
  // A template that assess() reports, whatever the rest, and about no other entry's paper: its
  // verdict and evidence read no rival, field or gloss, the costliest signals left.
  const int phrases = static_cast<int>(signals.boilerplate.size());
  const bool template_summary = template_like(!signals.key_names.empty(), phrases, parameters);
  if (until_fine && subject.empty() && template_summary &&
      reportable(signals.grounding, template_summary, phrases, parameters)) {
    return signals;
  }
  if (signals.grounding < parameters.weak_grounding || !subject.empty()) {
    compare_with_digest(digest, index, subject, vocabulary, parameters, signals);
  }
  if (signals.grounding < parameters.weak_grounding) {
    signals.unglossed = unglossed(index.tokens(), signals, parameters);
    signals.unrendered = misses_only_unrendered(signals.terms, vocabulary);
  }

  signals.title_fields =
      field_names_in(vocabulary.phrases.count_in_lowercase(title), vocabulary, 1);
  signals.conflicting_field = conflicting_field(signals.title_fields, index.phrase_counts(),
                                                vocabulary, parameters.min_field_hits);
  return signals;
}

Signals SettledSummary::signals() const {
  Signals settled;
  settled.settled = true;
  settled.grounding = grounding;
  return settled;
}

bool Signals::weak_fit(const Parameters& parameters) const {
  return !settled && !anchored && grounding < parameters.weak_grounding &&
         !template_like(!key_names.empty(), static_cast<int>(boilerplate.size()), parameters);
}

void count_weak_fits(std::vector<std::optional<Signals>>& analysed, const Parameters& parameters) {
  std::size_t weak = 0, summaries = 0;
  for (const std::optional<Signals>& signals : analysed) {
    if (!signals) continue;
    ++summaries;
    weak += signals->weak_fit(parameters);
  }
  const bool shifted =
      weak >= parameters.shifted_digest_min &&
      static_cast<double>(weak) / static_cast<double>(summaries) >= parameters.shifted_digest_share;
  for (std::optional<Signals>& signals : analysed) {
    if (!signals) continue;
    signals->digest_weak = weak;
    signals->digest_summaries = summaries;
    signals->in_shifted_digest = shifted && signals->weak_fit(parameters);
  }
}

void mark_rivals_keeping_their_own(std::vector<std::optional<Signals>>& analysed,
                                   const Parameters& parameters) {
  for (std::optional<Signals>& signals : analysed) {
    // A summary whose subject is another entry's name is about that paper either way: a second
    // summary of it, not a copy, is wrong wherever it stands.
    if (!signals || !signals->rival || signals->rival->named) continue;
    const std::size_t entry = signals->rival->entry;
    signals->rival->keeps_own =
        entry < analysed.size() && analysed[entry] && analysed[entry]->grounded(parameters);
  }
}

}  // namespace digestlint::summary
