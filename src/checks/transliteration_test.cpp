#include "checks/transliteration.hpp"

#include <doctest/doctest.h>

#include <algorithm>

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

}  // namespace
}  // namespace digestlint::summary
