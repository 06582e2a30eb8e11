// RegexScreen: one set over a target says which rules' patterns match it, exactly as each
// pattern's own search would.
#include "rules/regex_screen.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "checks/testing.hpp"
#include "rules/analyzer.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"

namespace digestlint {
namespace {

// A parsed digest with its target cache and shared analyses, as Engine::check gives a file's
// rules.
struct File {
  testing::TestDigest parsed;
  TargetCache targets;
  FileAnalyses analyses;
  testing::CollectingSink sink;

  explicit File(std::string_view text)
      : parsed(testing::parse(text)), targets(parsed.digest, *parsed.source) {}

  CheckContext context(const RegexScreen* screen) {
    return CheckContext{*parsed.source, parsed.digest, sink, nullptr, &targets, &analyses, screen};
  }
};

// Asks about a target as many times as a run's first questions about its scope, which get no
// answer; returns the answers it had meanwhile.
std::size_t warm_up(const RegexScreen& screen, const CheckContext& context, const Target& target,
                    const RE2& pattern) {
  std::size_t answered = 0;
  for (std::size_t i = 0; i < RegexScreen::kQuestionsBeforeSet; ++i)
    answered += screen.matches(context, target, pattern).has_value();
  return answered;
}

// The patterns a screen's answer says match, when it decided every one of `patterns` patterns;
// a bit past them otherwise (so that a comparison with the expected bits fails).
RegexScreen::Matches matched(const RegexScreen::Answer& answer, std::size_t patterns) {
  const RegexScreen::Matches all = (RegexScreen::Matches{1} << patterns) - 1;
  return (answer.decided & all) == all ? answer.matched : answer.matched | (all + 1);
}

const char* const kDigest =
    "## Daily Papers (2024-10-02)\n\n"
    "### [TideNet: Forecasting Tides](https://arxiv.org/abs/2410.01234)\n\n"
    "Vote: 12\n\nAuthors: Mina Park, Jonas Weber\n\n"
    "- **What's New**: TideNet은 조석을 예측합니다 $O(n^2)$ 비용으로.\n"
    "- **Technical Details**: 127개 관측소를 노드로 사용합니다\n";

TEST_CASE("a screen's bits are each pattern's own answer, anchors and flags included") {
  const RE2 word("foo", testing::quiet_re2()), whole("^bar$", testing::quiet_re2()),
      line("(?m)^baz$", testing::quiet_re2());
  RegexScreen screen;
  for (const RE2* pattern : {&word, &whole, &line}) screen.add(*pattern, {Scope::section});
  const auto bits = [&](std::string_view text) {
    return matched(screen.screen(Scope::section, text), 3);
  };
  CHECK(bits("a foo b") == 0b001);
  CHECK(bits("bar") == 0b010);
  CHECK(bits("x\nbar") == 0);
  CHECK(bits("x\nbaz\ny foo") == 0b101);
  CHECK(bits("") == 0);
}

TEST_CASE("a scope whose targets mostly match nothing is asked first whether any pattern does") {
  const RE2 word("foo", testing::quiet_re2()), whole("^bar$", testing::quiet_re2());
  RegexScreen screen;
  for (const RE2* pattern : {&word, &whole}) screen.add(*pattern, {Scope::author});
  const auto bits = [&](std::string_view text) {
    return matched(screen.screen(Scope::author, text), 2);
  };
  for (std::size_t i = 0; i < RegexScreen::kSampledTargets; ++i)
    REQUIRE(bits(i % 8 == 0 ? "a foo" : "Mina Park") == (i % 8 == 0));
  // The same answers after the sample, short or long, matching or not.
  const std::string long_tail(RegexScreen::kShortTarget, 'x');
  CHECK(bits("Mina Park") == 0);
  CHECK(bits("a foo b") == 0b01);
  CHECK(bits("bar") == 0b10);
  CHECK(bits("") == 0);
  CHECK(bits(long_tail) == 0);
  CHECK(bits(long_tail + "foo") == 0b01);
}

TEST_CASE(
    "screened() answers for screened patterns on the file's own targets, once the run asked "
    "enough") {
  const RE2 math(R"(\$[^$\n]*[\\^_{}][^$\n]*\$)", testing::quiet_re2()),
      end(R"([.!?]$)", testing::quiet_re2()), alone("unscreened", testing::quiet_re2());
  RegexScreen screen;
  screen.add(math, {Scope::section});
  screen.add(end, {Scope::section});
  File file(kDigest);
  const CheckContext context = file.context(&screen);
  const std::vector<Target>& sections = file.targets.of(Scope::section);
  REQUIRE(sections.size() == 2);
  // A young run has no answer: a one-file run never pays for the set.
  CHECK(warm_up(screen, context, sections[0], math) == 0);
  CHECK(screened(context, sections[0], math) == true);
  CHECK(screened(context, sections[0], end) == true);
  CHECK(screened(context, sections[1], math) == false);
  CHECK(screened(context, sections[1], end) == false);
  // Not added, a target built elsewhere, no screen: no answer.
  CHECK(screened(context, sections[0], alone) == std::nullopt);
  const Target copy = sections[0];
  CHECK(screened(context, copy, math) == std::nullopt);
  CHECK(screened(file.context(nullptr), sections[0], math) == std::nullopt);
}

TEST_CASE("a scope with one pattern has no set: its search is as fast alone") {
  const RE2 only("x", testing::quiet_re2());
  RegexScreen screen;
  screen.add(only, {Scope::section});
  File file(kDigest);
  const CheckContext context = file.context(&screen);
  const Target& section = file.targets.of(Scope::section)[0];
  CHECK(warm_up(screen, context, section, only) == 0);
  CHECK(screened(context, section, only) == std::nullopt);
}

TEST_CASE("a set too large for its patterns' memory budget leaves the search to the rule") {
  // Each pattern compiles within the budget, the two together do not: RE2::Set::Compile fails.
  RE2::Options small = testing::quiet_re2();
  small.set_max_mem(8192);
  const RE2 letters("[a-z]{30}x", small), digits("[0-9]{30}y", small);
  REQUIRE(letters.ok());
  REQUIRE(digits.ok());
  RegexScreen screen;
  screen.add(letters, {Scope::section});
  screen.add(digits, {Scope::section});
  CHECK(screen.screen(Scope::section, "abc") == RegexScreen::kUndecided);
  File file(kDigest);
  const CheckContext context = file.context(&screen);
  const Target& section = file.targets.of(Scope::section)[0];
  warm_up(screen, context, section, letters);
  CHECK(screened(context, section, letters) == std::nullopt);
}

// The default pack's rules as compiled for a run, and their screened patterns of a scope.
std::vector<const RE2*> pack_patterns(const RuleSet& rules, Scope scope) {
  std::vector<const RE2*> patterns;
  for (std::size_t i = 0; i < rules.specs.size(); ++i) {
    const auto& scopes = rules.specs[i].scopes;
    const RE2* pattern = rules.analyzers[i]->screened_pattern();
    if (pattern && std::find(scopes.begin(), scopes.end(), scope) != scopes.end())
      patterns.push_back(pattern);
  }
  return patterns;
}

TEST_CASE("the default pack's patterns screen as their own searches decide, on any bytes") {
  const RuleSet rules = compile_rules(load_rule_specs(default_packs()));
  const std::string pieces[] = {"요약",
                                " ",
                                "$x^2$",
                                "\\method",
                                ".",
                                "Ã©",
                                "\n",
                                "caligraphic_L",
                                ")",
                                "$",
                                "\xEF\xBF\xBD",
                                "**",
                                "a",
                                "é",
                                "https://x.org",
                                "+",
                                "et al.",
                                "\xC3",
                                "\x80",
                                "\xFF",
                                "Park",
                                "@"};
  for (const Scope scope : {Scope::title, Scope::author, Scope::section}) {
    const std::vector<const RE2*> patterns = pack_patterns(rules, scope);
    REQUIRE(patterns.size() >= 2);
    RegexScreen screen;
    for (const RE2* pattern : patterns) screen.add(*pattern, {scope});
    std::mt19937 random(11);
    for (int round = 0; round < 2000; ++round) {
      std::string text;
      const int length = static_cast<int>(random() % 12);
      for (int i = 0; i < length; ++i) text += pieces[random() % std::size(pieces)];
      const RegexScreen::Answer answer = screen.screen(scope, text);
      REQUIRE(answer != RegexScreen::kUndecided);
      for (std::size_t k = 0; k < patterns.size(); ++k) {
        INFO("scope " << to_string(scope) << ", text: " << text << ", pattern " << k);
        // Undecided only for a pattern the prefilter leaves to its rule (text/truncated).
        if (((answer.decided >> k) & 1) == 0) {
          CHECK(scope == Scope::section);
          continue;
        }
        CHECK(((answer.matched >> k) & 1) == RE2::PartialMatch(text, *patterns[k]));
      }
    }
  }
}

// The default pack's screened pattern of a rule.
const RE2& pack_pattern(const RuleSet& rules, std::string_view id) {
  for (std::size_t i = 0; i < rules.specs.size(); ++i) {
    if (rules.specs[i].id == id) return *rules.analyzers[i]->screened_pattern();
  }
  throw std::runtime_error("no screened rule " + std::string(id));
}

TEST_CASE("a section the prefilter settles leaves text/truncated to its rule, from the end") {
  const RuleSet rules = compile_rules(load_rule_specs(default_packs()));
  const RE2& latex = pack_pattern(rules, "text/latex-artifact");
  const RE2& truncated = pack_pattern(rules, "text/truncated");
  File file(kDigest);
  const CheckContext context = file.context(rules.screen.get());
  const std::vector<Target>& sections = file.targets.of(Scope::section);
  REQUIRE(sections.size() == 2);
  warm_up(*rules.screen, context, sections[1], latex);
  // "$O(n^2)$": the set reads the section, and decides every pattern.
  CHECK(screened(context, sections[0], latex) == true);
  CHECK(screened(context, sections[0], truncated) == true);
  // No byte of a literal: no LaTeX, and the end is left to the rule, which finds it cut off.
  CHECK(screened(context, sections[1], latex) == false);
  CHECK(screened(context, sections[1], truncated) == std::nullopt);
  CHECK_FALSE(RE2::PartialMatch(sections[1].text, truncated));
}

// A digest of `entries` entries whose titles, authors and sections mix the residue the default
// pack's pattern and require rules look for with ordinary text.
std::string residue_digest(int entries, std::mt19937& random) {
  const std::string pieces[] = {"요약은 ",      "$x^2$ ", "\\method ",     "Ã© ",
                                "\xEF\xBF\xBD", "끝.",    "http://x.org ", "caligraphic_L ",
                                "(괄호 ",       "  ",     "Model ",        "…"};
  const auto text = [&](int words) {
    std::string out;
    for (int i = 0; i < words; ++i) out += pieces[random() % std::size(pieces)];
    return out;
  };
  std::string digest = "## Daily Papers (2024-10-02)\n\n";
  for (int e = 0; e < entries; ++e) {
    digest += "### [" + text(3) + "](https://arxiv.org/abs/2410.0" + std::to_string(1000 + e) +
              ")\n\nVote: 3\n\nAuthors: Mina Park, " + text(1) + ", +\n\n";
    for (const char* name : {"What's New", "Technical Details", "Performance Highlights"})
      digest += std::string("- **") + name + "**: " + text(6) + "\n";
    digest += "\n";
  }
  return digest;
}

// A finding's every field, to compare two runs' findings whole.
std::string described(const Finding& finding) {
  std::string text = finding.rule_id + "|" + std::string(to_string(finding.severity)) + "|" +
                     finding.message + "|" + finding.hint + "|" +
                     std::to_string(finding.span.begin) + "-" + std::to_string(finding.span.end);
  if (finding.fix) {
    text += "|fix " + std::to_string(finding.fix->span.begin) + "-" +
            std::to_string(finding.fix->span.end) + " " + finding.fix->replacement +
            (finding.fix->safe ? " safe" : " unsafe");
  }
  return text + "|" + std::to_string(finding.related.size()) + " related";
}

TEST_CASE("the default pack finds the same with and without the screen, on two threads") {
  RuleSet screened_rules = compile_rules(load_rule_specs(default_packs()));
  RuleSet plain_rules = compile_rules(load_rule_specs(default_packs()));
  plain_rules.screen.reset();
  std::mt19937 random(5);
  // 40 files of 40 entries: every scope's set is compiled partway through (the titles' after
  // about 25 files: 40 titles and two patterns a file), so later files are read through it.
  std::vector<std::shared_ptr<const SourceFile>> sources;
  for (int file = 0; file < 40; ++file) {
    sources.push_back(std::make_shared<const SourceFile>("f" + std::to_string(file) + ".md",
                                                         residue_digest(40, random)));
  }
  const std::vector<FileResult> with = Engine(screened_rules).lint_all(sources, 2),
                                without = Engine(plain_rules).lint_all(sources, 2);
  std::size_t findings = 0;
  for (std::size_t file = 0; file < sources.size(); ++file) {
    REQUIRE(with[file].findings.size() == without[file].findings.size());
    for (std::size_t i = 0; i < with[file].findings.size(); ++i) {
      INFO("file " << file << ", finding " << i);
      CHECK(described(with[file].findings[i]) == described(without[file].findings[i]));
    }
    findings += with[file].findings.size();
  }
  CHECK(findings > 4000);
  // The run was old enough for each scope's set to answer: they were read, not bypassed.
  File file(kDigest);
  const CheckContext context = file.context(screened_rules.screen.get());
  for (const Scope scope : {Scope::title, Scope::author, Scope::section}) {
    INFO("scope " << to_string(scope));
    const RE2* pattern = pack_patterns(screened_rules, scope).front();
    CHECK(screened(context, file.targets.of(scope)[0], *pattern).has_value());
  }
}

}  // namespace
}  // namespace digestlint
