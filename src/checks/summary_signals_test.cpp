#include "checks/summary_signals.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "rules/loader.hpp"

using namespace digestlint;
using namespace digestlint::summary;

namespace {

const RuleSpec& default_rule(const std::string& id) {
  static const std::vector<RuleSpec> specs = load_rule_specs(default_packs());
  const auto it =
      std::find_if(specs.begin(), specs.end(), [&](const RuleSpec& s) { return s.id == id; });
  REQUIRE(it != specs.end());
  return *it;
}

struct Fixture {
  Vocabulary vocabulary = read_vocabulary(default_rule("summary/title-mismatch"));
  Thresholds thresholds = read_thresholds(default_rule("summary/title-mismatch"));
  Signals run(std::string_view title, std::string_view summary) const {
    return analyse(title, summary, vocabulary, thresholds);
  }
  Verdict verdict(std::string_view title, std::string_view summary) const {
    return classify(run(title, summary), thresholds);
  }
};

constexpr std::string_view kTitle = "FernCap: Sparse Routing for Long Video Captioning";
constexpr std::string_view kGood =
    "FernCap은 긴 비디오의 캡션을 만들 때 프레임 토큰을 희소 라우팅(Sparse Routing)으로 고르는 "
    "방법입니다. FernCap은 장면 전환마다 토큰 예산을 다시 나눕니다. 1시간 길이 영상 캡션에서 "
    "CIDEr 점수가 4.2 올랐습니다.";
constexpr std::string_view kTemplate =
    "이번 arxiv 논문에서는 새로운 딥러닝 모델을 소개합니다. 제안된 모델은 Transformer와 BERT를 "
    "기반으로 하며 기존 모델 대비 정확도가 5% 향상되었습니다. 다양한 벤치마크에서 최고 성능을 "
    "기록했습니다.";
constexpr std::string_view kOther =
    "MossGS는 반사 표면을 위한 가우시안 스플래팅 렌더링 기법입니다. MossGS는 큐브맵 조명과 "
    "텍스처 없이 하이라이트를 렌더링하며, 3D 메시 없이 초당 120장을 그립니다.";

}  // namespace

TEST_CASE("a summary about its title is fine") {
  const Fixture f;
  const Signals s = f.run(kTitle, kGood);
  CHECK(s.grounding > 0.8);
  CHECK_FALSE(s.name_missing);
  CHECK(s.key_names == std::vector<std::string>{"FernCap"});
  CHECK(s.connected_names == s.key_names);
  CHECK(classify(s, f.thresholds) == Verdict::fine);
}

TEST_CASE("a template summary is generic, with evidence") {
  const Fixture f;
  const Signals s = f.run(kTitle, kTemplate);
  CHECK(s.key_names.empty());
  CHECK(s.boilerplate.size() >= 4);
  CHECK(classify(s, f.thresholds) == Verdict::generic);
  const std::string evidence = generic_evidence(s);
  CHECK(evidence.find("no title term appears") == 0);
  CHECK(evidence.find("'새로운 딥러닝 모델'") != std::string::npos);
  CHECK(evidence.find("no names beyond common vocabulary") != std::string::npos);
}

TEST_CASE("a specific summary of another paper is a mismatch, with evidence") {
  const Fixture f;
  const Signals s = f.run(kTitle, kOther);
  CHECK(s.grounding < f.thresholds.low_grounding);
  CHECK(s.key_names == std::vector<std::string>{"MossGS"});
  CHECK(s.connected_names.empty());
  REQUIRE(s.conflicting_field.has_value());
  CHECK(*s.conflicting_field == "graphics");
  CHECK(classify(s, f.thresholds) == Verdict::mismatch);
  const std::string evidence = mismatch_evidence(s);
  CHECK(evidence.find("title: 'FernCap'") == 0);
  CHECK(evidence.find("summary: 'MossGS', graphics") != std::string::npos);
}

TEST_CASE("acronyms connect to title words and expansions") {
  const Fixture f;
  const Signals s = f.run("Scaling Robot Learning with Heterogeneous Pretrained Tokenizers",
                          "HPT는 로봇 학습을 위한 토크나이저입니다. HPT는 서로 다른 로봇의 감각을 "
                          "공통 토큰으로 바꿉니다.");
  CHECK(s.connected_names == std::vector<std::string>{"HPT"});
  const Signals e =
      f.run("Erasing Conceptual Knowledge from Language Models",
            "ELM(Erasure of Language Memory)은 개념을 지웁니다. ELM은 지식을 제거합니다.");
  CHECK(e.connected_names == std::vector<std::string>{"ELM"});
  CHECK(classify(e, f.thresholds) == Verdict::fine);
}

TEST_CASE("the glossary grounds English title words in Korean summaries") {
  const Fixture f;
  const Signals with = f.run("Robust Video Watermarking", "비디오 워터마크를 강건하게 삽입합니다.");
  const Signals without = f.run("Robust Video Watermarking", "주식 시장을 예측합니다.");
  CHECK(with.grounding == doctest::Approx(1.0));
  CHECK(without.grounding == doctest::Approx(0.0));
}

TEST_CASE("thresholds are validated") {
  RuleSpec rule = default_rule("summary/title-mismatch");
  YAML::Node params = YAML::Clone(rule.params.node());
  params["low-grounding"] = 1.5;
  rule.params = params;
  CHECK_THROWS(read_thresholds(rule));
  params["low-grounding"] = 0.6;
  params["weak-grounding"] = 0.5;
  CHECK_THROWS(read_thresholds(rule));
  params["weak-grounding"] = 0.7;
  CHECK(read_thresholds(rule).weak_grounding == doctest::Approx(0.7));
}

TEST_CASE("summary_of joins sections without markup") {
  Entry entry;
  Section a, b;
  a.text.text = "**가** 나";
  b.text.text = "[다](https://x.org)";
  entry.sections = {a, b};
  CHECK(summary_of(entry) == "가 나\n다");
}
