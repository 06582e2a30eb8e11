// ScreenPrefilter: a pattern it rules out for a text never matches that text.
#include "rules/screen_prefilter.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <random>
#include <string>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

std::vector<const RE2*> pointers(const std::vector<std::unique_ptr<RE2>>& patterns) {
  std::vector<const RE2*> out;
  for (const auto& pattern : patterns) out.push_back(pattern.get());
  return out;
}

std::vector<std::unique_ptr<RE2>> compiled(std::initializer_list<const char*> sources) {
  std::vector<std::unique_ptr<RE2>> patterns;
  for (const char* source : sources) {
    patterns.push_back(std::make_unique<RE2>(source, testing::quiet_re2()));
    REQUIRE(patterns.back()->ok());
  }
  return patterns;
}

TEST_CASE("a character's other cases may start with other bytes") {
  const auto leads = [](unsigned char lead, std::initializer_list<unsigned char> expected) {
    const std::bitset<256> found = case_partner_leads(lead);
    for (const unsigned char byte : expected) CHECK(found.test(byte));
    return found.count();
  };
  CHECK(leads('_', {'_'}) == 1);
  CHECK(leads('a', {'a', 'A'}) == 2);
  CHECK(leads('k', {'k', 'K', 0xE2}) == 3);     // the Kelvin sign, E2 84 AA
  CHECK(leads('s', {'s', 'S', 0xC5}) == 3);     // long s, C5 BF
  CHECK(leads('i', {'i', 'I', 0xC4}) == 3);     // dotless i, C4 B1
  CHECK(leads(0xC3, {0xC3, 0xE1, 0xE2}) == 4);  // ß and ẞ (E1 BA 9E), å and the Ångström sign
  CHECK(leads(0xCF, {0xCF, 0xCE, 0xE2}) == 4);  // ω, Ω and the Ohm sign (E2 84 A6)
  CHECK(leads(0xEF, {0xEF}) == 1);              // U+FFFD; fullwidth letters pair within EF
  CHECK(leads(0xEC, {0xEC}) == 1);              // Hangul has no case
}

// The table against the RE2 this build links, whose Unicode may be newer than the table's: the atom
// RE2 lists for a one-character pattern is its lowercase of that character, which a text holding
// the character must then be found to spell.
TEST_CASE("every character's first byte is among the partners of its lowercase's, as RE2 folds") {
  std::size_t checked = 0;
  for (char32_t code = 1; code < 0x20000; ++code) {
    if (code >= 0xD800 && code <= 0xDFFF) continue;
    re2::FilteredRE2 filter(1);
    int id = 0;
    if (filter.Add(fmt::format("\\x{{{:X}}}", static_cast<std::uint32_t>(code)),
                   testing::quiet_re2(), &id) != RE2::NoError) {
      continue;
    }
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    if (atoms.size() != 1 || atoms[0].empty()) continue;
    const auto lead = static_cast<unsigned char>(code < 0x80      ? code
                                                 : code < 0x800   ? 0xC0 | (code >> 6)
                                                 : code < 0x10000 ? 0xE0 | (code >> 12)
                                                                  : 0xF0 | (code >> 18));
    ++checked;
    if (!case_partner_leads(static_cast<unsigned char>(atoms[0][0])).test(lead)) {
      FAIL_CHECK("U+" << fmt::format("{:04X}", static_cast<std::uint32_t>(code)) << ": atom "
                      << atoms[0] << " is not looked for by its first byte");
    }
  }
  CHECK(checked > 100000);
}

// Groups of patterns of the shapes rule packs use, case-insensitive ones and literals in other
// scripts among them; and pieces of text that spell their literals in every case, the
// other-script partners included.
const std::vector<std::vector<const char*>> kGroups = {
    {R"(\\(?:[A-Za-z]{2,}\b|[()])|\b(?:caligraphic|bold)_[A-Za-z]|\$[^$\n]*[\\^_{}][^$\n]*\$)",
     R"(\x{FFFD}+|[ÃÂâìíëêåæ][\x{80}-\x{BF}€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™šœž])",
     R"((?:^|[.!?。…)）」』"':](?:\*\*)?|https?://\S+)$)"},
    {R"((?i)kelvin_k|(?i)ωmega|(?i)strasse|straße)", R"((?i)ÅNGSTRÖM|Ωhm)"},
    {R"([@<>]|(?i:https?://|www\.))", R"(이 논문에서는|(?i)in this paper)", R"(^$)"},
    {R"(\bet al\b|…{2,})", R"(x{3}y?|[αβγ]δ)", R"(\x{212A}|\x{212B}|\x{2126})",
     R"((?i)ωω|(?i)åå|(?i)ßß)"},
};
const std::vector<std::string> kPieces = {"요약",
                                          " ",
                                          "\\",
                                          "alpha",
                                          "$x^2$",
                                          "(",
                                          ")",
                                          "caligraphic_L",
                                          "bold_",
                                          "_",
                                          "\xEF\xBF\xBD",
                                          "Ã",
                                          "©",
                                          "ã",
                                          "å",
                                          "\xE2\x84\xAB" /* Ångström sign */,
                                          "\xE2\x84\xAA" /* Kelvin sign */,
                                          "kelvin_",
                                          "KELVIN_",
                                          "ω",
                                          "Ω",
                                          "\xE2\x84\xA6" /* Ohm sign */,
                                          "mega",
                                          "MEGA",
                                          "STRASSE",
                                          "stra",
                                          "ß",
                                          "ẞ",
                                          "ſ",
                                          "sse",
                                          "ngström",
                                          "NGSTRÖM",
                                          "hm",
                                          ".",
                                          "**",
                                          "https://x.org",
                                          "끝.",
                                          "이 논문에서는",
                                          "In This Paper",
                                          "et al",
                                          "…",
                                          "xxx",
                                          "y",
                                          "αδ",
                                          "ΒΔ",
                                          "7",
                                          "@",
                                          "\n",
                                          "a",
                                          "k",
                                          "K",
                                          "Å",
                                          "ω"};

TEST_CASE("a pattern the prefilter rules out for a text does not match it") {
  std::mt19937 random(7);
  for (const std::vector<const char*>& group : kGroups) {
    std::vector<std::unique_ptr<RE2>> patterns;
    for (const char* source : group) {
      patterns.push_back(std::make_unique<RE2>(source, testing::quiet_re2()));
      REQUIRE(patterns.back()->ok());
    }
    const auto prefilter = ScreenPrefilter::build(pointers(patterns));
    REQUIRE(prefilter != nullptr);
    std::size_t ruled_out = 0;
    for (int round = 0; round < 10000; ++round) {
      std::string text;
      const int length = static_cast<int>(random() % 8);
      for (int i = 0; i < length; ++i) text += kPieces[random() % kPieces.size()];
      const ScreenPrefilter::Patterns potential = prefilter->potential(text);
      for (std::size_t k = 0; k < patterns.size(); ++k) {
        if (((potential >> k) & 1) != 0) continue;
        ++ruled_out;
        INFO("pattern " << group[k] << ", text: " << text);
        CHECK_FALSE(RE2::PartialMatch(text, *patterns[k]));
      }
    }
    CHECK(ruled_out > 1000);  // it does rule patterns out
  }
}

TEST_CASE("the prefilter rules out what needs a byte the text does not hold") {
  const auto patterns = compiled({R"(\\[a-z]+|\$[^$]*\$)", R"(\x{FFFD}|Ã©)", R"([.!?]$|^$)"});
  const auto prefilter = ScreenPrefilter::build(pointers(patterns));
  REQUIRE(prefilter != nullptr);
  CHECK(prefilter->always() == 0b100);  // needs no literal
  CHECK(prefilter->potential("이 논문은 새로운 모델을 제안합니다.") == 0b100);
  CHECK(prefilter->potential("Large Language Models") == 0b100);
  CHECK(prefilter->potential("\\method는") == 0b101);
  CHECK(prefilter->potential("$x$") == 0b101);
  // "ã©" (Ã© lowercased, as RE2 lists it) is looked for by ©, whose cases start with C2 or CE.
  CHECK(prefilter->potential("Ã©") == 0b110);
  CHECK(prefilter->potential("© 2024") == 0b110);
  CHECK(prefilter->potential("café") == 0b100);
  // The same answers again, from what the first ones kept.
  CHECK(prefilter->potential("$y$") == 0b101);
}

TEST_CASE("no prefilter when no pattern can be ruled out") {
  // Each needs no literal, or one of ASCII letters alone (taken as present in every text).
  CHECK(ScreenPrefilter::build(pointers(compiled({"^$", "[^x]+", "foo|bar"}))) == nullptr);
  CHECK(ScreenPrefilter::build({}) == nullptr);
  RE2::Options latin1 = testing::quiet_re2();
  latin1.set_encoding(RE2::Options::EncodingLatin1);
  const RE2 bytes("\\$", latin1);
  CHECK(ScreenPrefilter::build({&bytes}) == nullptr);
  // A class of many characters is no literal (nor, once RE2 makes a class of it, an
  // alternation of single characters).
  CHECK(ScreenPrefilter::build(pointers(compiled({"[!#%&()*+,;<=>?@]"}))) == nullptr);
  CHECK(ScreenPrefilter::build(
            pointers(compiled({R"(!|#|%|&|\(|\)|\*|\+|,|;|<|=|>|\?|@|\^|~)"}))) == nullptr);
  // Past kMaxKeys distinct bytes to look for.
  CHECK(ScreenPrefilter::build(pointers(compiled(
            {R"(!!|##|%%|&&|\(\(|\)\)|\*\*|\+\+|,,|;;|<<|==|>>|\?\?|@@|\^\^|~~)"}))) == nullptr);
  CHECK(ScreenPrefilter::build(pointers(compiled(
            {R"(!!|##|%%|&&|\(\(|\)\)|\*\*|\+\+|,,|;;|<<|==|>>|\?\?|@@|\^\^)"}))) != nullptr);
}

}  // namespace
}  // namespace digestlint
