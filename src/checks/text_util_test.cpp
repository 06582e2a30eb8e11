#include "checks/text_util.hpp"

#include <doctest/doctest.h>

namespace digestlint::checks {
namespace {

TEST_CASE("normalize folds case, apostrophes and whitespace") {
  CHECK(normalize("  What’s \t NEW ") == "what's new");
  CHECK(normalize("ÉCOLE Ωμέγα") == "école ωμέγα");
  CHECK(normalize("저정밀도\u00a0 모델") == "저정밀도 모델");
  CHECK(normalize_without_spaces(" Mei  Ling Park") == "meilingpark");
  CHECK(normalize("") == "");
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
