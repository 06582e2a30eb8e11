#pragma once
// Text utilities for the summary-quality checks: summaries mix Korean prose with English names,
// acronyms and glosses, so everything here treats ASCII letters as the only "word" characters
// and leaves Korean to substring matching.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace digestlint::summary {

// A run of Latin letters and digits starting with a letter, with inner '-', '.' or '\'' joining
// further runs: "GPT-4-Turbo", "MM1.5", "Fill-in-the-Middle". Offsets are bytes into the text.
struct Token {
  std::string_view text;
  std::size_t offset = 0;
};

std::vector<Token> latin_tokens(std::string_view text);

std::string ascii_lower(std::string_view text);

// Lowercases ASCII and drops whitespace, '-', '_' and '^', so "Tide-Net", "tide net" and "TideNet"
// compare equal, and "Transformer^2" and "Transformer2". Non-ASCII bytes are kept.
std::string squash(std::string_view text);

// Removes Markdown emphasis and code markers and keeps the text of links: "**a** [b](c)" -> "a b".
std::string strip_markup(std::string_view text);

// A light English stemmer: strips a common suffix ("-ation", "-ing", "-ure", "-s", …) when at
// least four letters remain, twice, so "Erasing" and "Erasure" both become "eras" and
// "captioning" and "captions" both "capt". Lowercases.
std::string stem(std::string_view word);

// Whether a token looks like a name rather than an ordinary word: an acronym or CamelCase
// ("HPT", "NavStack"), letters with digits ("CSI300"), or, outside titles (which capitalize every
// word), a Capitalized-Hyphenated compound ("Cross-Gating"). `common` holds lowercased
// names every ML text uses (Transformer, BERT …), which never count.
bool is_name_like(std::string_view token, bool in_title,
                  const std::unordered_set<std::string>& common);

// Splits a lexicon entry "key: a, b, c" into its key and values (trimmed, empty ones dropped).
// An entry without ':' is a key with no values.
std::pair<std::string, std::vector<std::string>> split_entry(std::string_view entry);

// Sorted, distinct hashes of the `width`-character shingles of `text` with whitespace and ASCII
// punctuation removed and ASCII lowercased: robust to re-wrapping, spacing and markup changes.
std::vector<std::uint64_t> shingles(std::string_view text, std::size_t width);
// The same hashes unsorted and possibly repeated, for consumers that don't need a set (MinHash).
std::vector<std::uint64_t> shingle_hashes(std::string_view text, std::size_t width);
// Jaccard similarity of two sorted, distinct hash sets.
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// Many fixed strings found in one pass over a text (Aho–Corasick over bytes). Korean phrases share
// their first UTF-8 bytes, which makes one find() per phrase slow; this scans each byte once.
class PhraseMatcher {
 public:
  // Adds a pattern and returns its id; `word_start` patterns only count where the byte before
  // is not an ASCII letter or digit. Adding the same pattern twice returns the same id.
  std::size_t add(std::string_view pattern, bool word_start = false);
  // Links the trie into an Aho–Corasick automaton; call once after the last add(). The first
  // `full_nodes` nodes breadth-first get a full row of moves; tests pass a small number to
  // exercise the sparse nodes beyond them.
  void build(std::size_t full_nodes = kFullNodes);
  std::size_t size() const { return patterns_.size(); }
  // Occurrences of each pattern id in text (overlapping ones included).
  std::vector<int> count(std::string_view text) const;
  // count(ascii_lower(text)), without the lowercased copy.
  std::vector<int> count_in_lowercase(std::string_view text) const;

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::uint32_t>> next;  // trie edges, sorted by byte
    std::vector<std::uint32_t> out;  // pattern ids ending here, suffix matches included
  };
  using ByteClasses = std::array<std::uint16_t, 256>;
  // A node beyond the full rows: its trie edges, [edge_begin, next node's edge_begin) of
  // edge_classes_ and edge_moves_, and where to continue when none matches.
  struct SparseNode {
    std::uint32_t edge_begin = 0;
    std::uint32_t fail = 0;  // the failure node's position (see moves_)
  };
  // Full rows for this many nodes take 388 KiB with the shipped lexicons (97 byte classes; rows
  // for all 8,904 nodes took 3.3 MiB): a scan spends most bytes in them, the table mostly stays
  // in cache, and start-up faults in fewer pages.
  static constexpr std::size_t kFullNodes = 1024;
  std::int64_t trie_child(std::uint32_t node, unsigned char byte) const;
  void assign_byte_classes();
  // Numbers the nodes breadth-first, so the shallow ones, where a scan spends most bytes, have
  // their rows of the move table side by side and come first (the ones with full rows).
  void number_breadth_first();
  void flatten_outputs();
  std::uint32_t node_at(std::uint32_t position) const;
  // The move after `move` on a byte class: from its target's full row, else by the target's
  // own edges or, failing them, by its failure node's move.
  std::uint32_t step(std::uint32_t move, std::uint16_t byte_class) const;
  std::vector<int> count_with(std::string_view text, const ByteClasses& classes) const;
  std::vector<Node> nodes_{1};
  std::vector<std::pair<std::string, bool>> patterns_;
  std::map<std::pair<std::string, bool>, std::size_t> ids_;  // patterns_ inverted
  // Bytes no pattern uses share class 0; the others get a class each, which keeps the move table
  // a fraction of 256 columns wide.
  ByteClasses byte_class_{};
  // byte_class_ of each byte lowercased: scanning a text with it scans the text lowercased.
  ByteClasses lowercase_class_{};
  std::size_t class_count_ = 1;
  // A node's position is its row's offset in moves_ for the first full_nodes_ nodes, and
  // full_size_ plus its index among the others after them. A move is the target's position times
  // two, plus one when patterns end there: the scan then neither multiplies nor looks up matches
  // for most bytes.
  std::uint32_t full_nodes_ = 1;
  std::uint32_t full_size_ = 1;  // moves_.size()
  // The automaton's move from each of the first full_nodes_ nodes on each byte class; before
  // build(), the root's row alone, so that an empty matcher counts nothing.
  std::vector<std::uint32_t> moves_ = std::vector<std::uint32_t>(1, 0);
  // The other nodes keep their trie edges and failure link, followed while scanning until a
  // node with a full row: failure nodes are shallower, so a byte takes few hops, and most of
  // these nodes have one or two edges, which a full row would spend class_count_ entries on.
  std::vector<SparseNode> sparse_ = std::vector<SparseNode>(1);  // one past the last node too
  std::vector<std::uint16_t> edge_classes_;
  std::vector<std::uint32_t> edge_moves_;
  // Node::out of every node in one array, node n's at [output_begin_[n], output_begin_[n + 1]):
  // the scan checks each byte's node for matches, and most nodes have none.
  std::vector<std::uint32_t> outputs_;
  std::vector<std::uint32_t> output_begin_ = std::vector<std::uint32_t>(2, 0);
};

}  // namespace digestlint::summary
