#include "rules/screen_prefilter.hpp"

#include <bit>
#include <initializer_list>
#include <string>
#include <utility>

#include "model/text.hpp"

namespace digestlint {
namespace {

// First bytes whose characters share case orbits with characters of another first byte: Unicode
// 14's lower, upper, title and folding mappings of every code point, closed into orbits, merged
// by first byte (worked out with Python's unicodedata, which is Unicode 14 too). The orbits of
// ASCII letters are their two cases, and three reach further: I with U+0131 (C4), K with the
// Kelvin sign (E2), S with U+017F (C5).
struct PartnerLeads {
  unsigned char lead;
  std::initializer_list<unsigned char> partners;
};
constexpr PartnerLeads kPartnerLeads[] = {
    {0x49, {0x69, 0xC4}},
    {0x4B, {0x6B, 0xE2}},
    {0x53, {0x73, 0xC5}},
    {0x69, {0x49, 0xC4}},
    {0x6B, {0x4B, 0xE2}},
    {0x73, {0x53, 0xC5}},
    {0xC2, {0xCE}},
    {0xC3, {0xC5, 0xE1, 0xE2}},
    {0xC4, {0x49, 0x69, 0xC5}},
    {0xC5, {0x53, 0x73, 0xC3, 0xC4}},
    {0xC6, {0xC7, 0xC8, 0xC9, 0xCA}},
    {0xC7, {0xC6}},
    {0xC8, {0xC6, 0xE2}},
    {0xC9, {0xC6, 0xCA, 0xE2, 0xEA}},
    {0xCA, {0xC6, 0xC9, 0xEA}},
    {0xCD, {0xCE, 0xCF, 0xE1}},
    {0xCE, {0xC2, 0xCD, 0xCF, 0xE1, 0xE2}},
    {0xCF, {0xCD, 0xCE, 0xE2}},
    {0xD0, {0xD1, 0xE1}},
    {0xD1, {0xD0, 0xE1}},
    {0xD4, {0xD5}},
    {0xD5, {0xD4, 0xD6}},
    {0xD6, {0xD5}},
    {0xE1, {0xC3, 0xCD, 0xCE, 0xD0, 0xD1, 0xE2, 0xEA}},
    {0xE2, {0x4B, 0x6B, 0xC3, 0xC8, 0xC9, 0xCE, 0xCF, 0xE1}},
    {0xEA, {0xC9, 0xCA, 0xE1}},
};

// The characters of an atom (UTF-8, valid: RE2 writes it), each as its first byte.
std::vector<unsigned char> leads_of(std::string_view atom) {
  std::vector<unsigned char> leads;
  for (const char c : atom) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) leads.push_back(byte);
  }
  return leads;
}

}  // namespace

std::bitset<256> case_partner_leads(unsigned char lead) {
  std::bitset<256> leads;
  leads.set(lead);
  if (is_ascii_letter(static_cast<char>(lead))) leads.set(lead ^ 0x20);
  for (const PartnerLeads& entry : kPartnerLeads) {
    if (entry.lead != lead) continue;
    for (const unsigned char partner : entry.partners) leads.set(partner);
  }
  return leads;
}

std::unique_ptr<const ScreenPrefilter> ScreenPrefilter::build(
    const std::vector<const RE2*>& patterns) {
  if (patterns.empty() || patterns.size() > kMaxPatterns) return nullptr;
  std::unique_ptr<ScreenPrefilter> prefilter(new ScreenPrefilter());
  for (const RE2* pattern : patterns) {
    if (pattern->options().encoding() != RE2::Options::EncodingUTF8) return nullptr;
    RE2::Options options = pattern->options();
    options.set_log_errors(false);
    int id = 0;
    if (prefilter->filter_.Add(pattern->pattern(), options, &id) != RE2::NoError) return nullptr;
  }
  std::vector<std::string> atoms;
  prefilter->filter_.Compile(&atoms);

  // Each atom is looked for by one of its characters: the one whose spellings start with the
  // fewest bytes not looked for yet, then with the fewest bytes (a punctuation mark has one, a
  // letter two or three). An atom of ASCII letters alone is taken as present: nearly every
  // target holds letters (a Korean summary its English terms), and looking for them would only
  // use up keys.
  std::size_t keys = 0;
  std::bitset<256> looked_for;  // the bytes given a key bit (key_bit_)
  for (const std::string& atom : atoms) {
    std::bitset<256> best;
    bool letters_only = true;
    const auto cost = [&](const std::bitset<256>& spellings) {
      return std::pair{(spellings & ~looked_for).count(), spellings.count()};
    };
    for (const unsigned char lead : leads_of(atom)) {
      letters_only = letters_only && is_ascii_letter(static_cast<char>(lead));
      const std::bitset<256> spellings = case_partner_leads(lead);
      if (best.none() || cost(spellings) < cost(best)) best = spellings;
    }
    if (letters_only) {
      prefilter->atom_keys_.push_back(kPresent);
      continue;
    }
    std::uint32_t atom_keys = 0;
    for (std::size_t byte = 0; byte < 256; ++byte) {
      if (!best.test(byte)) continue;
      if (!looked_for.test(byte)) {
        if (keys == kMaxKeys) return nullptr;
        prefilter->key_bit_[byte] = std::uint32_t{1} << keys++;
        looked_for.set(byte);
      }
      atom_keys |= prefilter->key_bit_[byte];
    }
    prefilter->atom_keys_.push_back(atom_keys);
  }
  prefilter->by_keys_ = std::vector<std::atomic<Patterns>>(std::size_t{1} << keys);
  prefilter->always_ = prefilter->potential_given(0);
  if (std::popcount(prefilter->always_) == static_cast<int>(patterns.size())) return nullptr;
  return prefilter;
}

std::uint32_t ScreenPrefilter::keys_in(std::string_view text) const {
  // Four running masks, so that each byte's lookup does not wait for the one before.
  std::uint32_t a = 0, b = 0, c = 0, d = 0;
  const auto* at = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = at + text.size();
  for (; end - at >= 4; at += 4) {
    a |= key_bit_[at[0]];
    b |= key_bit_[at[1]];
    c |= key_bit_[at[2]];
    d |= key_bit_[at[3]];
  }
  for (; at < end; ++at) a |= key_bit_[*at];
  return a | b | c | d;
}

ScreenPrefilter::Patterns ScreenPrefilter::potential_given(std::uint32_t keys) const {
  std::vector<int> atoms;
  for (std::size_t atom = 0; atom < atom_keys_.size(); ++atom) {
    if (atom_keys_[atom] == kPresent || (atom_keys_[atom] & keys) != 0) {
      atoms.push_back(static_cast<int>(atom));
    }
  }
  std::vector<int> passed;
  {
    const std::lock_guard lock(filter_mutex_);
    filter_.AllPotentials(atoms, &passed);
  }
  Patterns patterns = 0;
  for (const int index : passed) patterns |= Patterns{1} << index;
  return patterns;
}

ScreenPrefilter::Patterns ScreenPrefilter::potential(std::string_view text) const {
  const std::uint32_t keys = keys_in(text);
  if (keys == 0) return always_;
  std::atomic<Patterns>& entry = by_keys_[keys];
  Patterns patterns = entry.load(std::memory_order_relaxed);
  if ((patterns & kKnown) == 0) {
    patterns = potential_given(keys) | kKnown;
    entry.store(patterns, std::memory_order_relaxed);
  }
  return patterns & ~kKnown;
}

}  // namespace digestlint
