#include "checks/summary_signals.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "checks/summary_names.hpp"
#include "checks/summary_verdict.hpp"
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
  Vocabulary vocabulary = VocabularySource(default_rule("summary/title-mismatch")).build();
  Parameters parameters = read_parameters(default_rule("summary/title-mismatch"));
  Signals run(std::string_view title, std::string_view summary) const {
    return analyse(DigestTitles{{title}, 0}, summary, summary.size() / 3, vocabulary, parameters);
  }
  // The summary of entry `own` of a digest with these titles.
  Signals in_digest(std::vector<std::string_view> titles, std::size_t own,
                    std::string_view summary) const {
    return analyse(DigestTitles{std::move(titles), own}, summary, summary.size() / 3, vocabulary,
                   parameters);
  }
  // The summary of the first entry of a digest whose nine other entries all have `other`.
  Signals on_a_day(std::string_view title, std::string_view summary, std::string_view other) const {
    DigestTitles digest{{title}, 0};
    digest.summaries = {summary};
    for (int k = 0; k < 9; ++k) {
      digest.titles.push_back("Another Paper");
      digest.summaries.push_back(other);
    }
    return analyse(digest, summary, summary.size() / 3, vocabulary, parameters);
  }
  Assessment verdict(std::string_view title, std::string_view summary) const {
    return assess(run(title, summary), parameters);
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
  CHECK(assess(s, f.parameters).verdict == Verdict::fine);
}

TEST_CASE("a template summary is generic, confidently, with evidence") {
  const Fixture f;
  const Signals s = f.run(kTitle, kTemplate);
  CHECK(s.key_names.empty());
  CHECK(s.boilerplate.size() >= 4);
  const Assessment a = assess(s, f.parameters);
  CHECK(a.verdict == Verdict::generic);
  CHECK(a.confidence >= f.parameters.warning_confidence);
  const std::string text = evidence(s, a.verdict);
  CHECK(text.find("0 of ") == 0);
  CHECK(text.find("missing: 'FernCap'") != std::string::npos);
  CHECK(text.find("'새로운 딥러닝 모델'") != std::string::npos);
  CHECK(text.find("no names beyond common vocabulary") != std::string::npos);
}

TEST_CASE("a specific summary of another paper is a mismatch naming the competing subject") {
  const Fixture f;
  const Signals s = f.run(kTitle, kOther);
  CHECK(s.grounding < f.parameters.weak_grounding);
  CHECK(s.subject_names == std::vector<std::string>{"MossGS"});
  CHECK(s.competing());
  REQUIRE(s.conflicting_field.has_value());
  CHECK(*s.conflicting_field == "graphics");
  const Assessment a = assess(s, f.parameters);
  CHECK(a.verdict == Verdict::mismatch);
  CHECK(a.confidence > 0.9);
  CHECK(evidence(s, a.verdict).find("it is about 'MossGS' (not in the title)") !=
        std::string::npos);
}

TEST_CASE("a summary that fits another entry of the digest points at it, more confidently") {
  const Fixture f;
  constexpr std::string_view kOtherTitle = "MossGS: Gaussian Splatting for Glossy Surfaces";
  const Signals alone = f.run(kTitle, kOther);
  const Signals s = f.in_digest({kTitle, "Quiet Speech", kOtherTitle}, 0, kOther);
  REQUIRE(s.rival.has_value());
  CHECK(s.rival->entry == 2);
  CHECK_FALSE(s.distinct);
  CHECK(assess(s, f.parameters).confidence >= assess(alone, f.parameters).confidence);
  CHECK(evidence(s, Verdict::mismatch).find("it fits entry 3 better by name: 'MossGS:") !=
        std::string::npos);
}

TEST_CASE("a rival whose entry keeps a summary of its own only shares the topic") {
  Fixture f;
  f.parameters.sign_confidence = 0;  // so that the rival alone tells the confidences apart
  constexpr std::string_view kOtherTitle = "Gaussian Splatting Renders Glossy Surfaces";
  const std::vector<std::string_view> titles{kTitle, "Quiet Speech", kOtherTitle};
  const auto with_entry_2 = [&](std::optional<std::string_view> summary, Depth depth) {
    std::vector<std::optional<Signals>> analysed{f.in_digest(titles, 0, kOther), std::nullopt,
                                                 std::nullopt};
    if (summary) {
      analysed[2] = analyse(DigestTitles{titles, 2}, *summary, summary->size() / 3, f.vocabulary,
                            f.parameters, depth);
    }
    mark_rivals_keeping_their_own(analysed, f.parameters);
    REQUIRE(analysed[0]->rival.has_value());
    REQUIRE_FALSE(analysed[0]->rival->named);
    return *analysed[0];
  };
  // Entry 3 still has its summary: the one under entry 1 was not moved from there (a copy would
  // be summary/duplicate-summary's finding). Found fine early or analysed in full, alike.
  for (const Depth depth : {Depth::full, Depth::until_fine}) {
    const Signals kept = with_entry_2(kOther, depth);
    CHECK(kept.rival->keeps_own);
    CHECK(kept.source() == nullptr);
  }
  const Signals kept = with_entry_2(kOther, Depth::full);
  // Entry 3 has another paper's summary, or none: the summary may come from there.
  const Signals swapped = with_entry_2(kGood, Depth::full);
  const Signals emptied = with_entry_2(std::nullopt, Depth::full);
  CHECK_FALSE(swapped.rival->keeps_own);
  CHECK_FALSE(emptied.rival->keeps_own);
  REQUIRE(swapped.source() != nullptr);
  CHECK(assess(kept, f.parameters).confidence < assess(swapped, f.parameters).confidence);
  CHECK(evidence(kept, Verdict::mismatch).find("which has a summary of its own") !=
        std::string::npos);
  CHECK(evidence(swapped, Verdict::mismatch).find("of its own") == std::string::npos);

  // A rival by name stands whatever its entry holds: the summary is about that paper.
  const std::vector<std::string_view> named_titles{
      kTitle, "Quiet Speech", "MossGS: Gaussian Splatting for Glossy Surfaces"};
  std::vector<std::optional<Signals>> named{f.in_digest(named_titles, 0, kOther), std::nullopt,
                                            f.in_digest(named_titles, 2, kOther)};
  mark_rivals_keeping_their_own(named, f.parameters);
  REQUIRE(named[0]->rival.has_value());
  CHECK(named[0]->rival->named);
  CHECK_FALSE(named[0]->rival->keeps_own);
}

TEST_CASE("a rival's name must be one the summary keeps using, not a baseline or a near-word") {
  const Fixture f;
  // MossGS is written once, as the baseline: its title's terms are all grounded, yet it is not
  // what the summary is about. "ToDo" squashed would match "to do".
  const Signals s = f.in_digest(
      {"Quiet Speech Synthesis", "ToDo: Sparse Routing Captions", "MossGS: Sparse Routing"}, 0,
      "모델이 해야 할 일(to do)을 희소 라우팅(sparse routing)으로 "
      "고릅니다. 기존 MossGS보다 두 배 빠릅니다.");
  CHECK_FALSE(s.rival.has_value());
  const Signals subject =
      f.in_digest({"Quiet Speech Synthesis", "MossGS: Sparse Routing"}, 0,
                  "MossGS는 희소 라우팅(sparse routing)을 씁니다. MossGS는 두 배 빠릅니다.");
  CHECK(subject.rival.has_value());
}

TEST_CASE("a summary whose subject is another entry's name is that entry's, however grounded") {
  const Fixture f;
  // Grounded by its own title's words (sparse routing, captioning) yet all about MossGS, the name
  // of entry 2: moved from there, as a summary is anchored to the title it names.
  constexpr std::string_view kMoved =
      "MossGS는 희소 라우팅(sparse routing)으로 긴 비디오 캡션(captioning)의 조명을 고릅니다. "
      "MossGS는 반사 표면을 초당 120장 그립니다.";
  constexpr std::string_view kOwn = "Sparse Routing for Long Video Captioning";
  const Signals alone = f.in_digest({kOwn, "Quiet Speech Synthesis"}, 0, kMoved);
  CHECK(alone.grounding >= f.parameters.weak_grounding);
  CHECK(assess(alone, f.parameters).verdict == Verdict::fine);
  for (const Depth depth : {Depth::full, Depth::until_fine}) {
    const DigestTitles digest{{kOwn, "Quiet Speech Synthesis", "MossGS: Glossy Surfaces"}, 0};
    const Signals s = analyse(digest, kMoved, kMoved.size() / 3, f.vocabulary, f.parameters, depth);
    REQUIRE(s.rival.has_value());
    CHECK(s.rival->named);
    CHECK(s.rival->entry == 2);
    const Assessment a = assess(s, f.parameters);
    CHECK(a.verdict == Verdict::mismatch);
    CHECK(a.confidence >= f.parameters.warning_confidence);
    CHECK(evidence(s, a.verdict).find("it fits entry 3 better by name: 'MossGS:") !=
          std::string::npos);
  }
  // A name that only contains the subject is another paper that builds on it (Pixel-MossGS), and
  // a subject the own title connects to (an acronym of its words) is the summary's own.
  CHECK_FALSE(f.in_digest({kOwn, "Pixel-MossGS: Glossy Surfaces"}, 0, kMoved).rival.has_value());
  // A nearer title grounded as well (it shares the own title's words) does not hide the named one.
  const Signals nearer = f.in_digest(
      {kOwn, "Sparse Routing for Video Captioning", "MossGS: Glossy Surfaces"}, 0, kMoved);
  REQUIRE(nearer.rival.has_value());
  CHECK(nearer.rival->named);
  CHECK(nearer.rival->entry == 2);
  CHECK(assess(nearer, f.parameters).verdict == Verdict::mismatch);
  CHECK_FALSE(f.in_digest({kOwn, "SRLVC: Glossy Surfaces"}, 0,
                          "SRLVC는 희소 라우팅(sparse routing)으로 긴 비디오 캡션(captioning)을 "
                          "만듭니다. SRLVC는 초당 120장 그립니다.")
                  .rival.has_value());
}

TEST_CASE("an own title that fits better than every other lowers the confidence") {
  const Fixture f;
  constexpr std::string_view kSentence = "GlimmerWave: Sparse Routing";
  constexpr std::string_view kSummary =
      "희소 라우팅(sparse routing)으로 흔들리는 합의를 안정시킵니다. 노드마다 다른 경로를 "
      "고릅니다.";
  const Signals alone = f.run(kSentence, kSummary);
  const Signals s = f.in_digest({"MossGS: Glossy Surfaces", kSentence}, 1, kSummary);
  REQUIRE(s.grounding < f.parameters.weak_grounding);
  CHECK(s.distinct);
  CHECK_FALSE(s.rival.has_value());
  CHECK(assess(alone, f.parameters).confidence > 0);
  CHECK(assess(s, f.parameters).confidence < assess(alone, f.parameters).confidence);
}

// Worth a warning on grounding alone, as it was before a shifted digest was asked for (0.7): the
// discounts below then make a warning a note.
Fixture grounding_alone_warns() {
  Fixture f;
  f.parameters.grounding_confidence = f.parameters.warning_confidence;
  return f;
}

TEST_CASE("a summary without English that no other title fits better loses confidence") {
  const Fixture f = grounding_alone_warns();
  // "Robot" is rendered by the lexicons (로봇): the glossed summary misses a word they know.
  constexpr std::string_view kTitle = "Quibbling Robot Marmots in Gloaming Tessellations";
  constexpr std::string_view kUnrelated = "MossGS: Glossy Surfaces";
  constexpr std::string_view kKorean =
      "해질녘 모자이크 속에서 다투는 작은 동물을 관찰합니다. 동물마다 울음소리가 다릅니다.";
  constexpr std::string_view kOneWord =
      "해질녘 모자이크(mosaics) 속에서 다투는 작은 동물을 관찰합니다. 동물마다 울음소리가 "
      "다릅니다.";
  constexpr std::string_view kGlossed =
      "해질녘 모자이크(twilight mosaics) 속에서 다투는 작은 동물(small animals)을 관찰합니다. "
      "동물마다 울음소리가 다릅니다.";
  const Signals plain = f.in_digest({kTitle, kUnrelated}, 0, kKorean);
  const Signals one_word = f.in_digest({kTitle, kUnrelated}, 0, kOneWord);
  const Signals glossed = f.in_digest({kTitle, kUnrelated}, 0, kGlossed);
  REQUIRE(plain.grounding < f.parameters.weak_grounding);
  REQUIRE(glossed.grounding < f.parameters.weak_grounding);
  CHECK(plain.unglossed);
  CHECK(plain.unbeaten);
  CHECK(one_word.unglossed);  // fewer than min-gloss-words (2)
  CHECK_FALSE(glossed.unglossed);
  CHECK(glossed.unbeaten);
  const Assessment lowered = assess(plain, f.parameters);
  const Assessment full = assess(glossed, f.parameters);
  CHECK(lowered.confidence == doctest::Approx(full.confidence - f.parameters.distinct_discount));
  CHECK(band_of(full, f.parameters) == Band::severity);
  CHECK(band_of(lowered, f.parameters) == Band::note);
  CHECK(evidence(plain, lowered.verdict).find("little English") != std::string::npos);
  CHECK(evidence(glossed, full.verdict).find("little English") == std::string::npos);

  // No other title to compare with: nothing says the own title is the best fit.
  CHECK_FALSE(f.run(kTitle, kKorean).unbeaten);

  // Another title of the digest that fits the summary better: nothing lowers the confidence.
  constexpr std::string_view kMoved =
      "희소 라우팅으로 긴 비디오의 캡션을 만듭니다. 장면 전환마다 토큰 예산을 다시 나눕니다.";
  const Signals beaten =
      f.in_digest({kTitle, "Sparse Routing for Long Video Captioning"}, 0, kMoved);
  CHECK(beaten.unglossed);
  CHECK_FALSE(beaten.unbeaten);

  // A summary that keeps to another field speaks against the title by more than silence.
  constexpr std::string_view kSpeechTitle = "Quibbling Marmots in Gloaming Speech";
  constexpr std::string_view kImages =
      "해질녘 이미지에서 객체를 검출합니다. 이미지마다 객체 분할을 하고, 시각 특징으로 "
      "객체를 고릅니다.";
  const Signals other_field = f.in_digest({kSpeechTitle, kUnrelated}, 0, kImages);
  REQUIRE(other_field.conflicting_field.has_value());
  CHECK(other_field.unglossed);
  CHECK(other_field.unbeaten);
  CHECK_FALSE(other_field.only_lexicons_against());

  // min-gloss-words 0 turns it off.
  Fixture off;
  off.parameters.min_gloss_words = 0;
  CHECK_FALSE(off.in_digest({kTitle, kUnrelated}, 0, kKorean).unglossed);
}

TEST_CASE("a summary that misses only title words no lexicon renders loses confidence") {
  const Fixture f = grounding_alone_warns();
  constexpr std::string_view kTitle = "Quibbling Marmots in Gloaming Tessellations";
  constexpr std::string_view kUnrelated = "MossGS: Glossy Surfaces";
  constexpr std::string_view kGlossed =
      "해질녘 모자이크(twilight mosaics) 속에서 다투는 작은 동물(small animals)을 관찰합니다. "
      "동물마다 울음소리(vocal calls)가 다릅니다.";
  const Signals s = f.in_digest({kTitle, kUnrelated}, 0, kGlossed);
  REQUIRE(s.grounding < f.parameters.weak_grounding);
  CHECK_FALSE(s.unglossed);
  CHECK(s.unrendered);
  CHECK(s.only_lexicons_against());
  const Assessment lowered = assess(s, f.parameters);
  CHECK(band_of(lowered, f.parameters) == Band::note);
  CHECK(evidence(s, lowered.verdict).find("no lexicon renders") != std::string::npos);

  // A missing word the lexicons render (로봇), whole or as a hyphen part, speaks against it.
  for (const std::string_view title : {"Quibbling Robot Marmots in Gloaming Tessellations",
                                       "Quibbling Robot-Marmots in Gloaming Tessellations"}) {
    CAPTURE(title);
    const Signals rendered = f.in_digest({title, kUnrelated}, 0, kGlossed);
    REQUIRE(rendered.grounding < f.parameters.weak_grounding);
    CHECK_FALSE(rendered.unrendered);
    CHECK(band_of(assess(rendered, f.parameters), f.parameters) == Band::severity);
  }
  // So does a missing name: it would be written as it is.
  CHECK_FALSE(f.in_digest({"DuskNet: Quibbling Marmots", kUnrelated}, 0, kGlossed).unrendered);

  // A summary about a name of its own that the title lacks is not silence either.
  constexpr std::string_view kNamed =
      "DuskNet은 해질녘 장면(twilight scenes)을 분류하는 새 모델입니다. DuskNet은 작은 "
      "동물(small animals)의 울음소리를 함께 읽습니다. DuskNet은 기존 분류기보다 정확했습니다.";
  const Signals named = f.in_digest({kTitle, kUnrelated}, 0, kNamed);
  REQUIRE(named.competing());
  CHECK(named.unrendered);
  CHECK_FALSE(named.only_lexicons_against());
}

TEST_CASE("a summary missing only unrendered words, fitting best a title that keeps its own") {
  const Fixture f;
  const std::vector<std::string_view> titles{"Quibbling Marmots in Gloaming Tessellations",
                                             "Quiet Speech",
                                             "Gaussian Splatting Renders Glossy Surfaces"};
  constexpr std::string_view kSplatting =
      "가우시안 스플래팅(Gaussian Splatting)으로 반사 표면(glossy surfaces)을 실시간으로 "
      "그립니다. 표면마다 반사 성분을 나누어 가우시안에 담고, 렌더링(rendering) 때 다시 "
      "합칩니다.";
  const auto first_with_entry_3 = [&](std::optional<std::string_view> third) {
    std::vector<std::optional<Signals>> analysed{f.in_digest(titles, 0, kSplatting), std::nullopt,
                                                 std::nullopt};
    if (third) analysed[2] = f.in_digest(titles, 2, *third);
    mark_rivals_keeping_their_own(analysed, f.parameters);
    REQUIRE(analysed[0]->grounding < f.parameters.weak_grounding);
    REQUIRE(analysed[0]->rival.has_value());
    CHECK(analysed[0]->unrendered);
    CHECK_FALSE(analysed[0]->unbeaten);
    return *analysed[0];
  };
  // Entry 3 keeps its own summary: the two share a topic, and only the lexicons' silence speaks.
  const Signals kept = first_with_entry_3(kSplatting);
  CHECK(kept.lexicons_silence() == Signals::Silence::unrendered);
  const Assessment lowered = assess(kept, f.parameters);
  CHECK(band_of(lowered, f.parameters) == Band::note);
  CHECK(evidence(kept, lowered.verdict).find("no lexicon renders") != std::string::npos);
  // Entry 3 has no summary: this one may have come from there.
  const Signals moved = first_with_entry_3(std::nullopt);
  CHECK(moved.lexicons_silence() == Signals::Silence::none);
  CHECK(band_of(assess(moved, f.parameters), f.parameters) == Band::severity);
}

TEST_CASE("a title missing only unrendered words may be beaten by one that keeps its summary") {
  Signals s;
  s.unrendered = true;
  s.rival = Rival{1, "Another Paper", 0.6, false, true};
  CHECK(s.only_lexicons_against());  // the rival only shares the topic
  s.rival->keeps_own = false;
  CHECK_FALSE(s.only_lexicons_against());  // the summary may have come from there
  s.unrendered = false;
  s.unglossed = true;
  s.rival->keeps_own = true;
  CHECK_FALSE(s.only_lexicons_against());  // without English: only when no title fits better
  s.rival.reset();
  s.unbeaten = true;
  CHECK(s.lexicons_silence() == Signals::Silence::unglossed);
  s.conflicting_field = "speech";  // a field of its own speaks against the title
  CHECK_FALSE(s.only_lexicons_against());
  s.unglossed = false;
  s.unrendered = true;
  CHECK_FALSE(s.only_lexicons_against());
}

TEST_CASE("names used only after the lead are baselines, not a competing subject") {
  const Fixture f;
  const Signals s = f.run(
      "Sparse Routing for Speech Separation",
      "희소 라우팅으로 음성 분리를 합니다. 화자마다 토큰을 나누어 겹친 음성을 풉니다. 잡음이 많은 "
      "녹음에서도 분리가 잘 됩니다. 실험에서 ConvTasNet과 SepFormer보다 좋았고, ConvTasNet "
      "대비 SepFormer 대비 모두 2dB 높았습니다.");
  CHECK(s.subject_names.empty());
  CHECK_FALSE(s.competing());
  CHECK(s.grounding > f.parameters.weak_grounding);  // 희소, 라우팅, 음성, 분리 in Korean
}

TEST_CASE("a name made of the opening letters of consecutive title words connects to it") {
  constexpr std::string_view lora = "Mixture-of-Subspaces in Low-Rank Adaptation";
  CHECK(abbreviates("MoSLoRA", lora));
  CHECK(abbreviates("MoS-LoRA", lora));
  CHECK_FALSE(abbreviates("MoE", lora));      // fewer than four letters
  CHECK_FALSE(abbreviates("Mixture", lora));  // one word alone is not an abbreviation
  CHECK_FALSE(abbreviates("LoRAMoS", lora));  // out of order
  CHECK_FALSE(abbreviates("MoRA", lora));     // a word skipped
  CHECK_FALSE(abbreviates("ICLR", "Policy Filtration in RLHF to Fine-Tune LLM for Code"));
  // The work limits: a name of more than 32 letters, words past the 64th.
  const std::string two_words = std::string(20, 'a') + " " + std::string(20, 'a');
  CHECK(abbreviates(std::string(32, 'a'), two_words));
  CHECK_FALSE(abbreviates(std::string(33, 'a'), two_words));
  std::string far;
  for (int k = 0; k < 64; ++k) far += "Zzz ";
  CHECK_FALSE(abbreviates("MoSLoRA", far + std::string(lora)));
  const Fixture f;
  const Signals s = f.run("Mixture-of-Subspaces in Low-Rank Adaptation",
                          "MoSLoRA는 부분 공간을 섞습니다. MoSLoRA는 LoRA보다 좋습니다.");
  CHECK(s.connected_names == std::vector<std::string>{"MoSLoRA"});
  CHECK_FALSE(s.competing());
}

TEST_CASE("title names are found through their variants") {
  const Fixture f;
  CHECK(
      f.run("Llama Goes Sparse: Pruning at Scale", "Llama-3-70B를 가지치기합니다.").terms[0].found);
  CHECK(f.run("Foo-LLM: Tools for Agents", "Foo는 도구를 씁니다.").terms[0].found);
  CHECK(f.run("Qwen2.5-VL: Seeing More", "Qwen 모델을 확장합니다.").terms[0].found);
  CHECK(f.run("Orchestra: Many Agents", "오케스트라는 여러 에이전트를 조율합니다.").terms[0].found);
  CHECK_FALSE(f.run("Orchestra: Many Agents", "오디오를 생성합니다.").terms[0].found);
}

TEST_CASE("a LaTeX macro standing in for the name hides it rather than missing it") {
  const Fixture f;
  CHECK(f.run("FernCap: Sparse Routing", "\\method는 희소 라우팅을 씁니다.").name_missing == false);
  CHECK(f.run("FernCap: Sparse Routing", "모델은 희소 라우팅을 씁니다.").name_missing);
}

TEST_CASE("a catchphrase title name weighs little and is not a name") {
  const Fixture f;
  const Signals s = f.run("Found in the Middle: Positional Calibration for Long Context",
                          "긴 문맥(long context)에서 위치 보정(positional calibration)을 합니다.");
  CHECK_FALSE(s.name_missing);
  CHECK(s.terms.front().kind == TitleTerm::Kind::catchphrase);
  CHECK(assess(s, f.parameters).verdict == Verdict::fine);
}

TEST_CASE("acronyms connect to title words and expansions in either order") {
  const Fixture f;
  const Signals s = f.run("Scaling Robot Learning with Heterogeneous Pretrained Tokenizers",
                          "HPT는 로봇 학습을 위한 토크나이저입니다. HPT는 서로 다른 로봇의 감각을 "
                          "공통 토큰으로 바꿉니다.");
  CHECK(s.connected_names == std::vector<std::string>{"HPT"});
  const Signals e =
      f.run("Erasing Conceptual Knowledge from Language Models",
            "ELM(Erasure of Language Memory)은 개념을 지웁니다. ELM은 지식을 제거합니다.");
  CHECK(e.connected_names == std::vector<std::string>{"ELM"});
  CHECK(expansions("기법(Erasure of Language Memory, ELM)은", "ELM") ==
        std::vector<std::string>{"eras", "of", "languag", "memory"});
}

TEST_CASE("the glossaries ground English title words in Korean summaries") {
  const Fixture f;
  const Signals with = f.run("Robust Video Watermarking", "비디오 워터마크를 강건하게 삽입합니다.");
  const Signals without = f.run("Robust Video Watermarking", "주식 시장을 예측합니다.");
  CHECK(with.grounding == doctest::Approx(1.0));
  CHECK(without.grounding == doctest::Approx(0.0));
  // From the mined lexicon (rules/summary-lexicon.tsv), not the hand glossary.
  CHECK(f.run("Sparse Speech", "희소한 음성을 다룹니다.").grounding == doctest::Approx(1.0));
}

TEST_CASE("renderings are found alike in a summary searched and in one past the search budget") {
  const Fixture f;
  // Past 256 KiB of searching, one scan counts every rendering: a long summary gets there at
  // its first lookups.
  std::string padded;
  while (padded.size() < (300 << 10)) padded += "주식 시장을 예측합니다. ";
  const std::string with = padded + "비디오 워터마크를 강건하게 삽입합니다.";
  CHECK(f.run("Robust Video Watermarking", with).grounding == doctest::Approx(1.0));
  CHECK(f.run("Robust Video Watermarking", padded).grounding == doctest::Approx(0.0));
}

TEST_CASE("a long title word is found misspelt by one letter, a short one is not") {
  Fixture f;
  const auto found_term = [&](std::string_view title, std::string_view summary,
                              std::string_view term) {
    const Signals s = f.run(title, summary);
    return std::any_of(s.terms.begin(), s.terms.end(),
                       [&](const TitleTerm& t) { return t.text == term && t.found; });
  };
  constexpr std::string_view kTitle = "Learning About Themselves by Introspection";
  CHECK(found_term(kTitle, "내성(Interospection)으로 스스로를 예측합니다.", "Introspection"));
  CHECK(found_term(kTitle, "내성(Intrspection)으로 스스로를 예측합니다.", "Introspection"));
  CHECK_FALSE(found_term(kTitle, "내성(Interspection)으로 스스로를 예측합니다.", "Introspection"));
  CHECK_FALSE(found_term("Sparse Routing Heads", "Rousting 헤드를 씁니다.", "Routing"));
  f.parameters.misspelling_min_length = 0;
  CHECK_FALSE(found_term(kTitle, "내성(Interospection)으로 스스로를 예측합니다.", "Introspection"));
}

TEST_CASE("a word the lexicons lack takes its word family's renderings") {
  RuleSpec rule = default_rule("summary/title-mismatch");
  YAML::Node params = YAML::Clone(rule.params.node());
  params["glossary"] = std::vector<std::string>{"autonomous: autonomous", "human-ai: human-ai"};
  params["mined-glossary"] =
      std::vector<std::string>{"constraint: constraint", "profession: profession"};
  rule.params = params;
  const Vocabulary v = VocabularySource(rule).build();
  const auto family = [&](std::string_view word, std::size_t prefix = 6) -> std::string {
    const Glossary::Renderings renderings = v.renderings_of(stem(word), prefix);
    return renderings.empty() ? "" : std::string((*renderings.begin()).text);
  };
  CHECK(family("autonomic") == "autonomous");
  CHECK(family("professional") == "profession");
  CHECK(family("construction").empty());   // "constr" only: another word
  CHECK(family("human-aligned").empty());  // compounds are looked up by their parts
  CHECK(family("autonomic", 0).empty());
  CHECK(family("autonomous", 0) == "autonomous");  // the word itself, family or not
}

TEST_CASE("a glossary entry the vocabulary cannot hold is a load error naming the list") {
  // Raised as the model is made (the rule loads), though its vocabulary is built on first use.
  const auto model_with = [](const char* list, const std::string& entry) {
    RuleSpec rule = default_rule("summary/title-mismatch");
    YAML::Node params = YAML::Clone(rule.params.node());
    params[list] = std::vector<std::string>{entry};
    rule.params = params;
    return SummaryModel(rule);
  };
  CHECK_THROWS_WITH_AS(model_with("glossary", "long: " + std::string(70000, 'x')),
                       doctest::Contains("'glossary'"), RuleError);
  CHECK_THROWS_WITH_AS(model_with("mined-glossary", "no colon here"),
                       doctest::Contains("'mined-glossary'"), RuleError);
  CHECK_THROWS_WITH_AS(model_with("fields", "vision:"), doctest::Contains("'fields'"), RuleError);
  const SummaryModel model = model_with("glossary", "sparse: 희소");
  const Glossary::Renderings renderings = model.vocabulary().renderings_of(stem("sparse"), 0);
  REQUIRE_FALSE(renderings.empty());
  CHECK((*renderings.begin()).text == "희소");
}

TEST_CASE("a word family or a misspelling grounds the own title, never another title against it") {
  const Fixture f;
  constexpr std::string_view kSummary =
      "자율 컴퓨터 운영을 다룹니다. 자율 컴퓨터는 스스로 고칩니다.";
  const Signals own = f.run("Autonomic Computing", kSummary);
  CHECK(own.grounding == doctest::Approx(1.0));
  // The same two words in another title: "computing" is found, "autonomic" only through its
  // family, which is not evidence against the own title. Written "Autonomous", it is.
  CHECK_FALSE(f.in_digest({"Quiet Speech Synthesis", "Autonomic Computing"}, 0, kSummary)
                  .rival.has_value());
  CHECK(f.in_digest({"Quiet Speech Synthesis", "Autonomous Computing"}, 0, kSummary)
            .rival.has_value());
  // A misspelling likewise: "Introspection" is found in the own title only.
  constexpr std::string_view kMisspelt = "자율 에이전트가 Interospection으로 스스로를 고칩니다.";
  CHECK(f.run("Autonomous Introspection", kMisspelt).grounding == doctest::Approx(1.0));
  CHECK_FALSE(f.in_digest({"Quiet Speech Synthesis", "Autonomous Introspection"}, 0, kMisspelt)
                  .rival.has_value());
  CHECK(f.in_digest({"Quiet Speech Synthesis", "Autonomous Interospection"}, 0, kMisspelt)
            .rival.has_value());
}

TEST_CASE("a rival needs two of its terms found, not one shared word") {
  const Fixture f;
  // One of the two terms of "Pipeline Parallelism" is found: half its grounding, enough for
  // rival-grounding but not for rival-min-terms. Both found: a rival.
  constexpr std::string_view kRivalTitle = "Pipeline Parallelism";
  const Signals one = f.in_digest({"Quiet Speech Synthesis", kRivalTitle}, 0,
                                  "데이터 pipeline을 새로 짭니다. 음악 장르를 분류합니다.");
  REQUIRE(f.parameters.rival_grounding <= 0.5);
  CHECK_FALSE(one.rival.has_value());
  const Signals both =
      f.in_digest({"Quiet Speech Synthesis", kRivalTitle}, 0,
                  "pipeline parallelism으로 학습을 나눕니다. 음악 장르를 분류합니다.");
  REQUIRE(both.rival.has_value());
  CHECK_FALSE(both.rival->named);
  CHECK(evidence(both, Verdict::mismatch).find("it fits entry 2 better: 'Pipeline Parallelism'") !=
        std::string::npos);
}

TEST_CASE("title terms are counted once per stem") {
  const Fixture f;
  const Signals s = f.run("Quantization Hurts Reasoning in Quantized Models", "양자화");
  CHECK(std::count_if(s.terms.begin(), s.terms.end(), [](const TitleTerm& term) {
          return stem(term.text) == stem("quantization");
        }) == 1);
}

TEST_CASE("broad title words count only beside too few specific terms") {
  const Fixture f;
  // "video" and "generation" are broad: with two specific terms they do not ground the summary.
  const Signals specific = f.run("Sparse Routing for Video Generation", "비디오 생성을 합니다.");
  CHECK(specific.grounding == doctest::Approx(0.0));
  const Signals broad_only = f.run("Efficient Video Generation", "비디오 생성을 합니다.");
  CHECK(broad_only.grounding > 0);
}

TEST_CASE("a title's short pieces grow linearly with any shape of title") {
  std::string parts_without_letters, one_letter_parts;
  for (int k = 0; k < 20000; ++k) {
    parts_without_letters += "é_";
    one_letter_parts += "a-";
  }
  const auto pieces = [&](const std::string& title) {
    const std::string& joined = squash_title(title).short_pieces;
    return std::count(joined.begin(), joined.end(), '\n') - 1;  // one '\n' before the first
  };
  CHECK(pieces(parts_without_letters) == 0);
  // Each one-letter segment starts kShortName pieces (runs of 1 to 5 segments), but the last
  // four, which start 4, 3, 2 and 1: linear, where every run of segments would be quadratic.
  CHECK(pieces(one_letter_parts) == 20000 * kShortName - (1 + 2 + 3 + 4));
  CHECK(squash_title("PyNeRF and Human4DiT").short_pieces ==
        "\npy\npyne\nne\nnerf\nrf\nand\nhuman\n4\n4di\n4dit\ndi\ndit\nt\n");
}

TEST_CASE("a summary that writes the title's name, or compounds its words, is anchored") {
  const Fixture f;
  CHECK(f.run("Depth Anything: Unleashing Unlabeled Data",
              "'Depth Anything'은 단안 깊이 추정 모델입니다.")
            .anchored);
  CHECK(f.run("GPT or BERT: why not both?",
              "GPT-BERT는 두 목적을 합칩니다. GPT-BERT는 MLM과 CLM을 씁니다.")
            .anchored);
  CHECK_FALSE(
      f.run("Depth Anything: Unleashing Unlabeled Data", "주식 시장을 예측합니다.").anchored);
  // A name with a distinctive title word as one of its parts (a number may follow) is made of
  // it; one that only holds the word inside a part, or opens a part with it, is another name.
  constexpr std::string_view kSplatting = "Surface-Aligned Splatting for Mesh Reconstruction";
  CHECK(f.run(kSplatting, "PhysSplatting은 표면을 맞춥니다. PhysSplatting은 빠릅니다.").anchored);
  CHECK(f.run(kSplatting, "Splatting3D는 표면을 맞춥니다. Splatting3D는 빠릅니다.").anchored);
  CHECK_FALSE(f.run("Joint Pose and Radiance Field Optimization",
                    "InternLM-XComposer2는 글과 그림을 씁니다. InternLM-XComposer2는 큽니다.")
                  .anchored);
  // A short name is made of whole parts of a title word, not letters inside one.
  constexpr std::string_view kMesh = "LLaMA-Mesh: Unifying Mesh Generation with Language Models";
  CHECK_FALSE(f.run(kMesh, "ODE 풀이를 줄입니다. ODE 단계는 네 번입니다.").anchored);
  CHECK(
      f.run("PyNeRF: Pyramidal Neural Radiance Fields", "NeRF를 층으로 나눕니다. NeRF는 빠릅니다.")
          .anchored);
  CHECK(f.run("Aligning QRMs with Feedback", "QRM을 맞춥니다. QRM은 따릅니다.").anchored);
  CHECK(f.run("Human4DiT: Free-view Human Video", "DiT를 키웁니다. DiT는 4D입니다.").anchored);
  CHECK(f.run("SD-XL: Better Pictures", "SDXL을 키웁니다. SDXL은 큽니다.").anchored);
  CHECK_FALSE(f.run("DINO-X: A Unified Vision Model for Open-World Object Detection",
                    "OPENSCHOLAR는 논문을 찾습니다. OPENSCHOLAR는 인용합니다.")
                  .anchored);
  // Its most used name abbreviates title words: the paper's own shorthand. A name whose expansion
  // only shares a title word is not enough.
  constexpr std::string_view kMixture = "Mixture-of-Subspaces in Low-Rank Adaptation";
  CHECK(f.run(kMixture, "MoSLoRA는 하위 공간을 섞습니다. MoSLoRA는 믹서를 배웁니다.").anchored);
  CHECK_FALSE(f.run(kMixture,
                    "MoSLoRA 없이 풉니다. ZeroQuant는 가중치를 줄입니다. ZeroQuant는 "
                    "빠릅니다. ZeroQuant는 작습니다.")
                  .anchored);
  CHECK_FALSE(
      f.run(kMixture, "Sparse Mixture Quantization(SMQ)은 가중치를 줄입니다. SMQ는 빠릅니다.")
          .anchored);
}

TEST_CASE("a template-like summary that names something specific is less confidently a template") {
  const Fixture f;
  constexpr std::string_view kStock =
      "새로운 딥러닝 모델을 소개합니다. 다양한 벤치마크에서 기존 모델 대비 성능이 좋았습니다.";
  const Assessment plain = f.verdict(kTitle, kStock);
  const Assessment named =
      f.verdict(kTitle, std::string(kStock) + " Stable Video Diffusion(SVD)을 씁니다.");
  REQUIRE(plain.verdict == Verdict::generic);
  REQUIRE(named.verdict == Verdict::generic);
  CHECK(named.confidence < plain.confidence);
}

TEST_CASE("analysing only until a summary is fine changes no verdict") {
  const Fixture f;
  const auto both = [&](std::string_view title, std::string_view summary) {
    const DigestTitles digest{{title, "MossGS: Gaussian Splatting for Glossy Surfaces"}, 0};
    return std::pair{analyse(digest, summary, summary.size() / 3, f.vocabulary, f.parameters),
                     analyse(digest, summary, summary.size() / 3, f.vocabulary, f.parameters,
                             Depth::until_fine)};
  };
  const auto same_verdict = [&](const Signals& full, const Signals& early) {
    const Assessment a = assess(full, f.parameters), b = assess(early, f.parameters);
    CHECK(a.verdict == b.verdict);
    CHECK(a.confidence == doctest::Approx(b.confidence));
    // The first pass finds a subset of the terms, when it works them out at all: only a summary
    // settled as anchored by its names is settled before.
    REQUIRE((early.terms.empty() ? early.anchored : early.terms.size() == full.terms.size()));
    for (std::size_t i = 0; i < early.terms.size(); ++i) {
      CHECK((!early.terms[i].found || full.terms[i].found));
    }
  };
  // Grounded by words and lexicons, no template: settled early.
  const auto [good_full, good_early] = both(kTitle, kGood);
  CHECK(good_early.settled);
  CHECK_FALSE(good_full.settled);
  same_verdict(good_full, good_early);
  // Grounded only once the sounds are heard (오케스트라, 라우터).
  const auto [sound_full, sound_early] =
      both("Orchestra Router", "오케스트라와 라우터로 여러 에이전트를 조율합니다.");
  CHECK(sound_full.grounding >= f.parameters.weak_grounding);
  same_verdict(sound_full, sound_early);
  // Well grounded, yet a template: many stock phrases and no name of its own used twice.
  const std::string grounded_template =
      "희소 라우팅(sparse routing)으로 긴 비디오(long video) 캡션(captioning)을 만듭니다. " +
      std::string(kTemplate);
  const auto [template_full, template_early] =
      both("Sparse Routing for Long Video Captioning", grounded_template);
  REQUIRE(template_full.grounding >= f.parameters.weak_grounding);
  CHECK_FALSE(template_early.settled);
  CHECK(assess(template_early, f.parameters).verdict == Verdict::generic);
  same_verdict(template_full, template_early);
  // A weakly grounded template that fits another title better: a template whatever that title,
  // so rivals are not sought.
  const DigestTitles day{{kTitle, "Gaussian Splatting for Glossy Surfaces"}, 0};
  const std::string moved =
      std::string(kTemplate) +
      " 가우시안 스플래팅(Gaussian Splatting)으로 광택 표면(glossy surfaces)을 그립니다.";
  const Signals moved_full =
      analyse(day, moved, moved.size() / 3, f.vocabulary, f.parameters, Depth::full);
  const Signals moved_early =
      analyse(day, moved, moved.size() / 3, f.vocabulary, f.parameters, Depth::until_fine);
  REQUIRE(moved_full.grounding < f.parameters.weak_grounding);
  CHECK(moved_full.rival);
  CHECK_FALSE(moved_early.rival);
  CHECK(assess(moved_early, f.parameters).verdict == Verdict::generic);
  same_verdict(moved_full, moved_early);
  // Weakly grounded, but it writes the title's name: anchored, settled before rivals are sought.
  const auto [named_full, named_early] =
      both("ZorbNet: Quiet Speech Synthesis", "ZorbNet은 새 모델입니다. ZorbNet은 빠릅니다.");
  CHECK(named_full.anchored);
  CHECK(named_full.grounding < f.parameters.weak_grounding);
  CHECK(named_early.settled);
  CHECK(named_early.anchored);
  same_verdict(named_full, named_early);
  // Or its key name abbreviates the title: anchored alike.
  const auto [short_full, short_early] = both("Mixture-of-Subspaces in Low-Rank Adaptation",
                                              "MoSLoRA는 새 방법입니다. MoSLoRA는 빠릅니다.");
  CHECK(short_full.anchored);
  CHECK(short_full.grounding < f.parameters.weak_grounding);
  CHECK(short_early.settled);
  same_verdict(short_full, short_early);
  // Templates and other papers' summaries: analysed in full.
  for (const std::string_view summary : {kTemplate, kOther}) {
    const auto [full, early] = both(kTitle, summary);
    CHECK_FALSE(early.settled);
    same_verdict(full, early);
  }
}

TEST_CASE("an anchored summary is settled before the signals it does not need") {
  const Fixture f;
  const DigestTitles digest{{"ZorbNet: Quiet Speech Synthesis"}, 0};
  const auto early = [&](std::string_view summary) {
    return analyse(digest, summary, summary.size() / 3, f.vocabulary, f.parameters,
                   Depth::until_fine);
  };
  // In any letter case: anchored, and no term worked out.
  const Signals named = early("zorbnet은 새 모델입니다. 음성을 만듭니다.");
  CHECK(named.settled);
  CHECK(named.anchored);
  CHECK(named.terms.empty());
  // Written otherwise ("Zorb-Net", once: no key name), the name is found among the terms, as in a
  // full analysis.
  const Signals variant = early("Zorb-Net은 새 모델입니다. 이 모델은 음성을 만듭니다.");
  CHECK(variant.settled);
  REQUIRE_FALSE(variant.terms.empty());
  CHECK(variant.terms.front().found);
  // A key name (used twice) written whole in the title anchors a summary once its names are
  // known, before its terms are worked out; here the title has no name of its own.
  const DigestTitles no_name{{"Quiet Speech Synthesis with ZorbNet Codecs"}, 0};
  constexpr std::string_view kKeyName = "ZorbNet은 새 코덱입니다. ZorbNet은 빠릅니다.";
  const Signals keyed = analyse(no_name, kKeyName, kKeyName.size() / 3, f.vocabulary, f.parameters,
                                Depth::until_fine);
  CHECK(keyed.settled);
  CHECK(keyed.anchored);
  CHECK(keyed.terms.empty());
  // A short key name inside a title word ("RET" in "Retrieval") is no name of the title.
  const DigestTitles retrieval{{"Retrieval Tricks for Sparse Search"}, 0};
  constexpr std::string_view kShortKey = "RET은 새 방법입니다. RET은 빠릅니다.";
  CHECK_FALSE(analyse(retrieval, kShortKey, kShortKey.size() / 3, f.vocabulary, f.parameters,
                      Depth::until_fine)
                  .anchored);
  // A name shorter than anchor_name_length does not anchor a summary.
  const DigestTitles short_name{{"Zorb: Quiet Speech Synthesis"}, 0};
  constexpr std::string_view kShort = "Zorb는 새 모델입니다. 날씨가 맑습니다.";
  CHECK_FALSE(
      analyse(short_name, kShort, kShort.size() / 3, f.vocabulary, f.parameters, Depth::until_fine)
          .anchored);
}

TEST_CASE("a summary settles once enough of its title is found, the rest not looked up") {
  const Fixture f;
  const DigestTitles digest{{"SparseRouter: Long Video Captioning"}, 0};
  // The name written with a hyphen, once: found among the terms (a summary that writes it as the
  // title does, or keeps using it, is settled as anchored before they are worked out).
  constexpr std::string_view kSummary =
      "Sparse-Router는 long video를 다룹니다. 이 방법은 captioning 품질을 높입니다.";
  const auto analysed = [&](Depth depth) {
    return analyse(digest, kSummary, kSummary.size() / 3, f.vocabulary, f.parameters, depth);
  };
  const Signals full = analysed(Depth::full), early = analysed(Depth::until_fine);
  REQUIRE(early.settled);
  REQUIRE(early.terms.size() == full.terms.size());
  // The name alone reaches weak-grounding (3 of 5: "Video", a broad word, weighs nothing beside
  // specific ones). "Long" and "Captioning" are written, but not looked up.
  for (std::size_t i = 1; i < full.terms.size(); ++i) {
    CHECK(full.terms[i].found);
    CHECK_FALSE(early.terms[i].found);
  }
  CHECK(early.grounding >= f.parameters.weak_grounding);
  CHECK(early.grounding < full.grounding);  // a lower bound
}

TEST_CASE("a settled summary finds a title word where its stem starts a word or a hyphen part") {
  const Fixture f;
  const auto found = [&](std::string_view summary) {
    const DigestTitles digest{{"Retrieval Backbones"}, 0};
    const Signals early =
        analyse(digest, summary, summary.size() / 3, f.vocabulary, f.parameters, Depth::until_fine);
    std::vector<std::string> words;
    for (const TitleTerm& term : early.terms) {
      if (term.found) words.push_back(term.text);
    }
    return std::pair{early.settled, words};
  };
  // "cross-retrieval": a hyphen part; "backbone": another form of "Backbones".
  const auto [settled, words] = found("이 논문은 cross-retrieval 과 backbone 구조를 다룹니다.");
  CHECK(settled);
  CHECK(words == std::vector<std::string>{"Retrieval", "Backbones"});
  // Inside a word is not the word: "preretrieval", "backbonesque".
  CHECK(found("이 논문은 preretrieval 과 backbonesque 구조를 다룹니다.").second.empty());
}

TEST_CASE("name parts split at separators and case changes") {
  CHECK(name_parts("EdgeFusion") == std::vector<std::string_view>{"Edge", "Fusion"});
  CHECK(name_parts("User-LLM") == std::vector<std::string_view>{"User", "LLM"});
  CHECK(name_parts("LLM-3D Print") == std::vector<std::string_view>{"LLM", "3D", "Print"});
  CHECK(title_name("Found in the Middle: How", 4) == "Found in the Middle");
  CHECK(title_name("A Very Long Phrase Of Words: x", 4).empty());
}

TEST_CASE("a title's name ends at its first separator, whichever it is") {
  CHECK(title_name("Mamba -- Linear Time: Sequences", 4) == "Mamba");
  CHECK(title_name("Mamba — Linear: Time", 4) == "Mamba");
  CHECK(title_name("Mamba-2: Linear -- Time", 4) == "Mamba-2");
  CHECK(title_name("Ti:Sa Lasers — A Survey", 4) == "Ti:Sa Lasers");  // ':' without a space
  CHECK(title_name("A -B --C: D", 4) == "A -B --C");
  CHECK(title_name("Mamba -- ", 4) == "Mamba");
  CHECK(title_name("No separator at all", 4).empty());
  CHECK(title_name("Ends with a colon:", 4).empty());
  CHECK(title_name(": leading", 4).empty());
}

TEST_CASE("parameters are validated") {
  RuleSpec rule = default_rule("summary/title-mismatch");
  YAML::Node params = YAML::Clone(rule.params.node());
  params["weak-grounding"] = 1.5;
  rule.params = params;
  CHECK_THROWS(read_parameters(rule));
  params["weak-grounding"] = 0.5;
  params["warning-confidence"] = 0.2;
  CHECK_THROWS(read_parameters(rule));  // below note-confidence
  params["warning-confidence"] = 0.7;
  params["max-title-words"] = 0;
  CHECK_THROWS(read_parameters(rule));  // a work limit is at least 1
  params["max-title-words"] = 64;
  CHECK(read_parameters(rule).warning_confidence == doctest::Approx(0.7));
}

TEST_CASE("the work limits bound the title terms and the key names") {
  Fixture f;
  f.parameters.max_title_words = 3;
  f.parameters.max_key_names = 1;
  const Signals s = f.run("Sparse Routing Long Video Captioning Quality", kGood);
  CHECK(s.terms.size() == 3);
  const Signals other = f.run(kTitle, std::string(kGood) + " MossGS MossGS FernCap");
  REQUIRE(other.key_names.size() == 1);
  CHECK(other.key_names.front() == "FernCap");
}

TEST_CASE("how often a name must be used is a parameter") {
  Fixture f;
  CHECK(f.run(kTitle, kGood).key_names == std::vector<std::string>{"FernCap"});  // used twice
  f.parameters.key_name_min_uses = 3;
  CHECK(f.run(kTitle, kGood).key_names.empty());
  const std::string capitalized = std::string(kGood) + " Mamba와 Mamba를 Mamba로 비교합니다.";
  const auto has_mamba = [](const Signals& s) {
    return std::any_of(s.names.begin(), s.names.end(),
                       [](const auto& name) { return name.first == "Mamba"; });
  };
  CHECK(has_mamba(f.run(kTitle, capitalized)));  // a capitalized word used three times
  f.parameters.capitalized_name_min_uses = 4;
  CHECK_FALSE(has_mamba(f.run(kTitle, capitalized)));
}

TEST_CASE("summary_of joins sections without markup") {
  Entry entry;
  Section a, b;
  a.text.text = "**가** 나";
  b.text.text = "[다](https://x.org)";
  entry.sections = {a, b};
  CHECK(summary_of(entry) == "가 나\n다");
}

TEST_CASE("a file's stripped summaries say where each section is, and are worked out once") {
  Digest digest;
  Entry entry;
  Section a, b, empty;
  a.text.text = "**가** 나";
  empty.text.text = "**";
  b.text.text = "[다](https://x.org)";
  entry.sections = {empty, a, b};
  digest.entries = {entry, Entry{}};
  FileAnalyses analyses;
  const auto first = stripped_summaries(digest, &analyses);
  REQUIRE(first->size() == 2);
  const StrippedSummary& summary = first->front();
  CHECK(summary.text == "가 나\n다");  // no separator before the section stripped to nothing
  const std::vector<std::string_view> sections = {
      std::string_view(summary.text)
          .substr(summary.sections[0].first,
                  summary.sections[0].second - summary.sections[0].first),
      std::string_view(summary.text)
          .substr(summary.sections[1].first,
                  summary.sections[1].second - summary.sections[1].first),
      std::string_view(summary.text)
          .substr(summary.sections[2].first,
                  summary.sections[2].second - summary.sections[2].first)};
  CHECK(sections == std::vector<std::string_view>{"", "가 나", "다"});
  CHECK(first->back().text.empty());
  CHECK(stripped_summaries(digest, &analyses) == first);  // the same, shared
  // Without analyses, worked out alike for the caller.
  CHECK(stripped_summaries(digest, nullptr)->front().sections == summary.sections);
}

TEST_CASE("uses_of counts whole words and their plurals") {
  CHECK(uses_of("gpt-4 api의 새 기능, apis와 api.", "api") == 3);
  CHECK(uses_of("rapid apiary", "api") == 0);
  CHECK(uses_of("url과 rl, rles", "rl") == 2);  // not inside "url"; "rles" as a plural
  CHECK(uses_of("anything", "") == 0);
}

TEST_CASE("a broad name of the title counts when the summary keeps using it and the day does not") {
  const Fixture f;
  constexpr std::string_view kTitle = "Exploiting Novel GPT-4 APIs";
  constexpr std::string_view kSummary =
      "언어 모델 공격은 보통 화이트박스 접근을 가정합니다. 실제 API는 더 유연하여 그레이박스 "
      "접근이 가능합니다. GPT-4 API의 파인튜닝과 함수 호출을 시험했고, GPT-4의 보호 기능을 "
      "제거할 수 있었습니다.";
  const auto kind_of = [](const Signals& s, std::string_view text) {
    const auto it = std::find_if(s.terms.begin(), s.terms.end(),
                                 [&](const TitleTerm& term) { return term.text == text; });
    REQUIRE(it != s.terms.end());
    return it->kind;
  };
  // Nine other summaries, none about APIs or GPT-4: both names are this paper's on the day.
  const Signals own_day = f.on_a_day(kTitle, kSummary, kOther);
  CHECK(kind_of(own_day, "APIs") == TitleTerm::Kind::entity);
  CHECK(kind_of(own_day, "GPT-4") == TitleTerm::Kind::entity);
  CHECK(own_day.grounding >= f.parameters.weak_grounding);
  CHECK(assess(own_day, f.parameters).verdict == Verdict::fine);
  // When every other summary of the day uses GPT-4 and APIs, they say nothing of this paper.
  const Signals busy_day =
      f.on_a_day(kTitle, kSummary, "GPT-4 API로 만든 에이전트를 GPT-4로 평가합니다.");
  CHECK(kind_of(busy_day, "APIs") == TitleTerm::Kind::common);
  CHECK(kind_of(busy_day, "GPT-4") == TitleTerm::Kind::common);
  CHECK(busy_day.grounding < f.parameters.weak_grounding);
  // Alone, with no other summary to compare with, a broad name stays broad.
  CHECK(kind_of(f.run(kTitle, kSummary), "APIs") == TitleTerm::Kind::common);
}

TEST_CASE("a Hangul spelling grounds the own title only when the rest of the day lacks it") {
  const Fixture f;
  // "Toto" and 데이터 share a sound skeleton (T-V-T-V): on a day whose summaries all write 데이터,
  // the match is a native word, not the name.
  constexpr std::string_view kTitle = "Toto: Observability Forecasting";
  constexpr std::string_view kSummary =
      "이 연구는 관측 데이터로 시계열을 예측합니다. 대규모 데이터에서 사전 학습한 모델을 "
      "공개합니다.";
  const auto toto_found = [&](std::string_view others) {
    const Signals s = f.on_a_day(kTitle, kSummary, others);
    REQUIRE(!s.terms.empty());
    REQUIRE(s.terms.front().text == "Toto");
    return s.terms.front().found;
  };
  CHECK(toto_found(kOther));  // a quiet day: the spelling counts
  CHECK_FALSE(toto_found("새 데이터셋과 데이터 정제를 다룹니다."));  // every summary has 데이터
}

TEST_CASE("the day's summaries answer a spelling alike read or indexed") {
  const Fixture f;
  // The first two questions to a summary read it, later ones its index: asked again and again,
  // the day answers as at first. 데이터 (Toto, data) is in every other summary, 라우터 (Router) in
  // one of nine, 오케스트라 (Orchestra) in none.
  DigestTitles digest{{"Own Paper"}, 0};
  digest.summaries = {"라우터와 오케스트라"};
  const std::vector<std::string> others = {"라우터를 쓰는 데이터 분석입니다.",
                                           "데이터를 정제합니다.",
                                           "대규모 데이터입니다.",
                                           "데이터 수집입니다.",
                                           "데이터 증강입니다.",
                                           "데이터 검색입니다.",
                                           "데이터 압축입니다.",
                                           "데이터 요약입니다.",
                                           "데이터 시각화입니다."};
  for (const std::string& other : others) {
    digest.titles.push_back("Another Paper");
    digest.summaries.push_back(other);
  }
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    CHECK_FALSE(digest.few_others_sound("Toto", f.parameters));
    CHECK(digest.few_others_sound("Router", f.parameters));
    CHECK(digest.few_others_sound("Orchestra", f.parameters));
  }
  CHECK(digest.sounds_cache.size() == digest.summaries.size());  // indexed by the third round
  CHECK(digest.sounds_cache[1].has_value());
}

TEST_CASE_FIXTURE(
    Fixture, "a summary's names: most used first, name-like before capitalized, then first seen") {
  // Mamba is an ordinary capitalized word, a name only from three uses; Helix, used twice, is
  // none. Mamba comes first in the text, yet after the name-like names used as often.
  const Signals s =
      run("Sequence Models",
          "Mamba 구조를 쓴다. ZetaNet 은 Mamba 보다 빠르다. QuRK 와 ZetaNet 을 "
          "비교한다. Helix 와 BetaLM. QuRK 는 Mamba 와 Helix 를 쓴다. ZetaNet 과 QuRK.");
  const std::vector<std::pair<std::string, int>> expected = {
      {"ZetaNet", 3}, {"QuRK", 3}, {"Mamba", 3}, {"BetaLM", 1}};
  CHECK(s.names == expected);
}

TEST_CASE("a summary that fits its title weakly in a digest where many do is more likely moved") {
  const Fixture f;
  Signals weak;
  weak.grounding = 0;
  weak.terms = {{TitleTerm::Kind::word, "Marmots", 1, false, {}}};
  Signals grounded;
  grounded.grounding = 1;
  Signals anchored = weak;
  anchored.anchored = true;
  Signals template_like = weak;
  template_like.boilerplate = {"새로운 모델", "다양한 벤치마크"};
  // The same stock phrases around a name it keeps using: no template, so it counts.
  Signals named_with_phrases = template_like;
  named_with_phrases.key_names = {"ZetaNet"};
  CHECK_FALSE(template_like.weak_fit(f.parameters));
  CHECK(named_with_phrases.weak_fit(f.parameters));
  const auto digest = [&](int weak_ones, int others) {
    std::vector<std::optional<Signals>> analysed(1, weak);
    for (int k = 1; k < weak_ones; ++k) analysed.emplace_back(weak);
    for (int k = 0; k < others; ++k) analysed.emplace_back(grounded);
    analysed.emplace_back(anchored);
    analysed.emplace_back(template_like);
    analysed.emplace_back(std::nullopt);  // an entry without a summary counts for nothing
    count_weak_fits(analysed, f.parameters);
    return analysed;
  };
  // 3 of 10 summaries fit weakly (shifted-digest-share 0.3): a shifted digest.
  const auto shifted = digest(3, 5);
  CHECK(shifted[0]->digest_weak == 3);
  CHECK(shifted[0]->digest_summaries == 10);
  CHECK(shifted[0]->in_shifted_digest);
  CHECK_FALSE(shifted[3]->in_shifted_digest);  // grounded
  CHECK_FALSE(shifted[8]->in_shifted_digest);  // anchored by a name
  CHECK_FALSE(shifted[9]->in_shifted_digest);  // a template
  const auto good = digest(2, 6);
  CHECK_FALSE(good[0]->in_shifted_digest);
  // One summary is no shift, however few the others (shifted-digest-min 2).
  std::vector<std::optional<Signals>> single{weak};
  count_weak_fits(single, f.parameters);
  CHECK_FALSE(single[0]->in_shifted_digest);
  std::vector<std::optional<Signals>> swapped{weak, weak};
  count_weak_fits(swapped, f.parameters);
  CHECK(swapped[0]->in_shifted_digest);

  const Assessment alone = assess(*good[0], f.parameters);
  const Assessment moved = assess(*shifted[0], f.parameters);
  CHECK(moved.confidence ==
        doctest::Approx(alone.confidence + f.parameters.shifted_digest_confidence));
  // Grounding alone is a note; in a shifted digest, a warning.
  CHECK(band_of(alone, f.parameters) == Band::note);
  CHECK(band_of(moved, f.parameters) == Band::severity);
  CHECK(evidence(*shifted[0], moved.verdict)
            .find("3 of the digest's 10 summaries fit their titles as weakly") !=
        std::string::npos);
  CHECK(evidence(*good[0], alone.verdict).find("of the digest's") == std::string::npos);
}

TEST_CASE(
    "a summary settled before under its title is settled again, unless its subject names "
    "another title of the digest") {
  const Fixture f;
  constexpr std::string_view kMoved =
      "MossGS는 희소 라우팅(sparse routing)으로 긴 비디오 캡션(captioning)의 조명을 고릅니다. "
      "MossGS는 반사 표면을 초당 120장 그립니다.";
  constexpr std::string_view kOwn = "Sparse Routing for Long Video Captioning";
  SettledMemo memo;
  const Settling settling{memo, checks::process_secret().hash(kMoved)};
  const auto analysed_with_lead = [&](const DigestTitles& digest, const Settling* with,
                                      std::size_t lead) {
    return analyse(digest, kMoved, lead, f.vocabulary, f.parameters, Depth::until_fine, with);
  };
  const auto analysed = [&](const DigestTitles& digest, const Settling* with) {
    return analysed_with_lead(digest, with, kMoved.size() / 3);
  };
  // What the verdicts read of a summary's signals (a settled one is found fine at once).
  const auto same_verdict = [&](const Signals& a, const Signals& b) {
    CHECK(a.settled == b.settled);
    CHECK(a.grounding == b.grounding);
    CHECK(a.grounded(f.parameters) == b.grounded(f.parameters));
    CHECK(a.weak_fit(f.parameters) == b.weak_fit(f.parameters));
    const Assessment first = assess(a, f.parameters), second = assess(b, f.parameters);
    CHECK(first.verdict == second.verdict);
    CHECK(first.confidence == second.confidence);
  };
  const auto same = [&](const Signals& a, const Signals& b) {
    same_verdict(a, b);
    CHECK(a.names == b.names);
    CHECK(a.rival.has_value() == b.rival.has_value());
    REQUIRE(a.terms.size() == b.terms.size());
    for (std::size_t i = 0; i < a.terms.size(); ++i) {
      CHECK(a.terms[i].text == b.terms[i].text);
      CHECK(a.terms[i].found == b.terms[i].found);
    }
  };
  const DigestTitles quiet{{kOwn, "Quiet Speech Synthesis"}, 0};
  const Signals alone = analysed(quiet, nullptr);
  REQUIRE(alone.settled);
  REQUIRE(alone.grounding >= f.parameters.weak_grounding);
  // Noted, then kept: analysed, the same signals. Then found: settled with the same grounding,
  // its terms and names not copied back (the verdicts do not read them).
  same(analysed(quiet, &settling), alone);
  same(analysed(quiet, &settling), alone);
  const Signals found = analysed(quiet, &settling);
  same_verdict(found, alone);
  CHECK(found.terms.empty());
  CHECK(found.names.empty());
  // Where its subject (MossGS) is another entry's name, it is analysed again, not settled.
  const DigestTitles named{{kOwn, "Quiet Speech Synthesis", "MossGS: Glossy Surfaces"}, 0};
  const Signals moved = analysed(named, &settling);
  CHECK_FALSE(moved.settled);
  REQUIRE(moved.rival.has_value());
  CHECK(moved.rival->named);
  same(moved, analysed(named, nullptr));
  // Under another title it is another summary.
  const DigestTitles other{{"Quiet Speech Synthesis", kOwn}, 0};
  for (int time = 0; time < 3; ++time) {
    same_verdict(analysed(other, &settling), analysed(other, nullptr));
  }
  // With no lead it has no subject and settles there; with its lead it is another entry's again.
  SettledMemo leads;
  const Settling by_lead{leads, settling.text};
  for (int time = 0; time < 3; ++time) CHECK(analysed_with_lead(named, &by_lead, 0).settled);
  same(analysed(named, &by_lead), moved);
}

TEST_CASE("a title's terms are kept for the digests that have it again") {
  const Fixture f;
  TitleTermsMemo memo;
  const auto texts = [](const std::vector<TitleTerm>& terms) {
    std::vector<std::string> out;
    for (const TitleTerm& term : terms) out.push_back(term.text + "/" + term.stemmed);
    return out;
  };
  for (const std::string_view title : {kTitle, std::string_view("Quiet Speech Synthesis")}) {
    const DigestTitles alone{{title}, 0};
    const auto expected = texts(alone.terms(0, f.vocabulary, f.parameters));
    REQUIRE_FALSE(expected.empty());
    // Noted, then kept, then found: the same terms each time, in a new digest each time.
    for (int time = 0; time < 3; ++time) {
      DigestTitles digest{{"Another Paper", title}, 1};
      digest.terms_memo = &memo;
      CHECK(texts(digest.terms(1, f.vocabulary, f.parameters)) == expected);
    }
  }
}

TEST_CASE("a title's squashed name is the name its terms open with, known without them") {
  const Fixture f;
  const DigestTitles digest{{"ZorbNet-2: Quiet Speech", "Found in the Middle: How Models Read",
                             "Quiet Speech Synthesis", "--: Dashes", "LLM Agents: A Survey"},
                            0};
  const auto& names = digest.squashed_names(f.vocabulary, f.parameters);
  CHECK(digest.term_cache.empty());  // no title's terms worked out
  REQUIRE(names.size() == digest.titles.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    CAPTURE(digest.titles[i]);
    const std::vector<TitleTerm>& terms = digest.terms(i, f.vocabulary, f.parameters);
    const bool opens_with_name = !terms.empty() && terms.front().kind == TitleTerm::Kind::name;
    REQUIRE(names[i].has_value() == opens_with_name);
    if (opens_with_name) CHECK(*names[i] == squash(terms.front().text));
  }
  CHECK(names[0] == "zorbnet2");
  CHECK_FALSE(names[1]);  // a catchphrase
  CHECK_FALSE(names[2]);
  CHECK(names[3] == "");  // a name of dashes alone: a name all the same, squashed to nothing
  // As a rival it is a named title, passed over for a summary with no key name, though the
  // summary grounds its words (without the "--: " it is the rival).
  const std::string_view summary =
      "가우시안 스플래팅(Gaussian Splatting)으로 광택 표면(glossy surfaces)을 그립니다.";
  const auto rival_of = [&](std::string_view other) {
    const DigestTitles day{{kTitle, other}, 0};
    return analyse(day, summary, summary.size() / 3, f.vocabulary, f.parameters).rival;
  };
  CHECK(rival_of("Gaussian Splatting for Glossy Surfaces"));
  CHECK_FALSE(rival_of("--: Gaussian Splatting for Glossy Surfaces"));
}

TEST_CASE("the title's text rules out most names, never one written in the title") {
  const Fixture f;
  const std::vector<std::string_view> names = {
      "PhysGaussian2", "See3D",       "NeRF",       "LLMs",         "GPT-BERT", "UniAff",
      "XComposer",     "OPENSCHOLAR", "SDXL",       "Qwen2.5-VL",   "Llama-3",  "MoSLoRA",
      "ODE",           "FL",          "Pixel-SAIL", "SAIL",         "DiT",      "GPT-4o",
      "VEnhancer",     "x-y",         "3D",         "Yo'Chameleon", "A",        "LLM-3D Print"};
  const std::vector<std::string_view> titles = {
      "Gaussian Splatting for Glossy Surfaces",
      "PyNeRF: Pyramidal Neural Radiance Fields",
      "GPT or BERT: why not both?",
      "UniAff: A Unified Representation of Affordances",
      "See3D: Learning 3D Creation on Pose-Free Videos",
      "Human4DiT: Free-view Human Video Generation",
      "Neural ODEs and Other Models",
      "SD.XL, Improving Latent Diffusion Models",
      "The Llama 3 Herd of Models",
      "Yo'Chameleon: Personalized Vision and Language Generation",
      "Open Scholar: Synthesizing Scientific Literature",
      "Mixture-of-Subspaces in Low-Rank Adaptation",
      "Pixel-SAIL: Single Transformer For Pixel-Grounded Understanding",
      "Federated Learning at Scale",
      "''' Quotes and ___ Lines",
      "LLMs for Print: 3D Printing with LLM Agents",
      "Sparse\tRouting, Gaussian3 Fields: 가우시안 Qwen Models"};
  std::size_t written = 0, ruled_out = 0;
  for (const std::string_view title : titles) {
    const SquashedTitle squashed = squash_title(title);
    const TitleText text = title_text(title);
    for (const std::string_view name : names) {
      CAPTURE(name);
      CAPTURE(title);
      const SquashedName squashed_name(name);
      const bool may_be = may_be_written_in(squashed_name, text);
      if (written_in_title(squashed_name, squashed, f.vocabulary)) {
        ++written;
        CHECK(may_be);
      }
      ruled_out += !may_be;
    }
  }
  CHECK(written >= 10);
  CHECK(ruled_out * 4 >= names.size() * titles.size() * 3);
  // Names that one of written_in_title()'s tests alone finds, and its necessary condition: a
  // short name's letters across punctuation, a title word that is a part of the name (before a
  // number, or a whole part), a compound's parts.
  const auto both = [&](std::string_view name, std::string_view title) {
    CAPTURE(name);
    CAPTURE(title);
    const SquashedName squashed_name(name);
    CHECK(written_in_title(squashed_name, squash_title(title), f.vocabulary));
    CHECK(may_be_written_in(squashed_name, title_text(title)));
  };
  both("SDXL", "SD.XL, Improving Latent Diffusion");
  both("PhysGaussian2", "Gaussian Splatting");
  both("Qwen2.5-VL", "Sparse\tRouting, Gaussian3 Fields: Qwen Models");
  both("GPT-BERT", "GPT or BERT: why not both?");
  CHECK_FALSE(may_be_written_in(SquashedName("VEnhancer"), title_text("Gaussian Splatting")));
  // A title word of bytes squash() drops alone squashes to nothing, and is no part of a name (it
  // was taken for a part of any name of two parts or more).
  CHECK_FALSE(written_in_title(SquashedName("Pixel-SAIL"), squash_title("''' Quotes and ___ Lines"),
                               f.vocabulary));
}

TEST_CASE("a title's squashed form is kept for the digests that have it again") {
  const Fixture f;
  SquashedTitleMemo memo;
  constexpr std::string_view kNamed = "MossGS-2: Glossy Surfaces by Gaussian Splatting";
  const SquashedTitle expected = squash_title(kNamed);
  REQUIRE_FALSE(expected.words.empty());
  // Noted, then kept, then found: the same form each time, in a new digest each time; the
  // digest that finds it shares what the one before kept.
  std::vector<DigestTitles> digests;
  for (int time = 0; time < 3; ++time) {
    digests.push_back(DigestTitles{{"Another Paper", kNamed}, 1});
    digests.back().squashed_memo = &memo;
    const SquashedTitle& squashed = digests.back().squashed(1);
    CHECK(squashed.whole == expected.whole);
    CHECK(squashed.short_pieces == expected.short_pieces);
    REQUIRE(squashed.words.size() == expected.words.size());
    for (std::size_t i = 0; i < expected.words.size(); ++i) {
      CHECK(squashed.words[i].squashed == expected.words[i].squashed);
      CHECK(squashed.words[i].written == expected.words[i].written);
    }
  }
  CHECK(&digests[0].squashed(1) != &digests[1].squashed(1));
  CHECK(&digests[1].squashed(1) == &digests[2].squashed(1));
  // Another title is another form, wherever the one kept stands in the digest.
  DigestTitles other{{kNamed, "Quiet Speech Synthesis"}, 1};
  other.squashed_memo = &memo;
  CHECK(other.squashed(1).whole == squash_title("Quiet Speech Synthesis").whole);
}
