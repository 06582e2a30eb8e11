#pragma once
// Names on both sides of a summary: the title's name and the forms a summary may write it in
// (variants), and whether a name the summary keeps using connects to the title.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/summary_vocabulary.hpp"

namespace digestlint::summary {

// "TideNet: Forecasting …" -> "TideNet"; "Lumen -- Low-Light …" -> "Lumen". Empty when there
// is no separator or the part before it has more than `max_words` words.
std::string title_name(std::string_view title, int max_words);

// Whether a title name is a name ("TideNet", "LLM-3D Print", "Video-LLaVA") rather than a
// catchphrase made of ordinary words ("Found in the Middle"), which summaries rarely render.
bool looks_like_name(std::string_view name, const Vocabulary& vocabulary);

// The title's words (split at spaces, hyphens, colons and commas), without the small function
// words unless asked: "Sparse Routing for Video" -> {Sparse, Routing, Video}.
std::vector<std::string_view> title_words(std::string_view title, bool keep_small_words = false);

// Whether the summary (squashed, see summary_text.hpp) writes the name or a variant of it: the
// name itself inside a longer one ("Llama" in "Llama-3-70B"), or one of its distinctive parts
// with any version suffix dropped ("Foo" for "Foo-LLM", "Qwen" for "Qwen2.5-VL").
bool name_variant_in(std::string_view name, std::string_view squashed_summary,
                     const Vocabulary& vocabulary);

// The parts of a compound name: "User-LLM" -> {User, LLM}, "EdgeFusion" -> {Edge, Fusion},
// "LLM-3D Print" -> {LLM, 3D, Print}.
std::vector<std::string_view> name_parts(std::string_view name);

// "HPT" against "Heterogeneous Pre-trained Transformers": the acronym's letters are the initials
// of consecutive title words.
bool initials_match(std::string_view acronym, const std::vector<std::string_view>& words);

// "MoSLoRA" against "Mixture-of-Subspaces in Low-Rank Adaptation": the name's letters (at least
// four) are the opening letters of two or more consecutive title words, in order, each giving at
// least one but a small word ("of", "in"), which may give none.
bool abbreviates(std::string_view name, std::string_view title);

// Stems of the words written beside a name as its expansion: "Erasure of Language Memory (ELM)",
// "ELM (Erasure of Language Memory)" or "(Erasure of Language Memory, ELM)".
std::vector<std::string> expansions(std::string_view summary, std::string_view name);

// A name squashed to fewer characters than this is short: it is looked for among a title's
// short pieces rather than anywhere in it.
inline constexpr std::size_t kShortName = 5;

// A title squashed (see summary_text.hpp) for written_in_title(): whole, its short pieces and its
// words. Worked out once per title: each summary compares several names with it.
struct SquashedTitle {
  std::string whole;
  // Each run of consecutive segments of a title token, of at most kShortName letters and digits
  // ("ne", "nerf", "pynerf" of "PyNeRF"; "di", "dit" of "Human4DiT"): what a short name can be.
  // One string, each piece followed by '\n' and the first one preceded by it: "\nne\nnerf\n".
  std::string short_pieces;
  // Its words of three letters or more but the small ones (title_words()), squashed and as
  // written; none that squashes to nothing. Which are distinctive is asked only of a word a name
  // is found to start with: few are, and asking it of every word was a third of squashing a
  // title.
  struct Word {
    std::string squashed, written;
  };
  std::vector<Word> words;
};
SquashedTitle squash_title(std::string_view title);

// A name squashed for written_in_title(): once for all the titles of a digest it is compared
// with, where squashing it again for each title was most of the comparison.
struct SquashedName {
  explicit SquashedName(std::string_view name);
  std::string whole;
  // A short name's letters and digits as a short piece, and its plural ("\nllm\n", "\nllms\n");
  // empty for a long name, or one without letters and digits.
  std::string piece, plural_piece;
  // A hyphenated name's parts squashed, when each has two characters or more: then it may be a
  // compound of title words.
  std::optional<std::vector<std::string>> compound_parts;
  std::vector<std::size_t> part_ends;  // where each of its parts (name_parts()) ends in whole
};

// The name is written in the title ("UniAff"; a short name, as its letters and digits, must be
// a short piece of it or that piece's plural, as "NeRF" in "PyNeRF", not "ODE" in "Models"), or
// a distinctive title word is one of its parts or runs over whole parts, a number allowed after
// it ("Gaussian" in "PhysGaussian2").
bool written_in_title(const SquashedName& name, const SquashedTitle& title,
                      const Vocabulary& vocabulary);
bool written_in_title(std::string_view name, const SquashedTitle& title,
                      const Vocabulary& vocabulary);

// A title squashed, and its letters and digits alone (lowercased): all may_be_written_in()
// reads, and a fraction of the work of a SquashedTitle.
struct TitleText {
  std::string squashed, letters;
};
TitleText title_text(std::string_view title);

// False only where written_in_title() is false, from the title's text alone: each of its tests
// needs a piece of the name in the squashed title or in its letters. Most names compared with
// another entry's title are not written in it, and this answers for them without squashing it
// into its pieces and words.
bool may_be_written_in(const SquashedName& name, const TitleText& title);

// Written in the title, an acronym of consecutive title words (or has one as a part:
// "SGP-Bench"), an abbreviation of them ("MoSLoRA"), or given in the summary with an expansion that
// shares a distinctive title word.
bool connected(std::string_view name, std::string_view title, const SquashedTitle& squashed_title,
               std::string_view summary, const Vocabulary& vocabulary);

}  // namespace digestlint::summary
