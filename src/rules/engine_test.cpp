// The engine keeps going when an analyzer fails: the failure becomes a finding of its rule.
#include "rules/engine.hpp"

#include <doctest/doctest.h>

#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "rules/compares_in_order.hpp"
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

bool has_boom(const RunFile& file) {
  return file.source->text().find("boom") != std::string_view::npos;
}

// Compares files in order; on a "boom" file its prepare() fails, and so, given nothing prepared,
// does its check_next(), as the contract of ComparesInOrder::prepare asks. Reports each file it
// compares with a prepared payload.
class Comparing final : public Analyzer, public ComparesInOrder {
 public:
  void check(const CheckContext&) const override {}
  std::unique_ptr<RunState> start_run() const override { return std::make_unique<RunState>(); }
  std::unique_ptr<PreparedFile> prepare(const RunFile& file) const override {
    if (has_boom(file)) throw std::out_of_range("prepare");
    return std::make_unique<PreparedFile>();
  }
  void check_next(RunState&, const RunFile& file, const PreparedFile* prepared) const override {
    if (prepared == nullptr && has_boom(file)) throw std::out_of_range("check_next");
    if (prepared != nullptr) file.sink->report({0, 0}, {});
  }
};

std::unique_ptr<Analyzer> make_comparing(const RuleSpec&) {
  return std::make_unique<Comparing>();
}

// Records the threads its warm_up() ran on.
class Warming final : public Analyzer {
 public:
  void check(const CheckContext&) const override {}
  void warm_up() const override {
    const std::lock_guard lock(mutex);
    threads.push_back(std::this_thread::get_id());
  }
  static inline std::mutex mutex;
  static inline std::vector<std::thread::id> threads;
};

std::unique_ptr<Analyzer> make_warming(const RuleSpec&) {
  return std::make_unique<Warming>();
}

// Cannot build what its checks need: warm_up() throws, and so does every check() after it.
class FailingToWarm final : public Analyzer {
 public:
  void check(const CheckContext&) const override { throw std::runtime_error("tables"); }
  void warm_up() const override { throw std::runtime_error("tables"); }
};

std::unique_ptr<Analyzer> make_failing_to_warm(const RuleSpec&) {
  return std::make_unique<FailingToWarm>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("test-failing-to-warm", false, make_failing_to_warm, {})
DIGESTLINT_REGISTER_ANALYZER("test-warming", false, make_warming, {})
DIGESTLINT_REGISTER_ANALYZER("test-throwing", false, make_throwing, {})
DIGESTLINT_REGISTER_ANALYZER("test-throwing-run", false, make_throwing_run, {})
DIGESTLINT_REGISTER_ANALYZER("test-comparing", false, make_comparing, {})

namespace {

// A pack's rules, by which every test file is read as a digest, whatever it holds.
RuleSet compiled(const std::string& pack) {
  RuleSet rules = compile_rules(load_rule_specs({{"test.yaml", pack}}));
  const auto profile = default_profile_set().find("daily-papers-2024-sections");
  rules.pinned_profile = [profile](const SourceFile&) {
    return std::optional<ProfileChoice>(ProfileChoice{profile, "pinned by the test"});
  };
  return rules;
}

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
  return compiled(pack);
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

TEST_CASE("engine: a comparer whose prepare() fails is reported by check_next(), from then on") {
  const RuleSet rules = rules_with("test-comparing");
  const Engine engine(rules);
  RunComparison comparison = engine.start_run();
  const std::string digest =
      "## Daily Papers (2024-10-02)\n\n### [T](https://arxiv.org/abs/2410.01234)\n";
  std::vector<FileResult> results;
  // As the streaming lint does: check, prepare, compare, finish, one file after another.
  for (const auto& source :
       {file("a.md", digest), file("b.md", digest + "boom\n"), file("c.md", digest)}) {
    FileResult result = engine.check(source);
    engine.prepare(result);
    comparison.add(result);
    engine.finish(result);
    results.push_back(std::move(result));
  }
  const auto count = [](const FileResult& result, bool internal) {
    return std::count_if(result.findings.begin(), result.findings.end(), [&](const Finding& f) {
      return f.rule_id == "test/throws" && f.internal == internal;
    });
  };
  CHECK(count(results[0], false) == 1);  // compared with what was prepared
  CHECK(count(results[0], true) == 0);
  CHECK(count(results[1], true) == 1);  // the failure, not lost with the payload
  CHECK(count(results[2], true) == 1);  // and on every later file
  CHECK(count(results[2], false) == 0);
}

TEST_CASE("engine: with timing, a file records its parse and each rule's steps, in run order") {
  const RuleSet rules = rules_with("test-comparing");
  const std::string digest =
      "## Daily Papers (2024-10-02)\n\n### [T](https://arxiv.org/abs/2410.01234)\n";
  Engine engine(rules);
  CHECK_FALSE(engine.check(file("a.md", digest)).timings.has_value());  // off by default
  engine.set_timing(true);
  RunComparison comparison = engine.start_run();
  FileResult result = engine.check(file("a.md", digest));
  engine.prepare(result);
  comparison.add(result);
  REQUIRE(result.timings.has_value());
  std::vector<std::string> steps;
  for (const auto& [rule, spent] : result.timings->rules) steps.push_back(rule->id);
  // The rules' checks in the rule set's order, then the comparing rule's preparation and its
  // comparison.
  CHECK(steps ==
        std::vector<std::string>{"test/after", "test/throws", "test/throws", "test/throws"});
  CHECK(result.timings->parse.count() > 0);
}

TEST_CASE("engine: lint_all warms the analyzers on the calling thread, and only to check a file") {
  const RuleSet rules = rules_with("test-warming");
  Warming::threads.clear();
  // No file to check (a run the result cache served in full): nothing is built.
  CHECK(Engine(rules).lint_all({}, 2).empty());
  CHECK(Warming::threads.empty());
  const std::string digest =
      "## Daily Papers (2024-10-02)\n\n### [T](https://arxiv.org/abs/2410.01234)\n";
  Engine(rules).lint_all({file("a.md", digest), file("b.md", digest)}, 2);
  REQUIRE(Warming::threads.size() == 1);  // once per analyzer
  CHECK(Warming::threads.front() == std::this_thread::get_id());
  // A rule a configuration turns off for the first file is warmed for the next one it checks.
  Warming::threads.clear();
  const RuleFilter not_in_a = [](std::string_view path, const RuleSpec& rule) {
    return !(path == "a.md" && rule.id == "test/throws");
  };
  Engine(rules, not_in_a).lint_all({file("a.md", digest), file("b.md", digest)}, 2);
  REQUIRE(Warming::threads.size() == 1);
  CHECK(Warming::threads.front() == std::this_thread::get_id());
}

TEST_CASE("engine: a failed warm-up is the rule's finding on each file, not the run's end") {
  const RuleSet rules = rules_with("test-failing-to-warm");
  const std::string digest =
      "## Daily Papers (2024-10-02)\n\n### [T](https://arxiv.org/abs/2410.01234)\n";
  std::vector<FileResult> results;
  REQUIRE_NOTHROW(results =
                      Engine(rules).lint_all({file("a.md", digest), file("b.md", digest)}, 2));
  REQUIRE(results.size() == 2);
  for (const FileResult& result : results) {
    const auto internal = std::find_if(result.findings.begin(), result.findings.end(),
                                       [](const Finding& f) { return f.internal; });
    REQUIRE(internal != result.findings.end());
    CHECK(internal->rule_id == "test/throws");
    CHECK(internal->message.find("tables") != std::string::npos);
    CHECK(std::count_if(result.findings.begin(), result.findings.end(), [](const Finding& f) {
            return f.rule_id == "test/after";
          }) == 1);  // the other rules still ran
  }
}

TEST_CASE("engine: the standard placeholders a message or hint names are filled in") {
  const std::string pack = R"(rules:
  - id: test/every
    severity: note
    scope: [section, title]
    kind: pattern
    params: {pattern: 'X'}
    message: "{rule} in {where} of '{title}', entry {entry:>2}, section {section}: {match}"
    hint: "{scope}"
    description: d
  - id: test/escaped
    severity: note
    scope: section
    kind: pattern
    params: {pattern: 'X'}
    message: "{{title}} {match}"
    description: d
)";
  const RuleSet rules = compiled(pack);
  const std::string digest =
      "## Daily Papers (2024-10-02)\n\n### [T](https://arxiv.org/abs/2410.01234)\n\n"
      "- **What's New**: aXb\n";
  const auto results = Engine(rules).lint_all({file("a.md", digest)}, 1);
  REQUIRE(results.size() == 1);
  std::vector<std::string> messages, hints;
  for (const Finding& finding : results[0].findings) {
    messages.push_back(finding.message);
    hints.push_back(finding.hint);
  }
  // In the order of their rules' ids (one span).
  CHECK(messages ==
        std::vector<std::string>{
            "{title} X",
            "test/every in section 'What's New' of 'T', entry  1, section What's New: X"});
  CHECK(hints == std::vector<std::string>{"", "section, title"});
}

}  // namespace digestlint
