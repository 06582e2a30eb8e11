#pragma once
// The signals behind the summary rules, computed per entry: how well the title's terms are
// grounded in the summary (in English, through the Korean lexicons, or transliterated), which
// names the summary is about and whether they connect to the title, template boilerplate, and
// research fields.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/summary_names.hpp"
#include "checks/summary_vocabulary.hpp"
#include "checks/text_memo.hpp"
#include "checks/transliteration.hpp"

namespace digestlint::summary {

struct TitleTerm {
  enum class Kind { name, entity, word, common, catchphrase };
  Kind kind;
  std::string text;
  double weight = 0;
  bool found = false;
  std::string stemmed{};  // stem(text) for words (not names), looked up in every summary
};

// Another entry of the same digest whose title the summary grounds better than its own: the
// summary may have been moved from there.
struct Rival {
  std::size_t entry = 0;  // index in the digest
  std::string title;
  double grounding = 0;
  bool named = false;  // the title opens with the summary's main subject
  // Not named, and its entry has a summary of its own that its title grounds. A summary moved
  // from an entry leaves it with another's (summaries swapped or shifted), or was copied, and
  // summary/duplicate-summary reports the copy: a title whose entry keeps its own summary only
  // shares the topic.
  bool keeps_own = false;
};

// The terms of titles met more than once (title_terms(), which reads the title alone), by title:
// kept for the copies of an entry in a long archive, and for a language server's next lint.
using TitleTermsMemo = checks::TextMemo<std::vector<TitleTerm>>;
// Titles squashed (squash_title(), which reads the title alone), the same way.
using SquashedTitleMemo = checks::TextMemo<SquashedTitle>;

// The titles of the summary's digest, to compare the summary's own title against, and their
// summaries. Each title's terms are worked out once, when first compared, however many summaries
// are compared with it.
struct DigestTitles {
  std::vector<std::string_view> titles;
  std::size_t own = 0;  // index of the summary's entry
  // Each entry's summary as analysed (empty when it has none); may be left empty altogether,
  // then no other summary is known to use any word.
  std::vector<std::string_view> summaries = {};
  mutable std::vector<std::optional<std::string>> lowercase_cache = {};  // by few_others_use()
  mutable std::vector<std::optional<HangulSounds>> sounds_cache = {};    // by sounds_of()
  // By few_others_sound(): the questions each summary was asked, up to kReadsBeforeIndex + 1.
  mutable std::vector<std::uint8_t> sound_questions = {};
  static constexpr std::uint8_t kReadsBeforeIndex = 2;
  // Filled by terms(); shared with terms_memo when it keeps them.
  mutable std::vector<std::shared_ptr<const std::vector<TitleTerm>>> term_cache = {};
  // Filled by squashed(); shared with squashed_memo when it keeps them.
  mutable std::vector<std::shared_ptr<const SquashedTitle>> squashed_cache = {};
  mutable std::vector<std::optional<std::string>> name_cache = {};  // by squashed_names()
  mutable std::vector<std::optional<TitleText>> text_cache = {};    // by text()

  // Where terms() and squashed() look up titles met before; null: each title's are worked out.
  TitleTermsMemo* terms_memo = nullptr;
  SquashedTitleMemo* squashed_memo = nullptr;
  const std::vector<TitleTerm>& terms(std::size_t index, const Vocabulary& vocabulary,
                                      const Parameters& parameters) const;
  const SquashedTitle& squashed(std::size_t index) const;
  // A title's text squashed and its letters (title_text()), once for the digest: whether a name
  // may be written in the title, before squashing it into its pieces and words.
  const TitleText& text(std::size_t index) const;
  // Each title's name (the term it opens with) squashed, or none when it opens with no name.
  // Known without working out the titles' terms.
  const std::vector<std::optional<std::string>>& squashed_names(const Vocabulary& vocabulary,
                                                                const Parameters& parameters) const;
  // Whether at most digest_max_share of the other entries' summaries (of the max_rivals nearest
  // entries, those with a summary) write a lowercase word (uses_of); false when none has one.
  bool few_others_use(std::string_view lowercase_word, const Parameters& parameters) const;
  // Whether at most that share of them spell a word in Hangul (HangulSounds::contains, at least
  // transliteration_min_length); true when none has a summary. Both stop reading summaries once
  // more than that share do.
  bool few_others_sound(std::string_view word, const Parameters& parameters) const;
  // The Hangul sounds of an entry's summary, built once for the digest: each summary's own
  // lookups and the others' share read the same.
  const HangulSounds& sounds_of(std::size_t index) const;
};

// Uses of a lowercase word in a lowercase text, as a whole word or in the plural ("api" in
// "api의", "apis"; not in "rapid").
std::size_t uses_of(std::string_view lowercase_text, std::string_view lowercase_word);

struct Signals {
  std::vector<TitleTerm> terms;
  double grounding = 1;  // weighted share of title terms found in the summary
  bool name_missing = false;
  std::vector<std::pair<std::string, int>> names;  // name-like tokens of the summary by count
  std::vector<std::string> key_names;              // names used at least twice
  std::vector<std::string> connected_names;        // key names that connect to the title
  // Key names introduced in the summary's lead and used at least subject_min_uses times: what the
  // summary is about. Names that appear only later are baselines and datasets, normal in a
  // correct summary.
  std::vector<std::string> subject_names;
  // It writes the title's name, or its most repeated name is written in the title itself or
  // abbreviates its words.
  bool anchored = false;
  std::vector<std::string> boilerplate;  // phrases found
  std::vector<std::string> title_fields;
  std::optional<std::string> conflicting_field;  // the summary's field when it contradicts
  // Only for a weakly grounded summary: the best-grounded other title of the digest, and
  // whether the own title is grounded better than every other by rival_margin (then the weak
  // grounding is more likely a lexicon gap than a wrong summary).
  std::optional<Rival> rival;
  bool distinct = false;
  // Only for a weakly grounded summary. Other titles of the digest were compared and none is
  // grounded better than the own.
  bool unbeaten = false;
  // It writes fewer than min_gloss_words English words beside its names.
  bool unglossed = false;
  // Only for a weakly grounded summary. Every title term it misses is a word that no lexicon
  // renders (nor any part of it): no name, and no word the lexicons could have found.
  bool unrendered = false;
  // Found fine early (Depth::until_fine): grounding is then a lower bound, and the signals after
  // it were not worked out. A summary settled as anchored before its first grounding has no
  // terms, and its grounding is the default.
  bool settled = false;
  // How many of the digest's summaries (this one included) fit their titles weakly (weak_fit()),
  // of how many; and whether this one does, in a digest where at least shifted_digest_share of
  // them do: a pipeline that moved each summary by an entry leaves most of a digest so.
  std::size_t digest_weak = 0, digest_summaries = 0;
  bool in_shifted_digest = false;

  // Weakly grounded, anchored by no name and not template-like (template_like()).
  bool weak_fit(const Parameters& parameters) const;

  // The summary is about names of its own that do not connect to the title.
  bool competing() const { return !subject_names.empty() && connected_names.empty(); }
  // Why nothing but the lexicons' silence speaks against the title, when so (a lexicon gap is
  // then as likely as a wrong summary): it keeps to no field of its own, and either it writes
  // no English that could miss the title and no other title fits it better (unglossed), or no
  // lexicon renders a title word it misses, it is about no name of its own, and no other title
  // fits it better or the one that fits it best keeps its own summary (a shared topic:
  // Rival::keeps_own) (unrendered).
  enum class Silence { none, unglossed, unrendered };
  Silence lexicons_silence() const {
    if (conflicting_field) return Silence::none;
    if (unglossed && unbeaten) return Silence::unglossed;
    if (unrendered && !competing() && (unbeaten || (rival && rival->keeps_own)))
      return Silence::unrendered;
    return Silence::none;
  }
  bool only_lexicons_against() const { return lexicons_silence() != Silence::none; }
  // The rival, unless its entry keeps its own summary.
  const Rival* source() const { return rival && !rival->keeps_own ? &*rival : nullptr; }
  // Its own title grounds it, or it was found fine early.
  bool grounded(const Parameters& parameters) const {
    return settled || anchored || grounding >= parameters.weak_grounding;
  }
};

// Sets each summary's digest_weak, digest_summaries and in_shifted_digest: `analysed` holds every
// entry's signals of a digest, in order (none for an entry without a summary).
void count_weak_fits(std::vector<std::optional<Signals>>& analysed, const Parameters& parameters);

// Marks each rival that is not named and whose entry keeps its own summary (Rival::keeps_own):
// `analysed` holds every entry's signals of a digest, in order (none for an entry without a
// summary).
void mark_rivals_keeping_their_own(std::vector<std::optional<Signals>>& analysed,
                                   const Parameters& parameters);

// Whether a summary with these signals can be reported at all: it is weakly grounded, or it is
// template-like (names nothing of its own repeatedly, min_boilerplate template phrases) with many
// template phrases. assess() and analyse()'s early exit both ask this.
bool template_like(bool names_its_own, int phrases, const Parameters& parameters);
bool reportable(double grounding, bool template_like, int phrases, const Parameters& parameters);

// How far analyse() goes: every signal, or only until no finding is possible. Until fine, a
// summary found fine early is `settled`, and a template that is reported whatever the rest keeps
// the defaults of the signals after its boilerplate (rival, unbeaten, distinct, unglossed,
// unrendered, fields), which its verdict does not read.
enum class Depth { full, until_fine };

// A summary found fine early by its own title and text alone (Signals::settled), and its main
// subject before it was compared with the other titles of its digest: whatever the digest, a copy
// of it under the same title is settled the same, unless that subject names another title there.
// Kept is what a verdict reads of a settled summary: that it is settled, and its grounding (a
// lower bound). Its terms and names are not: copying them back was 2% of a run over 10,000
// recombined digests, where most summaries are copies.
struct SettledSummary {
  double grounding = 0;
  std::string subject;

  // The signals a copy is settled with (Depth::until_fine).
  Signals signals() const;
};
using SettledMemo = checks::TextMemo<SettledSummary>;

// Where analyse() looks up and keeps the summaries it settles: the memo, and the value of the
// summary's text at checks::process_secret()'s points (StrippedSummary::hash).
struct Settling {
  SettledMemo& memo;
  checks::SecretValue text;
};

// `lead` is how many bytes of the summary open it (its first section); `digest` its entry's title
// among the others. `settling`: until fine, a summary settled before under the same title is not
// analysed again; null: every summary is.
Signals analyse(const DigestTitles& digest, std::string_view summary, std::size_t lead,
                const Vocabulary& vocabulary, const Parameters& parameters,
                Depth depth = Depth::full, const Settling* settling = nullptr);

}  // namespace digestlint::summary
