#pragma once
// Which patterns of a screen's scope can match a target, from the bytes the target holds. A
// pattern's match contains literal strings it requires ("caligraphic_", "\", U+FFFD), which RE2's
// FilteredRE2 lists as atoms joined by AND and OR; a target without a byte that starts any
// spelling of an atom holds none of them, and the patterns that require them cannot match it.
// Finding that out reads each byte once through a table, several times cheaper than the set's
// automaton: most summary sections (Korean prose) hold no backslash, dollar, underscore or
// mojibake, and are then screened without the set.
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <array>
#include <atomic>
#include <bitset>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace digestlint {

class ScreenPrefilter {
 public:
  // A bit per pattern, in the order they were given (as RegexScreen::Matches).
  using Patterns = std::uint64_t;
  static constexpr std::size_t kMaxPatterns = 63;
  // Distinct bytes the filter looks for; past this many it is not built.
  static constexpr std::size_t kMaxKeys = 16;

  // None when it could rule no pattern out: every pattern matches without any literal ("^$")
  // or with one of ASCII letters alone ("foo", taken as present in every text; "[0-9]+" has ten
  // one-byte atoms and is ruled out fine), the patterns are Latin-1, one fails to compile, or the
  // atoms need more than kMaxKeys distinct bytes.
  static std::unique_ptr<const ScreenPrefilter> build(const std::vector<const RE2*>& patterns);

  // The patterns that may match `text`: those the filter cannot rule out (always()), and those
  // whose atoms `text` may hold. Thread-safe.
  Patterns potential(std::string_view text) const;
  // The patterns no target can be ruled out for.
  Patterns always() const { return always_; }

  ScreenPrefilter(const ScreenPrefilter&) = delete;
  ScreenPrefilter& operator=(const ScreenPrefilter&) = delete;

 private:
  ScreenPrefilter() = default;
  // Which of the key bytes `text` holds: bit k for keys_[k].
  std::uint32_t keys_in(std::string_view text) const;
  Patterns potential_given(std::uint32_t keys) const;

  re2::FilteredRE2 filter_{1};
  std::array<std::uint32_t, 256> key_bit_{};  // by byte: its key's bit, or 0
  // By atom: the keys any spelling of it starts with, or kPresent.
  std::vector<std::uint32_t> atom_keys_;
  static constexpr std::uint32_t kPresent = 0;  // taken as present in every text
  Patterns always_ = 0;
  // potential_given() by the keys a text holds, worked out once each; kKnown marks an entry.
  static constexpr Patterns kKnown = Patterns{1} << 63;
  mutable std::vector<std::atomic<Patterns>> by_keys_;
  mutable std::mutex filter_mutex_;  // FilteredRE2 is not documented as thread-safe
};

// The bytes a character whose UTF-8 sequence starts with `lead` (or an ASCII character) may
// start with in another case: a case-insensitive pattern's atom "k" matches the Kelvin sign
// (E2 84 AA), and every atom is lowercased ("Ã" is "ã"). Over Unicode 14's case mappings (lower,
// upper, title, folding) closed into orbits: each orbit's first bytes, merged by first byte, so
// the answer may hold more bytes than a given character needs, never fewer.
std::bitset<256> case_partner_leads(unsigned char lead);

}  // namespace digestlint
