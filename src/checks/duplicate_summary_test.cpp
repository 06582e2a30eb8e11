#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "checks/text_util.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"

using namespace digestlint;

namespace {

RuleSet duplicate_rule() {
  std::vector<RuleSpec> specs = load_rule_specs(default_packs());
  std::erase_if(specs, [](const RuleSpec& s) { return s.id != "summary/duplicate-summary"; });
  REQUIRE(specs.size() == 1);
  return compile_rules(std::move(specs));
}

std::string entry(const std::string& title, const std::string& id, const std::string& body) {
  return "### [" + title + "](https://arxiv.org/abs/" + id + ")\n\nVote: 1\n\nAuthors: A B\n\n" +
         body + "\n\n";
}

const std::string kFirst =
    "- **What's New**: 첫 번째 논문은 항구의 선박 소음을 수중 청음기로 듣고 선박 종류를 "
    "분류하는 시스템입니다.\n"
    "- **Performance Highlights**: 시험 구역에서 분류 정확도 91%를 보였고 방향 오차는 6도 "
    "이내였으며, 레이더가 놓친 소형 어선 열두 척도 소리만으로 찾아냈습니다.";
const std::string kSecond =
    "- **What's New**: 두 번째 논문은 위성 다운링크 일정을 정수 계획법으로 짜는 스케줄러를 "
    "제안합니다.\n"
    "- **Performance Highlights**: 위성 48기의 하루 일정을 40초 안에 풀었고 전송량이 17% "
    "많았습니다.";

// A digest whose third entry repeats the first one's summary.
std::string alpha_beta_gamma() {
  return "## Daily Papers (2024-10-05)\n\n" + entry("Alpha", "2410.00001", kFirst) +
         entry("Beta", "2410.00002", kSecond) + entry("Gamma", "2410.00003", kFirst);
}

}  // namespace

TEST_CASE("duplicate summaries are reported on the later entry with a pointer to the first") {
  const RuleSet rules = duplicate_rule();
  const std::string text = alpha_beta_gamma();
  auto source = std::make_shared<const SourceFile>("a.md", text);
  const std::vector<FileResult> results = Engine(rules).lint_all({source}, 1);
  REQUIRE(results[0].findings.size() == 1);
  const Finding& finding = results[0].findings[0];
  CHECK(finding.rule_id == "summary/duplicate-summary");
  CHECK(finding.span.begin > text.find("Gamma"));
  CHECK(finding.message.find("'Alpha'") != std::string::npos);
  REQUIRE(finding.related.size() == 1);
  CHECK(finding.related[0].path.empty());
  CHECK(finding.related[0].span.begin < text.find("Beta"));
  CHECK_FALSE(finding.related[0].excerpt);  // the reporter has this file
}

TEST_CASE("a duplicated section across files is reported in the later file") {
  const RuleSet rules = duplicate_rule();
  const std::string reworded =
      "- **What's New**: 세 번째 논문은 과수원 드론 이미지에서 꽃의 수를 세는 밀도 추정 모델을 "
      "다룹니다.\n"
      "- **Performance Highlights**: 시험 구역에서 분류 정확도 91%를 보였고, 방향 오차는 6도 "
      "이내였으며 레이더가 놓친 소형 어선 열두 척도 소리만으로 찾아냈습니다.";
  auto a = std::make_shared<const SourceFile>(
      "a.md", "## Daily Papers (2024-10-05)\n\n" + entry("Alpha", "2410.00001", kFirst));
  auto b = std::make_shared<const SourceFile>("b.md", "## Daily Papers (2024-10-06)\n\n" +
                                                          entry("Beta", "2410.00002", kSecond) +
                                                          entry("Delta", "2410.00004", reworded));
  const std::vector<FileResult> results = Engine(rules).lint_all({a, b}, 2);
  CHECK(results[0].findings.empty());
  REQUIRE(results[1].findings.size() == 1);
  const Finding& finding = results[1].findings[0];
  CHECK(finding.message.find("section 'Performance Highlights'") != std::string::npos);
  CHECK(finding.message.find("a.md entry 1") != std::string::npos);
  REQUIRE(finding.related.size() == 1);
  CHECK(finding.related[0].path == "a.md");
  // a.md may be released before this is written: the first section is placed and drawn from
  // what was kept of it.
  const RelatedLocation& first = finding.related[0];
  REQUIRE(first.excerpt);
  CHECK(first.excerpt->begin.line == a->position(first.span.begin).line);
  CHECK(first.excerpt->first_line == a->line_text(first.excerpt->begin.line));
  CHECK(first.excerpt->first_line.find("91%") != std::string::npos);
}

TEST_CASE("distinct summaries are not duplicates") {
  const RuleSet rules = duplicate_rule();
  auto source = std::make_shared<const SourceFile>(
      "a.md", "## Daily Papers (2024-10-05)\n\n" + entry("Alpha", "2410.00001", kFirst) +
                  entry("Beta", "2410.00002", kSecond));
  CHECK(Engine(rules).lint_all({source}, 1)[0].findings.empty());
}

TEST_CASE("a summary repeated N times is one cluster: each copy reported once against the first") {
  const RuleSet rules = duplicate_rule();
  std::string text = "## Daily Papers (2024-10-05)\n\n" + entry("Alpha", "2410.00001", kFirst);
  for (int i = 2; i <= 6; ++i)
    text += entry("Copy" + std::to_string(i), "2410.0000" + std::to_string(i), kFirst);
  auto source = std::make_shared<const SourceFile>("a.md", text);
  const std::vector<FileResult> results = Engine(rules).lint_all({source}, 1);
  REQUIRE(results[0].findings.size() == 5);
  for (const Finding& finding : results[0].findings) {
    CHECK(finding.message.find("'Alpha'") != std::string::npos);
    CHECK(finding.message.find("entry 1,") != std::string::npos);
  }
}

TEST_CASE("a copy is reported against the first text it copies, past one its own entry repeats") {
  // Alpha writes one paragraph as two sections; Beta copies it. The copy is Alpha's first
  // section's, not the second's (a representative too, since an entry's own sections are not
  // compared): copies found by their band keys alone must name the same first text.
  const std::string paragraph =
      "시험 구역에서 분류 정확도 91%를 보였고 방향 오차는 6도 이내였으며, 레이더가 놓친 소형 "
      "어선 열두 척도 소리만으로 찾아냈습니다.";
  const std::string other =
      "두 번째 논문은 위성 다운링크 일정을 정수 계획법으로 짜는 스케줄러를 제안하며 위성 48기의 "
      "하루 일정을 40초 안에 풀었습니다.";
  auto source = std::make_shared<const SourceFile>(
      "a.md",
      "## Daily Papers (2024-10-05)\n\n" +
          entry("Alpha", "2410.00001",
                "- **What's New**: " + paragraph + "\n- **Technical Details**: " + paragraph) +
          entry("Beta", "2410.00002",
                "- **What's New**: " + other + "\n- **Performance Highlights**: " + paragraph));
  const std::vector<FileResult> results = Engine(duplicate_rule()).lint_all({source}, 1);
  REQUIRE(results[0].findings.size() == 1);
  const Finding& finding = results[0].findings[0];
  CHECK(finding.message.find("section 'Performance Highlights'") != std::string::npos);
  REQUIRE(finding.related.size() == 1);
  CHECK(finding.related[0].message.find("section 'What's New'") != std::string::npos);
}

TEST_CASE("summaries from one template that differ only in numbers are found in one pass") {
  const RuleSet rules = duplicate_rule();
  std::string text = "## Daily Papers (2024-10-05)\n\n";
  constexpr int kCount = 3000;
  for (int i = 0; i < kCount; ++i) {
    const std::string n = std::to_string(i);
    text += entry("Paper " + n, "2410." + std::to_string(10000 + i),
                  "- **What's New**: 모델 " + n + "은 " + kFirst.substr(kFirst.find("항구")) +
                      "\n- **Technical Details**: 정확도 " + n + "%를 보였습니다.");
  }
  auto source = std::make_shared<const SourceFile>("a.md", text);
  const std::vector<FileResult> results = Engine(rules).lint_all({source}, 1);
  // Nearly every later entry is reported, each once, however many there are.
  CHECK(results[0].findings.size() > kCount * 9 / 10);
  CHECK(results[0].findings.size() < static_cast<std::size_t>(kCount));
}

TEST_CASE(
    "a summary met again is fingerprinted by its text and by which sections are long enough") {
  // One stripped text, two entries: Plain's second section is too short to compare on its own,
  // Linked's is long enough with the link's markup. Plain is met twice (its fingerprints are then
  // kept), then Linked: it must not get Plain's, or its second section is not compared and Other's
  // copy of it is missed.
  const std::string first = kFirst.substr(0, kFirst.find('\n'));
  const std::string shortish = "레이더가 놓친 소형 어선 열두 척을 소리만으로 찾았습니다.";
  const std::string linked =
      "[레이더](https://example.org/radar/report)가 놓친 소형 어선 열두 "
      "척을 소리만으로 찾았습니다.";
  const auto digest = [](const std::string& title, const std::string& body) {
    return std::make_shared<const SourceFile>(
        title + ".md", "## Daily Papers (2024-10-05)\n\n" + entry(title, "2410.00001", body));
  };
  const RuleSet rules = duplicate_rule();
  const std::vector<FileResult> results = Engine(rules).lint_all(
      {digest("Plain", first + "\n- **Performance Highlights**: " + shortish),
       digest("Again", first + "\n- **Performance Highlights**: " + shortish),
       digest("Linked", first + "\n- **Performance Highlights**: " + linked),
       digest("Other",
              kSecond.substr(0, kSecond.find('\n')) + "\n- **Performance Highlights**: " + linked)},
      1);
  CHECK(results[0].findings.empty());
  CHECK(results[1].findings.size() == 1);  // the whole summary, against Plain
  CHECK(results[2].findings.size() == 1);  // likewise
  REQUIRE(results[3].findings.size() == 1);
  CHECK(results[3].findings[0].message.find("section 'Performance Highlights'") !=
        std::string::npos);
  CHECK(results[3].findings[0].message.find("Linked.md entry 1") != std::string::npos);
}

namespace {

// Collects the spans and the "other" argument of what a comparer reports.
class SpanSink final : public FindingSink {
 public:
  void report(Span span, const MessageArgs& args, std::optional<Fix>, std::vector<RelatedLocation>,
              std::optional<Confidence>) override {
    const auto other = std::find_if(args.begin(), args.end(),
                                    [](const auto& arg) { return arg.first == "other"; });
    reported.emplace_back(span.begin, other == args.end() ? std::string() : other->second);
  }
  std::vector<std::pair<std::size_t, std::string>> reported;
};

}  // namespace

TEST_CASE("a file compared without the signatures prepared on its thread is judged the same") {
  const RuleSet rules = duplicate_rule();
  const std::string text = alpha_beta_gamma();
  auto source = std::make_shared<const SourceFile>("a.md", text);
  const Engine engine(rules);
  FileResult checked = engine.check(source);
  CHECK(checked.prepared.empty());  // only a caller that compares files soon prepares them
  engine.prepare(checked);
  REQUIRE(checked.prepared.size() == 1);
  const auto* comparer = dynamic_cast<const ComparesInOrder*>(rules.analyzers[0].get());
  REQUIRE(comparer != nullptr);
  std::vector<std::vector<std::pair<std::size_t, std::string>>> reports;
  for (const PreparedFile* prepared :
       {checked.prepared[0].second.get(), static_cast<const PreparedFile*>(nullptr)}) {
    const std::unique_ptr<RunState> state = comparer->start_run();
    SpanSink sink;
    comparer->check_next(*state, RunFile{source.get(), checked.digest.get(), &sink}, prepared);
    reports.push_back(sink.reported);
  }
  REQUIRE(reports[0].size() == 1);
  CHECK(reports[0][0].first > text.find("Gamma"));
  CHECK(reports[0][0].second == "Alpha");
  CHECK(reports[1] == reports[0]);
}

TEST_CASE(
    "a representative's excerpt is kept within a budget; past it a copy names only the file") {
  // 2,200 distinct summaries whose one line is almost 4 KiB: more lines than an index keeps
  // (8 MiB), so the first summary's copy gets an excerpt and the last one's does not.
  std::mt19937 engine(3);
  std::vector<std::string> lines;
  std::string first = "## Daily Papers (2024-10-05)\n\n";
  for (int i = 0; i < 2200; ++i) {
    std::string line = "- ";
    while (line.size() < 3990) checks::append_utf8(line, 0xAC00 + engine() % 11172);
    first += entry("T" + std::to_string(i), fmt::format("2410.{:05d}", i), line);
    lines.push_back(std::move(line));
  }
  auto a = std::make_shared<const SourceFile>("a.md", first);
  auto b = std::make_shared<const SourceFile>(
      "b.md", "## Daily Papers (2024-10-06)\n\n" + entry("Early", "2410.99998", lines.front()) +
                  entry("Late", "2410.99999", lines.back()));
  const std::vector<FileResult> results = Engine(duplicate_rule()).lint_all({a, b}, 2);
  CHECK(results[0].findings.empty());
  REQUIRE(results[1].findings.size() == 2);
  const RelatedLocation& early = results[1].findings[0].related.at(0);
  const RelatedLocation& late = results[1].findings[1].related.at(0);
  CHECK(early.path == "a.md");
  REQUIRE(early.excerpt);
  CHECK(early.excerpt->first_line == lines.front());
  CHECK(late.path == "a.md");
  CHECK_FALSE(late.excerpt);
}
