// libFuzzer target: any bytes as a rule pack and as a .digestlint.yaml. Loading must end in
// rules or a RuleError (exit 3), never in another exception, a crash or a hang; the rules it
// accepts then lint a digest.
#include <cstdint>

#include "rules/config.hpp"
#include "rules/loader.hpp"
#include "rules/params.hpp"

using namespace digestlint;

namespace {

std::string clean_digest() {
  return "## Daily Papers (2024-10-02)\n\n### [TideNet: "
         "Tides](https://arxiv.org/abs/2410.01234)\n\n"
         "![](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.01234.png)\n\n"
         "Vote: 12\n\nAuthors: Mina Park, Jonas Weber\n\n- **What's New**: 새로운 모델.\n"
         "- **Technical Details**: 그래프 신경망.\n- **Performance Highlights**: 오차 12% 감소.\n";
}

void lint_with(const RuleSet& rules) {
  static const auto digest = std::make_shared<const SourceFile>("fuzz.md", clean_digest());
  (void)Engine(rules).lint(digest);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    lint_with(compile_rules(load_rule_specs({{"fuzz.yaml", text}})));
  } catch (const RuleError&) {
  }
  try {
    const Config config = parse_config(text, "/fuzz/.digestlint.yaml");
    if (!config.packs.empty()) return 0;  // would read files
    if (config.rules.empty()) return 0;
    static const std::vector<RuleSpec> defaults = load_rule_specs(default_packs());
    lint_with(compile_rules(config.apply(defaults)));
  } catch (const RuleError&) {
  }
  return 0;
}
