#include "checks/text_util.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "model/source.hpp"
#include "random_pieces.hpp"

namespace digestlint::checks {
namespace {

TEST_CASE("normalize folds case, apostrophes and whitespace") {
  CHECK(normalize("  What’s \t NEW ") == "what's new");
  CHECK(normalize("ÉCOLE Ωμέγα") == "école ωμέγα");
  CHECK(normalize("저정밀도\u00a0 모델") == "저정밀도 모델");
  CHECK(normalize_without_spaces(" Mei  Ling Park") == "meilingpark");
  CHECK(normalize("") == "");
}

// What normalize did before its ASCII and copy-as-written paths: every character decoded, tested
// and re-encoded.
std::string decoded_normalize(std::string_view text, bool keep_spaces) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    const char32_t cp = decode_utf8(text, i, length);
    i += length;
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space && keep_spaces) out += ' ';
    pending_space = false;
    append_utf8(out, fold_case(cp));
  }
  return out;
}

TEST_CASE("normalize writes what decoding every character writes, invalid bytes and all") {
  // Pieces that take each path: ASCII spaces and capitals, Unicode spaces, characters that fold
  // and that do not, U+FFFD written out, and bytes that are no character (a lone lead or
  // continuation, an overlong form, a surrogate).
  const std::vector<std::string> pieces{" ",
                                        "\t",
                                        "\r\n",
                                        "A",
                                        "z",
                                        "\u00a0",
                                        "\u3000",
                                        "É",
                                        "é",
                                        "Ω",
                                        "’",
                                        "모",
                                        "\uff21",
                                        "\ufffd",
                                        "\xed",
                                        "\x80",
                                        "\xc0\x80",
                                        "\xed\xa0\x80",
                                        "\xf4\x90\x80\x80"};
  std::mt19937 engine(11);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = testing::random_pieces(engine, pieces, 12);
    CAPTURE(text);
    CHECK(normalize(text) == decoded_normalize(text, true));
    CHECK(normalize_without_spaces(text) == decoded_normalize(text, false));
  }
}

TEST_CASE("case_variants lists every character that folds to a folded one") {
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    const CaseVariants variants = case_variants(fold_case(cp));
    const auto listed = variants.characters.begin() + static_cast<std::ptrdiff_t>(variants.size);
    if (std::find(variants.characters.begin(), listed, cp) == listed) {
      FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(cp) << " is not listed");
    }
  }
  const CaseVariants apostrophe = case_variants('\'');
  CHECK(apostrophe.size == 4);
  for (std::size_t k = 0; k < apostrophe.size; ++k) {
    CHECK(fold_case(apostrophe.characters[k]) == '\'');
  }
  CHECK(case_variants('A').size == 0);  // a capital is no fold's result
  CHECK(case_variants(U'\uAC00').size == 1);
}

TEST_CASE("closest prefers containment, then distance") {
  const std::vector<std::string> known{"What's New", "Technical Details", "Performance Highlights"};
  std::size_t distance = 99;
  CHECK(closest("Technical Detials", known, &distance) == 1);
  CHECK(distance == 2);
  CHECK(closest("Performance", known) == 2);
  CHECK(closest("whats new", known, &distance) == 0);
  CHECK(distance == 1);
  CHECK(closest("x", {}) == 0);
}

TEST_CASE("typo_limit grows with long names") {
  CHECK(typo_limit("New") == 2);
  CHECK(typo_limit("Performance Highlights") == 5);
}

TEST_CASE("sub_span maps field offsets and clamps") {
  const Field field{"abcdef", {10, 16}};
  CHECK(sub_span(field, 2, 3) == Span{12, 15});
  CHECK(sub_span(field, 4, 10) == Span{14, 16});
}

TEST_CASE("is_word and is_space classify scripts") {
  CHECK(is_word(U'a'));
  CHECK(is_word(U'정'));
  CHECK(is_word(U'漢'));
  CHECK_FALSE(is_word(U'('));
  CHECK_FALSE(is_word(U'（'));
  CHECK(is_space(U'\u3000'));
  CHECK_FALSE(is_space(U'x'));
}

TEST_CASE("bracket_of pairs each bracket in its own width, both parentheses in one family") {
  CHECK(bracket_of(U'（').family == BracketFamily::paren);
  CHECK(bracket_of(U'（').open);
  CHECK(bracket_of(U'（').partner == U'）');
  CHECK(bracket_of(U')').family == bracket_of(U'（').family);
  CHECK_FALSE(bracket_of(U'」').open);
  CHECK(bracket_of(U'」').partner == U'「');
  CHECK(bracket_of(U'a').family == BracketFamily::none);
}

}  // namespace
}  // namespace digestlint::checks
