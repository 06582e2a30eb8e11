#pragma once
// What the summary rules know and how they weigh it, read once from the rules' parameters
// (rules/summary.yaml): the vocabularies (lexicons) and every weight and limit of the method.
// summary/generic-template and summary/title-mismatch share one parameter block, so they agree
// on which entries are templates (generic) and which are specific but about something else.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/glossary.hpp"
#include "checks/summary_text.hpp"
#include "rules/rule.hpp"

namespace digestlint::summary {

struct Vocabulary {
  WordTable<> common;         // lowercased names every ML text uses
  WordTable<> stopwords;      // lowercased title words that carry nothing
  WordTable<> generic_stems;  // stems of title words too broad to ground
  // Template phrases and field terms, counted in every summary by one scan of the lowercased
  // text; boilerplate_ids and Field::term_ids are their ids.
  PhraseMatcher phrases;
  // The template phrases alone (boilerplate_phrase_ids are theirs): how many a summary has
  // settles most summaries that name nothing of their own, without scanning for the field terms.
  PhraseMatcher boilerplate_phrases;
  // The lexicons' Korean renderings, thousands: a summary settled early looks up only its own
  // title's, one by one; one analysed in full has them all counted by one scan.
  PhraseMatcher renderings;
  // Stem of an English word -> its renderings: the hand glossary, then the mined lexicon for
  // words the glossary lacks (a hand entry overrides the mined one).
  Glossary glossary;
  // The glossary's one-word stems, sorted: where renderings_of() looks for a word's family.
  std::vector<std::string> family_stems;
  // The renderings of a stem or, when the glossary lacks it, of its word family: the glossary stem
  // sharing the most letters with it, at least `family_prefix` and all but its last two or the
  // other's ("autonomic" takes "autonomous"'s 자율). Empty when neither; 0 asks for no family.
  Glossary::Renderings renderings_of(std::string_view stem_key, std::size_t family_prefix) const;
  // Whether a word says something of its own: it is no common name, stopword or broad title word.
  bool distinctive(std::string_view word) const;
  std::vector<std::string> boilerplate;
  std::vector<std::size_t> boilerplate_ids;
  std::vector<std::size_t> boilerplate_phrase_ids;  // in boilerplate_phrases
  struct Field {
    std::string name;
    std::vector<std::size_t> term_ids;
  };
  std::vector<Field> fields;
};

struct Parameters {
  // Title term weights: the name before the colon, names inside the title, content words, broad
  // words, and the words of a catchphrase title name ("Found in the Middle: …"), which
  // summaries often leave out.
  double name_weight = 3, entity_weight = 2, word_weight = 1, common_weight = 0.3;
  // A title with at least min_specific_terms terms that are not broad weighs its broad words
  // common_weight_beside_specific instead.
  std::size_t min_specific_terms = 2;
  double common_weight_beside_specific = 0;
  double catchphrase_weight = 0.5;
  // A title name of more words than this is a phrase, not a name.
  int max_name_words = 4;
  // Work limits, far above real digests (titles have up to 30 words, summaries a handful of
  // repeated names): only the first max_title_words words of a title are terms, and only the
  // max_key_names most repeated names of a summary are looked up in it. Without them a title
  // of thousands of words, or a summary of thousands of names, costs its size squared.
  std::size_t max_title_words = 64, max_key_names = 32;
  // A summary that writes the title's name in full (at least this many letters and digits) is
  // anchored to it and never reported.
  std::size_t anchor_name_length = 6;
  // Shortest sound skeleton (letters of transliteration.hpp) a Hangul spelling must have to
  // ground a title word; shorter ones collide with native words.
  std::size_t transliteration_min_length = 4;
  // Shortest English word of the own title that a summary's word one letter apart grounds (a
  // misspelling: "Interospection"); 0 turns it off. Shorter words one letter apart are often
  // other words. Other titles' words never do, as for families.
  std::size_t misspelling_min_length = 8;
  // A word of the own title that the lexicons lack takes the renderings of its word family
  // (Vocabulary::renderings_of): a glossary stem sharing at least this many letters with it; 0
  // turns it off. Other titles' words (rivals) never do: a guess is no evidence against a title.
  std::size_t family_prefix_length = 6;
  // Uses of a name the summary introduces in its lead for it to be the summary's subject.
  int subject_min_uses = 2;
  // Uses that make a name a key name (one the summary keeps using; a baseline is mentioned
  // once), and that make a plain capitalized word ("Mamba") a name at all.
  int key_name_min_uses = 2, capitalized_name_min_uses = 3;
  // Grounding (weighted share of title terms found) below which a summary is a candidate.
  double weak_grounding = 0.55;
  // What most of a digest shares says little about one of its papers. A broad name of the title
  // (in the common vocabulary: "APIs", "GPT-4", "RL") that a weakly grounded summary keeps using
  // (key_name_min_uses) counts as an entity of the title when at most this share of the digest's
  // other summaries write it: broad in the field, but what this paper is about on the day. A
  // Hangul spelling that grounds a title word must be in at most this share of them too, or it is
  // a native word that sounds alike (데이터 for "Toto"). The other summaries are those of the
  // max_rivals nearest entries, so a digest of thousands stays linear.
  double digest_max_share = 0.2;
  // Template phrases: a summary naming nothing of its own is template-like from min_boilerplate
  // phrases and a template whatever its grounding from many_boilerplate.
  int min_boilerplate = 2, many_boilerplate = 4;
  int min_field_hits = 3;  // field terms a summary needs to be "in" a field
  // A weakly grounded summary is compared with up to max_rivals other titles of its digest. One
  // grounded at least rival_grounding and better than its own by rival_margin is a rival (the
  // summary may come from there): rival_confidence more. An own title grounded better than every
  // other by the margin takes distinct_discount off (a lexicon gap, more likely than a wrong
  // summary).
  // A rival needs at least rival_min_terms of its specific terms found. A title named by the
  // summary's main subject (its most repeated name, in its lead) is a rival whatever the
  // grounding: named_rival_confidence more.
  std::size_t max_rivals = 64, rival_min_terms = 2;
  double rival_grounding = 0.5, rival_margin = 0.3, rival_confidence = 0.4;
  double named_rival_confidence = 0.7;
  double distinct_discount = 0.2;
  // A weakly grounded summary that no other title fits better and that writes fewer than
  // min_gloss_words English words beside its names takes distinct_discount off too: only the
  // lexicons' silence speaks against its title.
  std::size_t min_gloss_words = 2;
  // A digest where at least shifted_digest_share of the summaries, and shifted_digest_min of
  // them, fit their titles weakly (Signals::weak_fit) looks shifted, summaries moved by an
  // entry: each of those summaries gets shifted_digest_confidence more.
  double shifted_digest_share = 0.3, shifted_digest_confidence = 0.1;
  std::size_t shifted_digest_min = 2;
  // Confidence: the missing grounding weighs grounding_confidence, each further sign (title
  // name missing, a competing subject, a contradicting field) sign_confidence, and each
  // template phrase boilerplate_confidence.
  double grounding_confidence = 0.6, sign_confidence = 0.15, boilerplate_confidence = 0.15;
  // A template-like summary that still names something specific (even once) loses
  // named_template_discount: stock phrases around real names are more often a terse good summary.
  double named_template_discount = 0.2;
  // Bands: a finding from warning_confidence (template_warning_confidence for a template) has the
  // rule's severity, from note_confidence it is a note, below it is not reported. Templates get a
  // band of their own: their phrases are evidence that a good summary rarely has.
  double warning_confidence = 0.7, template_warning_confidence = 0.5, note_confidence = 0.3;
};

// The vocabulary's lists as a rule's params give them, read and checked (the constructor throws
// RuleError for an invalid one, as the rule loads) and built into a Vocabulary on demand: the
// build is most of the start-up of a run, which a run that analyses no summary (every file from
// the result cache, no digest, other rules chosen) need not pay. Neither copied nor moved: the
// checked entries point into the lists.
class VocabularySource {
 public:
  using Entry = std::pair<std::string_view, std::vector<std::string_view>>;  // key: values
  explicit VocabularySource(const RuleSpec& rule);
  VocabularySource(const VocabularySource&) = delete;
  VocabularySource& operator=(const VocabularySource&) = delete;
  Vocabulary build() const;

 private:
  std::vector<std::string> common_, stopwords_, generic_words_, boilerplate_;
  std::vector<std::string> glossary_, mined_glossary_, fields_;
  std::vector<Entry> glossary_entries_, mined_entries_, field_entries_;
};

// Read from a rule's params; throw RuleError for invalid values.
Parameters read_parameters(const RuleSpec& rule);

// The parameter names both summary rules accept.
const std::vector<std::string_view>& parameter_names();

}  // namespace digestlint::summary
