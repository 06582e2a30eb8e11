// The engine keeps going when an analyzer fails: the failure becomes a finding of its rule.
#include <doctest/doctest.h>

#include <stdexcept>

#include "rules/loader.hpp"
#include "rules/profile_loader.hpp"

namespace digestlint {
namespace {

// Fails on files whose text contains "boom", the way a bug would on one odd digest.
class Throwing final : public Analyzer {
 public:
  void check(const CheckContext& context) const override {
    if (context.source.text().find("boom") != std::string_view::npos)
      throw std::out_of_range("vector::at");
    context.sink.report({0, 0}, {});
  }
};

std::unique_ptr<Analyzer> make_throwing(const RuleSpec&) {
  return std::make_unique<Throwing>();
}

class ThrowingRun final : public Analyzer {
 public:
  void check(const CheckContext&) const override {}
  bool needs_whole_run() const override { return true; }
  void check_run(const std::vector<RunFile>&) const override { throw std::runtime_error("run"); }
};

std::unique_ptr<Analyzer> make_throwing_run(const RuleSpec&) {
  return std::make_unique<ThrowingRun>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("test-throwing", false, make_throwing, {})
DIGESTLINT_REGISTER_ANALYZER("test-throwing-run", false, make_throwing_run, {})

namespace {

RuleSet rules_with(const std::string& analyzer) {
  const std::string pack = R"(rules:
  - id: test/throws
    severity: note
    scope: document
    kind: builtin
    analyzer: )" + analyzer +
                           R"(
    message: m
    description: d
  - id: test/after
    severity: warning
    scope: title
    kind: pattern
    params: {pattern: 'T'}
    message: "{match}"
    description: d
)";
  RuleSet rules = compile_rules(load_rule_specs({{"test.yaml", pack}}));
  // Every test file is read as a digest, whatever it holds.
  const auto profile = default_profile_set().find("daily-papers-2024-sections");
  rules.pinned_profile = [profile](const SourceFile&) {
    return std::optional<ProfileChoice>(ProfileChoice{profile, "pinned by the test"});
  };
  return rules;
}

std::shared_ptr<const SourceFile> file(std::string name, std::string text) {
  return std::make_shared<const SourceFile>(std::move(name), std::move(text));
}

}  // namespace

TEST_CASE("engine: an analyzer that throws on one file is reported there; the rest goes on") {
  const RuleSet rules = rules_with("test-throwing");
  const std::string digest =
      "## Daily Papers (2024-10-02)\n\n### [T](https://arxiv.org/abs/2410.01234)\n";
  // Several jobs: the exception is thrown inside a worker thread.
  const auto results =
      Engine(rules).lint_all({file("a.md", digest), file("b.md", digest + "boom\n")}, 2);
  REQUIRE(results.size() == 2);
  CHECK(results[0].findings.size() == 2);
  CHECK(std::none_of(results[0].findings.begin(), results[0].findings.end(),
                     [](const Finding& f) { return f.internal; }));
  const auto& failed = results[1].findings;
  const auto internal =
      std::find_if(failed.begin(), failed.end(), [](const Finding& f) { return f.internal; });
  REQUIRE(internal != failed.end());
  CHECK(internal->rule_id == "test/throws");
  CHECK(internal->severity == Severity::error);
  CHECK(internal->message.find("vector::at") != std::string::npos);
  CHECK(std::count_if(failed.begin(), failed.end(),
                      [](const Finding& f) { return f.rule_id == "test/after"; }) == 1);
}

TEST_CASE("engine: an internal error cannot be suppressed") {
  const RuleSet rules = rules_with("test-throwing");
  const auto result = Engine(rules).lint(file("a.md", "<!-- digestlint-disable-file -->\nboom\n"));
  CHECK(std::any_of(result.findings.begin(), result.findings.end(),
                    [](const Finding& f) { return f.internal && f.rule_id == "test/throws"; }));
}

TEST_CASE("engine: a whole-run analyzer that throws is reported on every file") {
  const RuleSet rules = rules_with("test-throwing-run");
  const auto results = Engine(rules).lint_all({file("a.md", "x\n"), file("b.md", "y\n")}, 1);
  for (const FileResult& result : results) {
    CHECK(std::count_if(result.findings.begin(), result.findings.end(),
                        [](const Finding& f) { return f.internal; }) == 1);
  }
}

}  // namespace digestlint
