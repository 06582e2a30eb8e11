#pragma once
// Test helpers for the built-in analyzers: read a digest from Markdown with the real parser and
// run one analyzer over it, collecting what it reports.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/digest.hpp"
#include "model/source.hpp"
#include "parse/digest_parser.hpp"
#include "rules/analyzer.hpp"
#include "rules/profile_loader.hpp"
#include "rules/rule.hpp"

namespace digestlint::testing {

struct TestDigest {
  std::unique_ptr<SourceFile> source;
  Digest digest;

  std::string_view text() const { return source->text(); }
  std::string_view slice(Span span) const { return source->slice(span); }
  int line_of(Span span) const { return source->line_of(span.begin); }
};

// Reads Markdown the way `digestlint check` does, through the real parser, with the default
// pack's profile `profile` (its fallback profile unless a test is about another era).
// Options for a pattern a test compiles: its errors are the test's to check, not to log.
inline RE2::Options quiet_re2() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

inline TestDigest parse(std::string_view markdown,
                        std::string_view profile = "daily-papers-2024-sections") {
  TestDigest result;
  result.source = std::make_unique<SourceFile>("test.md", std::string(markdown));
  std::shared_ptr<const Profile> chosen = default_profile_set().find(profile);
  if (!chosen) throw std::logic_error("no such profile: " + std::string(profile));
  result.digest = parse_digest(*result.source, std::move(chosen));
  return result;
}

// One report() call, with the args as a map.
struct Reported {
  Span span;
  std::map<std::string, std::string> args;
  std::optional<Fix> fix;
  std::vector<RelatedLocation> related;
  std::optional<Confidence> confidence;

  std::string arg(const std::string& name) const {
    const auto it = args.find(name);
    return it == args.end() ? std::string("<missing {" + name + "}>") : it->second;
  }
};

class CollectingSink final : public FindingSink {
 public:
  void report(Span span, const MessageArgs& args, std::optional<Fix> fix,
              std::vector<RelatedLocation> related, std::optional<Confidence> confidence) override {
    Reported r{span, {args.begin(), args.end()}, std::move(fix), std::move(related), confidence};
    reported.push_back(std::move(r));
  }
  std::vector<Reported> reported;
};

// The default pack's section names, as the section analyzers' tests configure them.
inline const Lexicons kLexicons{
    {"section-names", {"What's New", "Technical Details", "Performance Highlights"}}};
inline constexpr const char* kParams = "{sections: '@section-names'}";

inline RuleSpec make_rule(std::string_view analyzer, std::string_view params_yaml = "{}",
                          Lexicons lexicons = {}) {
  RuleSpec rule;
  rule.id = "test/" + std::string(analyzer);
  rule.kind = "builtin";
  rule.analyzer = std::string(analyzer);
  rule.scopes = {Scope::title, Scope::section};  // what scoped analyzers use in the default pack
  rule.params = YAML::Load(std::string(params_yaml));
  rule.defined_at = {"test.yaml", 1, 1};
  rule.lexicons = std::make_shared<const Lexicons>(std::move(lexicons));
  return rule;
}

// Builds the analyzer through the registry (so its registration is tested too) and runs it.
inline std::vector<Reported> run(std::string_view analyzer, const TestDigest& digest,
                                 std::string_view params_yaml = "{}", Lexicons lexicons = {}) {
  const AnalyzerInfo* info = find_analyzer(analyzer, /*declarative=*/false);
  if (info == nullptr) throw std::logic_error("analyzer not registered: " + std::string(analyzer));
  const RuleSpec rule = make_rule(analyzer, params_yaml, std::move(lexicons));
  const std::unique_ptr<Analyzer> instance = info->make(rule);
  CollectingSink sink;
  instance->check(CheckContext{*digest.source, digest.digest, sink});
  return sink.reported;
}

// The source text with a fix applied.
inline std::string apply(const TestDigest& digest, const Fix& fix) {
  std::string text(digest.text());
  text.replace(fix.span.begin, fix.span.size(), fix.replacement);
  return text;
}

}  // namespace digestlint::testing
