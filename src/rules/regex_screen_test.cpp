// RegexScreen: one set over a target says which rules' patterns match it, exactly as each
// pattern's own search would.
#include "rules/regex_screen.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>

#include "parse/digest_parser.hpp"
#include "rules/analyzer.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"
#include "rules/profile_loader.hpp"

namespace digestlint {
namespace {

RE2::Options quiet() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

// A parsed digest with its target cache and shared analyses, as Engine::check gives a file's
// rules.
struct File {
  SourceFile source;
  Digest digest;
  TargetCache targets;
  FileAnalyses analyses;
  struct NoSink final : FindingSink {
    void report(Span, const MessageArgs&, std::optional<Fix>, std::vector<RelatedLocation>,
                std::optional<Confidence>) override {}
  } sink;

  explicit File(std::string text)
      : source("t.md", std::move(text)),
        digest(parse_digest(source, default_profile_set().find("daily-papers-2024-sections"))),
        targets(digest, source) {}

  CheckContext context(const RegexScreen* screen) {
    return CheckContext{source, digest, sink, nullptr, &targets, &analyses, screen};
  }
};

// Asks about a target until the screen's set for its scope is compiled (a run's first
// kSearchesBeforeSet questions get no answer); returns the answers it had meanwhile.
std::size_t warm_up(const RegexScreen& screen, const CheckContext& context, const Target& target,
                    const RE2& pattern) {
  std::size_t answered = 0;
  for (std::size_t i = 0; i < RegexScreen::kSearchesBeforeSet; ++i)
    answered += screen.matches(context, target, pattern).has_value();
  return answered;
}

const char* const kDigest =
    "## Daily Papers (2024-10-02)\n\n"
    "### [TideNet: Forecasting Tides](https://arxiv.org/abs/2410.01234)\n\n"
    "Vote: 12\n\nAuthors: Mina Park, Jonas Weber\n\n"
    "- **What's New**: TideNet은 조석을 예측합니다 $O(n^2)$ 비용으로.\n"
    "- **Technical Details**: 127개 관측소를 노드로 사용합니다\n";

TEST_CASE("a screen's bits are each pattern's own answer, anchors and flags included") {
  const RE2 word("foo", quiet()), whole("^bar$", quiet()), line("(?m)^baz$", quiet());
  RegexScreen screen;
  for (const RE2* pattern : {&word, &whole, &line}) screen.add(*pattern, {Scope::section});
  CHECK(screen.screen(Scope::section, "a foo b") == 0b001);
  CHECK(screen.screen(Scope::section, "bar") == 0b010);
  CHECK(screen.screen(Scope::section, "x\nbar") == 0);
  CHECK(screen.screen(Scope::section, "x\nbaz\ny foo") == 0b101);
  CHECK(screen.screen(Scope::section, "") == 0);
}

TEST_CASE(
    "screened() answers for screened patterns on the file's own targets, once the run asked "
    "enough") {
  const RE2 math(R"(\$[^$\n]*[\\^_{}][^$\n]*\$)", quiet()), end(R"([.!?]$)", quiet()),
      alone("unscreened", quiet());
  RegexScreen screen;
  screen.add(math, {Scope::title, Scope::section});
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
  // Not added, a scope of one pattern, a target built elsewhere, no screen: no answer.
  CHECK(screened(context, sections[0], alone) == std::nullopt);
  CHECK(screened(context, file.targets.of(Scope::title)[0], math) == std::nullopt);
  const Target copy = sections[0];
  CHECK(screened(context, copy, math) == std::nullopt);
  CHECK(screened(file.context(nullptr), sections[0], math) == std::nullopt);
}

TEST_CASE("a scope with one pattern has no set: its search is as fast alone") {
  const RE2 only("x", quiet());
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
  RE2::Options small = quiet();
  small.set_max_mem(8192);
  const RE2 letters("[a-z]{30}x", small), digits("[0-9]{30}y", small);
  REQUIRE(letters.ok());
  REQUIRE(digits.ok());
  RegexScreen screen;
  screen.add(letters, {Scope::section});
  screen.add(digits, {Scope::section});
  CHECK(screen.screen(Scope::section, "abc") == ~RegexScreen::Matches{0});
  File file(kDigest);
  const CheckContext context = file.context(&screen);
  const Target& section = file.targets.of(Scope::section)[0];
  warm_up(screen, context, section, letters);
  CHECK(screened(context, section, letters) == std::nullopt);
}

TEST_CASE("the default pack's section patterns screen as their own searches decide") {
  const char* const patterns[] = {
      R"(\\(?:[A-Za-z]{2,}\b|[()])|\b(?:bold|italic)_[A-Za-z]|\$[^$\n]*[\\^_{}][^$\n]*\$)",
      R"(\x{FFFD}+|[ÃÂâìíëêåæ][\x{80}-\x{BF}€‚ƒ„…])", R"(^$|[.!?。…)）」』"':](?:\*\*)?$)"};
  std::vector<std::unique_ptr<RE2>> compiled;
  RegexScreen screen;
  for (const char* pattern : patterns) {
    compiled.push_back(std::make_unique<RE2>(pattern, quiet()));
    screen.add(*compiled.back(), {Scope::section});
  }
  const std::string pieces[] = {"요약",   " ", "$x^2$", "\\method",     ".",  "Ã©", "\n",
                                "bold_x", ")", "$",     "\xEF\xBF\xBD", "**", "a",  "é"};
  std::mt19937 random(11);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 12);
    for (int i = 0; i < length; ++i) text += pieces[random() % std::size(pieces)];
    const RegexScreen::Matches bits = screen.screen(Scope::section, text);
    for (std::size_t k = 0; k < compiled.size(); ++k) {
      INFO("text: " << text << ", pattern " << k);
      CHECK(((bits >> k) & 1) == RE2::PartialMatch(text, *compiled[k]));
    }
  }
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

TEST_CASE("the default pack finds the same with and without the screen") {
  RuleSet screened_rules = compile_rules(load_rule_specs(default_packs()));
  RuleSet plain_rules = compile_rules(load_rule_specs(default_packs()));
  plain_rules.screen.reset();
  const Engine screened_engine(screened_rules), plain_engine(plain_rules);
  std::mt19937 random(5);
  std::size_t findings = 0;
  // 40 entries a file: three sections each, so the sections' set is compiled during the fifth
  // file and the later ones are read through it.
  for (int file = 0; file < 12; ++file) {
    const auto source = std::make_shared<const SourceFile>("f.md", residue_digest(40, random));
    const FileResult with = screened_engine.lint(source), without = plain_engine.lint(source);
    REQUIRE(with.findings.size() == without.findings.size());
    for (std::size_t i = 0; i < with.findings.size(); ++i) {
      INFO("file " << file << ", finding " << i << ": " << without.findings[i].message);
      CHECK(with.findings[i].rule_id == without.findings[i].rule_id);
      CHECK(with.findings[i].span.begin == without.findings[i].span.begin);
      CHECK(with.findings[i].message == without.findings[i].message);
    }
    findings += with.findings.size();
  }
  CHECK(findings > 1000);
  // The run was old enough for the screen to answer: the sets were read, not bypassed.
  const auto latex =
      std::find_if(screened_rules.specs.begin(), screened_rules.specs.end(),
                   [](const RuleSpec& spec) { return spec.id == "text/latex-artifact"; });
  REQUIRE(latex != screened_rules.specs.end());
  const RE2* pattern =
      screened_rules.analyzers[static_cast<std::size_t>(latex - screened_rules.specs.begin())]
          ->screened_pattern();
  REQUIRE(pattern != nullptr);
  File file(kDigest);
  const CheckContext context = file.context(screened_rules.screen.get());
  CHECK(screened(context, file.targets.of(Scope::section)[0], *pattern) == true);
  CHECK(screened(context, file.targets.of(Scope::section)[1], *pattern) == false);
}

}  // namespace
}  // namespace digestlint
