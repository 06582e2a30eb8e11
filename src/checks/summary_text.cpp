#include "checks/summary_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "model/source.hpp"
#include "model/text.hpp"

namespace digestlint::summary {
namespace {

constexpr bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
constexpr bool is_alnum(char c) {
  return is_alpha(c) || is_ascii_digit(c);
}
constexpr bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
constexpr bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

}  // namespace

std::vector<Token> latin_tokens(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    // A token starts at a letter that does not continue an alphanumeric run ("3D" is skipped).
    if (!is_alpha(text[i]) || (i > 0 && is_alnum(text[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (true) {
      while (end < text.size() && is_alnum(text[end])) ++end;
      const bool joiner = end + 1 < text.size() &&
                          (text[end] == '-' || text[end] == '.' || text[end] == '\'') &&
                          is_alnum(text[end + 1]);
      if (!joiner) break;
      ++end;
    }
    tokens.push_back({text.substr(i, end - i), i});
    i = end;
  }
  return tokens;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string squash(std::string_view text) {
  // Each byte as squash() writes it, or -1 where it is dropped: one lookup per byte of every
  // summary instead of a chain of comparisons.
  static constexpr std::array<std::int16_t, 256> kSquashed = [] {
    std::array<std::int16_t, 256> squashed{};
    for (int byte = 0; byte < 256; ++byte) {
      const char c = static_cast<char>(byte);
      const bool dropped =
          c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_' || c == '^';
      squashed[byte] = dropped ? -1 : static_cast<unsigned char>(is_upper(c) ? c - 'A' + 'a' : c);
    }
    return squashed;
  }();
  // Written through a pointer into a buffer sized for the whole text and cut to length after:
  // push_back() checked the capacity for each byte of every summary.
  std::string out(text.size(), '\0');
  char* end = out.data();
  for (const char c : text) {
    const std::int16_t squashed = kSquashed[static_cast<unsigned char>(c)];
    if (squashed >= 0) *end++ = static_cast<char>(squashed);
  }
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

bool is_markup(char c) {
  return c == '*' || c == '`' || c == '_' || c == '[' || c == ']';
}

std::string strip_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool no_close = false;
  // Copy the runs between markup characters whole; most of a summary is plain text.
  for (std::size_t i = 0; i < text.size();) {
    std::size_t mark = i;
    while (mark < text.size() && !is_markup(text[mark])) ++mark;
    out.append(text, i, mark - i);
    if (mark == text.size()) break;
    i = mark + 1;
    const char c = text[mark];
    if (c == '_') {
      if (i < text.size() && text[i] == '_') {
        ++i;
      } else {
        out.push_back(c);
      }
    } else if (c == ']' && i < text.size() && text[i] == '(') {
      // Once no ')' is left, later "](" need not look again (which made many of them quadratic).
      const std::size_t close = no_close ? std::string_view::npos : text.find(')', i + 1);
      no_close = close == std::string_view::npos;
      if (no_close) {
        out.push_back(c);
      } else {
        i = close + 1;
      }
    } else if (c == ']') {
      out.push_back(c);
    }
  }
  return out;
}

std::string stem(std::string_view word) {
  static constexpr std::array<std::string_view, 18> kSuffixes = {
      "ations", "ation", "ings", "ing", "ures", "ure", "ions", "ion", "ual",
      "ness",   "ities", "ity",  "ies", "ers",  "er",  "ed",   "es",  "s"};
  std::string lower = ascii_lower(word);
  // Two rounds, so "captioning" -> "caption" -> "capt" meets "captions" -> "capt".
  for (int round = 0; round < 2; ++round) {
    // Every suffix ends in one of these letters and leaves at least four: skip the table early.
    if (lower.size() < 5 ||
        std::string_view("sngelyrd").find(lower.back()) == std::string_view::npos)
      break;
    for (std::string_view suffix : kSuffixes) {
      // The last letters first: ends_with() is a memcmp() call, and most suffixes differ there.
      if (lower.size() >= suffix.size() + 4 && lower.back() == suffix.back() &&
          lower.ends_with(suffix)) {
        // "-es" is a plural ending only after a sibilant ("patches"); "languages" loses the "s".
        const std::string_view rest = std::string_view(lower).substr(0, lower.size() - 2);
        if (suffix == "es" && !(rest.ends_with('s') || rest.ends_with('x') || rest.ends_with('z') ||
                                rest.ends_with("ch") || rest.ends_with("sh")))
          suffix = "s";
        lower.resize(lower.size() - suffix.size());
        break;
      }
    }
  }
  // A silent final "e" ("language", "backbone") goes, so the word meets its inflected forms.
  if (lower.size() >= 5 && lower.back() == 'e') lower.pop_back();
  return lower;
}

bool is_name_like(std::string_view token, bool in_title,
                  const std::unordered_set<std::string>& common) {
  if (token.size() < 2 || common.contains(ascii_lower(token))) return false;
  bool letter = false, digit = false, inner_capital = false;
  int capitals = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    letter = letter || is_alpha(c);
    digit = digit || is_ascii_digit(c);
    if (is_upper(c)) {
      ++capitals;
      if (i > 0 && (is_upper(token[i - 1]) || is_lower(token[i - 1]))) inner_capital = true;
    }
  }
  if (letter && digit) return true;
  // Titles capitalize each part of a compound ("Problem-Solving"): only a capital right after
  // another letter ("NL", "CoPilot") marks a name there.
  if (in_title) return inner_capital;
  if (capitals >= 2) return true;
  return false;
}

std::pair<std::string, std::vector<std::string>> split_entry(std::string_view entry) {
  const std::size_t colon = entry.find(':');
  std::pair<std::string, std::vector<std::string>> out;
  out.first = std::string(trim(entry.substr(0, colon)));
  if (colon == std::string_view::npos) return out;
  std::string_view rest = entry.substr(colon + 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view value = trim(rest.substr(0, comma));
    if (!value.empty()) out.second.emplace_back(value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::vector<std::uint64_t> shingles(std::string_view text, std::size_t width) {
  std::vector<std::uint64_t> out = shingle_hashes(text, width);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint64_t> shingle_hashes(std::string_view text, std::size_t width) {
  // Keep letters, digits and non-ASCII characters, lowercased; drop spaces and ASCII punctuation.
  std::vector<std::uint32_t> units;
  units.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    const char32_t cp = decode_utf8(text, i, length);
    if (cp >= 0x80 || is_alnum(static_cast<char>(cp))) {
      units.push_back(cp < 0x80 && is_upper(static_cast<char>(cp)) ? cp - 'A' + 'a' : cp);
    }
    i += length;
  }
  std::vector<std::uint64_t> out;
  if (units.empty()) return out;
  width = std::max<std::size_t>(width, 1);
  // A polynomial rolling hash: each window costs O(1) instead of rehashing `width` characters.
  constexpr std::uint64_t kBase = 1000003;
  std::uint64_t drop = 1;  // kBase^(width-1), the weight of the character leaving the window
  for (std::size_t k = 1; k < std::min(width, units.size()); ++k) drop *= kBase;
  std::uint64_t hash = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i >= width) hash -= units[i - width] * drop;
    hash = hash * kBase + units[i];
    if (i + 1 >= width) out.push_back(hash);
  }
  if (out.empty()) out.push_back(hash);  // shorter than a shingle: one hash for the whole text
  return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::size_t PhraseMatcher::add(std::string_view pattern, bool word_start) {
  const std::size_t id = patterns_.size();
  const auto [known, added] = ids_.try_emplace({std::string(pattern), word_start}, id);
  if (!added) return known->second;
  patterns_.push_back(known->first);
  if (pattern.empty()) return id;
  std::uint32_t node = 0;
  for (const char c : pattern) {
    const auto byte = static_cast<unsigned char>(c);
    const std::int64_t existing = trie_child(node, byte);
    if (existing >= 0) {
      node = static_cast<std::uint32_t>(existing);
      continue;
    }
    const auto created = static_cast<std::uint32_t>(nodes_.size());
    auto& edges = nodes_[node].next;
    edges.insert(std::lower_bound(edges.begin(), edges.end(), std::make_pair(byte, 0u)),
                 {byte, created});
    nodes_.emplace_back();
    node = created;
  }
  nodes_[node].out.push_back(static_cast<std::uint32_t>(id));
  return id;
}

std::int64_t PhraseMatcher::trie_child(std::uint32_t node, unsigned char byte) const {
  const auto& edges = nodes_[node].next;
  const auto it = std::lower_bound(edges.begin(), edges.end(), std::make_pair(byte, 0u));
  return it != edges.end() && it->first == byte ? static_cast<std::int64_t>(it->second) : -1;
}

void PhraseMatcher::assign_byte_classes() {
  byte_class_.fill(0);
  class_count_ = 1;
  for (const Node& node : nodes_) {
    for (const auto& [byte, next] : node.next) {
      if (byte_class_[byte] == 0) byte_class_[byte] = static_cast<std::uint16_t>(class_count_++);
    }
  }
  for (std::size_t byte = 0; byte < 256; ++byte) {
    const auto c = static_cast<char>(byte);
    lowercase_class_[byte] =
        byte_class_[static_cast<unsigned char>(is_upper(c) ? c - 'A' + 'a' : c)];
  }
}

void PhraseMatcher::flatten_outputs() {
  outputs_.clear();
  output_begin_.assign(1, 0);
  for (const Node& node : nodes_) {
    outputs_.insert(outputs_.end(), node.out.begin(), node.out.end());
    output_begin_.push_back(static_cast<std::uint32_t>(outputs_.size()));
  }
}

void PhraseMatcher::number_breadth_first() {
  std::vector<std::uint32_t> order = {0};  // old node ids, breadth-first
  for (std::size_t head = 0; head < order.size(); ++head) {
    for (const auto& edge : nodes_[order[head]].next) order.push_back(edge.second);
  }
  std::vector<std::uint32_t> renumbered(nodes_.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    renumbered[order[i]] = static_cast<std::uint32_t>(i);
  std::vector<Node> nodes(nodes_.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    nodes[i] = std::move(nodes_[order[i]]);
    for (auto& edge : nodes[i].next) edge.second = renumbered[edge.second];
  }
  nodes_ = std::move(nodes);
}

void PhraseMatcher::build(std::size_t full_nodes) {
  // Moves precomputed (a DFA) for the shallow nodes rather than failure links walked while
  // scanning: count() then costs one lookup for most bytes. Nodes are numbered breadth-first, so
  // a node's failure node, being shallower, is complete before it: a full row is a copy of the
  // failure node's with the node's own edges written over. A node's matches are complete (its
  // failure node's inherited) before any move to it is written, so each move can say whether
  // patterns end there. A node's children come after it, so those of a sparse node are sparse.
  number_breadth_first();
  assign_byte_classes();
  const std::size_t full = std::clamp<std::size_t>(full_nodes, 1, nodes_.size());
  if (full * class_count_ + (nodes_.size() - full) >
      std::numeric_limits<std::uint32_t>::max() / 2) {
    throw std::length_error("too many phrases for one PhraseMatcher");
  }
  full_nodes_ = static_cast<std::uint32_t>(full);
  full_size_ = static_cast<std::uint32_t>(full * class_count_);
  moves_.assign(full_size_, 0);  // 0: the root, where no pattern ends
  sparse_.assign(nodes_.size() - full + 1, {});
  edge_classes_.clear();
  edge_moves_.clear();
  const auto position = [&](std::uint32_t node) {
    return static_cast<std::uint32_t>(node < full ? node * class_count_
                                                  : full_size_ + (node - full));
  };
  const auto move_to = [&](std::uint32_t node) {
    return position(node) * 2 + !nodes_[node].out.empty();
  };
  std::vector<std::uint32_t> fail(nodes_.size(), 0);
  for (std::uint32_t node = 0; node < nodes_.size(); ++node) {
    if (node >= full) {
      sparse_[node - full] = {static_cast<std::uint32_t>(edge_classes_.size()),
                              position(fail[node])};
    } else if (node != 0) {
      std::copy_n(moves_.begin() + position(fail[node]), class_count_,
                  moves_.begin() + position(node));
    }
    for (const auto& [byte, next] : nodes_[node].next) {
      const std::uint16_t byte_class = byte_class_[byte];
      fail[next] = node == 0 ? 0 : node_at(step(position(fail[node]) * 2, byte_class) / 2);
      const auto& inherited = nodes_[fail[next]].out;
      nodes_[next].out.insert(nodes_[next].out.end(), inherited.begin(), inherited.end());
      if (node < full) {
        moves_[position(node) + byte_class] = move_to(next);
      } else {
        edge_classes_.push_back(byte_class);
        edge_moves_.push_back(move_to(next));
      }
    }
  }
  sparse_.back().edge_begin = static_cast<std::uint32_t>(edge_classes_.size());
  flatten_outputs();
}

std::uint32_t PhraseMatcher::node_at(std::uint32_t position) const {
  return position < full_size_ ? position / static_cast<std::uint32_t>(class_count_)
                               : full_nodes_ + (position - full_size_);
}

std::uint32_t PhraseMatcher::step(std::uint32_t move, std::uint16_t byte_class) const {
  std::uint32_t at = move / 2;
  while (at >= full_size_) {
    const std::uint32_t sparse = at - full_size_;
    const std::uint32_t end = sparse_[sparse + 1].edge_begin;
    for (std::uint32_t k = sparse_[sparse].edge_begin; k < end; ++k) {
      if (edge_classes_[k] == byte_class) return edge_moves_[k];
    }
    at = sparse_[sparse].fail;
  }
  return moves_[at + byte_class];
}

std::vector<int> PhraseMatcher::count(std::string_view text) const {
  return count_with(text, byte_class_);
}

std::vector<int> PhraseMatcher::count_in_lowercase(std::string_view text) const {
  return count_with(text, lowercase_class_);
}

std::vector<int> PhraseMatcher::count_with(std::string_view text,
                                           const ByteClasses& classes) const {
  std::vector<int> counts(patterns_.size(), 0);
  std::uint32_t move = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A full row's lookup inline; step(), a loop the compiler keeps out of line, only from
    // sparse nodes (calling it for every byte cost 2.4 M more instructions over 40 days).
    const std::uint16_t byte_class = classes[static_cast<unsigned char>(text[i])];
    const std::uint32_t at = move / 2;
    move = at < full_size_ ? moves_[at + byte_class] : step(move, byte_class);
    if (move % 2 == 0) continue;  // no pattern ends here
    const std::size_t node = node_at(move / 2);
    for (std::uint32_t k = output_begin_[node]; k < output_begin_[node + 1]; ++k) {
      const std::uint32_t id = outputs_[k];
      const auto& [pattern, word_start] = patterns_[id];
      if (word_start) {
        const std::size_t start = i + 1 - pattern.size();
        if (start > 0 && is_alnum(text[start - 1])) continue;
      }
      ++counts[id];
    }
  }
  return counts;
}

}  // namespace digestlint::summary
