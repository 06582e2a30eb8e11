#include "checks/transliteration.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace digestlint::summary {
namespace {

bool sounds_like(std::string_view latin, std::string_view hangul) {
  const auto options = latin_skeletons(latin);
  return std::find(options.begin(), options.end(), hangul_skeleton(hangul)) != options.end();
}

TEST_CASE("loanwords and names match their Hangul spelling") {
  CHECK(hangul_skeleton("라우터") == "RVTV");
  CHECK(sounds_like("Router", "라우터"));
  CHECK(sounds_like("Orchestra", "오케스트라"));
  CHECK(sounds_like("Transformer", "트랜스포머"));
  CHECK(sounds_like("Mamba", "맘바"));
  CHECK(sounds_like("robot", "로봇"));
  CHECK(sounds_like("prompt", "프롬프트"));
  CHECK(sounds_like("token", "토큰"));
  CHECK(sounds_like("programs", "프로그램"));
  CHECK(sounds_like("Graphics", "그래픽"));
  CHECK(sounds_like("hallucination", "할루시네이션"));
  CHECK(sounds_like("architecture", "아키텍처"));
}

TEST_CASE("different words do not match") {
  CHECK_FALSE(sounds_like("Router", "로봇"));
  CHECK_FALSE(sounds_like("Orchestra", "오디오"));
  CHECK_FALSE(sounds_like("pipeline", "파라미터"));
}

TEST_CASE("a summary offers its words with and without particles") {
  const HangulSounds sounds("우리는 라우터를 학습하고 오케스트라 방식으로 조정한다");
  CHECK(sounds.contains("Router", 4));
  CHECK(sounds.contains("Orchestra", 4));
  CHECK_FALSE(sounds.contains("Router", 5));  // too short a skeleton to trust at this length
  CHECK_FALSE(sounds.contains("Diffusion", 4));
}

// Random texts of syllables (some of them the ones loanwords use), spaces, punctuation and
// Latin letters, asked about words whose skeletons they may hold: the one-off scan must answer
// as the index does, at every minimum length.
TEST_CASE("a one-off scan answers as the index does") {
  const std::vector<std::string_view> pieces = {"라", "우", "터", "를", "오", "케", "스", "트",
                                                "맘", "바", "로", "봇", "프", "롬", " ",  ",",
                                                "a",  "의", "은", "데", "이", "토", "큰", "\n"};
  const std::vector<std::string_view> words = {"Router", "Orchestra", "Mamba",  "robot",
                                               "prompt", "token",     "Toto",   "data",
                                               "Rubato", "Lora",      "Trompe", "Diffusion"};
  std::uint32_t state = 12345;
  const auto next = [&](std::uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  int found = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    for (std::uint32_t n = next(40); n > 0; --n) text += pieces[next(pieces.size())];
    const HangulSounds sounds(text);
    for (const std::string_view word : words) {
      for (const std::size_t min_length : {0u, 3u, 4u, 6u}) {
        const bool indexed = sounds.contains(word, min_length);
        CHECK(sounds_in(text, word, min_length) == indexed);
        found += indexed;
      }
    }
  }
  CHECK(found > 100);  // the texts do hold some of the words
}

}  // namespace
}  // namespace digestlint::summary
