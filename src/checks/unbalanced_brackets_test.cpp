#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::Reported;
using testing::run;

std::vector<Reported> check_section(const testing::TestDigest& digest) {
  return run("unbalanced-brackets", digest);
}

testing::TestDigest section(std::string_view text) {
  return parse("### [Title](https://arxiv.org/abs/2409.00001)\n\n- **What's New**: " +
               std::string(text) + "\n");
}

TEST_CASE("unbalanced-brackets accepts balanced and nested brackets") {
  for (std::string_view text :
       {"모델(model)은 [링크](https://example.com/a_(b)) {x: [1, 2]} 「인용」 입니다.",
        "전각 괄호（全角）와 혼용（mixed) 괄호", "no brackets at all", ""}) {
    CAPTURE(text);
    CHECK(check_section(section(text)).empty());
  }
}

TEST_CASE("unbalanced-brackets: nesting ASCII brackets do not settle a text alone") {
  // Most texts are passed over when their ASCII brackets nest; these need the full scan. An
  // enumeration's markers close nothing after a clause break, and a code span hides its brackets.
  CHECK(check_section(section("두 단계 (준비, 1) 학습 (평가, 2) 배포")).size() == 2);
  CHECK(check_section(section("함수 (인자 `x)` 를 받습니다")).size() == 1);
  // The other way round: a half-open interval pairs a parenthesis with a square bracket, a lone
  // marker is an ordinary parenthesis, and so is a name after a comma.
  CHECK(check_section(section("구간 [0, 1) 에서")).empty());
  CHECK(check_section(section("(see step 1) 와 (Large Language Models, LLMs)")).empty());
}

TEST_CASE("unbalanced-brackets reports an unclosed opener on its exact character") {
  const auto digest = section("정밀도(precision가 향상되었습니다.");
  const auto found = check_section(digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "(");
  CHECK(digest.text().substr(found[0].span.begin - 9, 9) == "정밀도");
  CHECK(found[0].arg("bracket") == "(");
  CHECK(found[0].arg("problem") == "'(' is never closed by a ')'");
}

TEST_CASE("unbalanced-brackets reports a stray closer, fullwidth included") {
  const auto digest = section("성능이 향상）되었고 결과] 입니다");
  const auto found = check_section(digest);
  REQUIRE(found.size() == 2);
  CHECK(digest.slice(found[0].span) == "）");
  CHECK(found[0].span.size() == 3);  // one character, three bytes
  CHECK(found[0].arg("problem") == "'）' has no matching '（'");
  CHECK(found[1].arg("bracket") == "]");
}

TEST_CASE("unbalanced-brackets reports openers left open inside a later pair") {
  const auto digest = section("a (b [c) d");
  const auto found = check_section(digest);
  REQUIRE(found.size() == 1);
  CHECK(found[0].arg("bracket") == "[");
  CHECK(found[0].span.begin - digest.digest.entries[0].sections[0].text.span.begin == 5);
}

TEST_CASE("unbalanced-brackets accepts enumerations, emoticons and intervals") {
  for (std::string_view text :
       {"1) 데이터 2) 모델 3) 평가", "a) first b) second", "i) ii) iv) x)", "(1) 첫째 2) 둘째",
        "배경(Section 2), 방법(Section 3)", "good :)", "범위 [0, 1) 에서", "구간 (0, 1]"}) {
    CAPTURE(text);
    CHECK(check_section(section(text)).empty());
  }
  // A word before the parenthesis is not an enumeration.
  CHECK(check_section(section("the model) works")).size() == 1);
  CHECK(check_section(section("x1) y")).size() == 1);  // glued to a word: not a list marker
}

TEST_CASE("unbalanced-brackets skips code spans and inline math") {
  CHECK(check_section(section("코드 `f(x` 와 ``a)b`` 그리고 $[0, 1)$ 수식")).empty());
  // An unclosed backtick is literal, so the bracket after it counts.
  CHECK(check_section(section("lone ` then (")).size() == 1);
  // A run is closed by the next run as long, past shorter and longer ones.
  CHECK(check_section(section("``a`(b```c`` then )")).size() == 1);
  CHECK(check_section(section("`` x ` ``` then ( ")).size() == 1);
}

TEST_CASE("unbalanced-brackets checks titles") {
  const auto digest = parse("### [GRAIL (Graph Retrieval](https://arxiv.org/abs/2409.17545)\n");
  const auto found = run("unbalanced-brackets", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "(");
}

}  // namespace
}  // namespace digestlint
