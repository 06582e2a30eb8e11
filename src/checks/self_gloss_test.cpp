#include <doctest/doctest.h>

#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

testing::TestDigest section(std::string_view text) {
  return parse("### [Title](https://arxiv.org/abs/2409.00001)\n\n- **Technical Details**: " +
               std::string(text) + "\n");
}

TEST_CASE("self-gloss reports X(X) and fixes it to X") {
  const auto digest = section("이 방법은 저정밀도(저정밀도) 연산을 씁니다.");
  const auto found = run("self-gloss", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "저정밀도(저정밀도)");
  CHECK(found[0].arg("term") == "저정밀도");
  REQUIRE(found[0].fix);
  CHECK_FALSE(found[0].fix->safe);
  CHECK(testing::apply(digest, *found[0].fix).find("이 방법은 저정밀도 연산을 씁니다.") !=
        std::string::npos);
}

TEST_CASE("self-gloss ignores case, spacing and the parenthesis width") {
  const auto digest = section(
      "Transformer (transformer) 와 LLM(LLM), Large  Language Model（large language model） 등");
  const auto found = run("self-gloss", digest);
  REQUIRE(found.size() == 3);
  CHECK(digest.slice(found[0].span) == "Transformer (transformer)");
  CHECK(digest.slice(found[1].span) == "LLM(LLM)");
  CHECK(digest.slice(found[2].span) == "Large  Language Model（large language model）");
  CHECK(found[2].arg("term") == "Large  Language Model");
}

TEST_CASE("self-gloss finds a term in any case the gloss folds from, however far it reaches") {
  // The term is looked for only where the bytes before the parenthesis hold a character that
  // folds to the gloss's first: each case of it, and the longest term the gloss allows.
  const auto found_term = [](std::string_view text) {
    const auto found = run("self-gloss", section(text));
    return found.size() == 1 ? found[0].arg("term") : std::string("(none)");
  };
  CHECK(found_term("이 SPARSE ATTENTION( sparse attention) 방식") == "SPARSE ATTENTION");
  CHECK(found_term("큰 Модель(модель) 입니다") == "Модель");
  CHECK(found_term("결과 ’quote’(’quote’) 입니다") == "’quote’");
  CHECK(found_term("결과 ’quote’('quote') 입니다") == "’quote’");
  CHECK(found_term("정밀 저정밀도(저정밀도)") == "저정밀도");
  // "a b" reaches eight characters back, here twenty bytes of ideographic spaces.
  CHECK(found_term("앞 a\u3000\u3000\u3000\u3000\u3000\u3000b(a b)") ==
        "a\u3000\u3000\u3000\u3000\u3000\u3000b");
  CHECK(found_term("앞 xa b(a b)") == "(none)");
  CHECK(found_term("Sparse 희소 어텐션(sparse attention)") == "(none)");
}

TEST_CASE("self-gloss accepts real glosses and partial words") {
  for (std::string_view text :
       {"HPT(Heterogeneous Pre-trained Transformers)를 제안합니다.", "정밀도(precision)",
        "고정밀도(정밀도)", "BigLLM(LLM)", "빈 괄호() 와 (LLM) 앞에 아무것도 없음", "(LLM)",
        "LLM(LLM 모델)", "GATE OpenING(OpenING)은 벤치마크입니다."}) {
    CAPTURE(text);
    CHECK(run("self-gloss", section(text)).empty());
  }
}

TEST_CASE("self-gloss finds parentheses wherever they fall among eight-byte words") {
  // Fullwidth bars and exclamation marks share the fullwidth parentheses' first byte (EF); each
  // shift moves the parentheses across a word boundary, the last ones into the text's tail.
  for (std::size_t shift = 0; shift <= 16; ++shift) {
    const std::string text = std::string(shift, ' ') + "｜！LLM（LLM）｜정밀도(정밀도)！ab(ab)";
    CAPTURE(shift);
    const auto found = run("self-gloss", section(text));
    REQUIRE(found.size() == 3);
    CHECK(found[0].arg("term") == "LLM");
    CHECK(found[1].arg("term") == "정밀도");
    CHECK(found[2].arg("term") == "ab");
  }
}

TEST_CASE("self-gloss offers only an unsafe fix: the repeat may be a phrase's short name") {
  // From the corpus: each parenthesis names a metric after the task before it; dropping it would
  // lose the metric's name, and only a reader can tell this from a failed translation.
  const auto digest = section("이 메트릭들은 코드 생성(생성), 버그 수정(수정)을 평가합니다.");
  const auto found = run("self-gloss", digest);
  REQUIRE(found.size() == 2);
  CHECK(digest.slice(found[0].span) == "생성(생성)");
  for (const auto& reported : found) {
    REQUIRE(reported.fix);
    CHECK_FALSE(reported.fix->safe);
  }
}

TEST_CASE("self-gloss checks titles") {
  const auto digest =
      parse("### [GRAIL (GRAIL): Graph Retrieval](https://arxiv.org/abs/2409.00001)\n");
  const auto found = run("self-gloss", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "GRAIL (GRAIL)");
}

}  // namespace
}  // namespace digestlint
