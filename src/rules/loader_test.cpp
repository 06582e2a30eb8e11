#include "rules/loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace digestlint;

namespace {

const RuleSpec& rule(const std::vector<RuleSpec>& specs, std::string_view id) {
  const auto it =
      std::find_if(specs.begin(), specs.end(), [&](const RuleSpec& s) { return s.id == id; });
  REQUIRE(it != specs.end());
  return *it;
}

constexpr std::string_view kRule = R"(
rules:
  - id: style/hype
    severity: warning
    scope: summary
    kind: phrase-list
    message: "hype"
    description: "Marketing words."
    params: {phrases: "@hype"}
)";

}  // namespace

TEST_CASE("loader: a later pack's lexicon replaces an earlier one of the same name") {
  const std::vector<RuleSpec> specs =
      load_rule_specs({{"first.yaml", "lexicons: {hype: [획기적, 놀라운]}\n" + std::string(kRule)},
                       {"second.yaml", "lexicons: {hype: [획기적]}\n" + std::string(kRule)}});
  const Lexicons& lexicons = *rule(specs, "style/hype").lexicons;
  CHECK(lexicons.at("hype") == std::vector<std::string>{"획기적"});
}

TEST_CASE("loader: a lexicon is inherited by the packs loaded after its own") {
  const std::vector<RuleSpec> specs = load_rule_specs(
      {{"words.yaml", "lexicons: {hype: [획기적, 놀라운]}\n"}, {"rules.yaml", std::string(kRule)}});
  CHECK(rule(specs, "style/hype").lexicons->at("hype").size() == 2);
}
