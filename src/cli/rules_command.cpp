#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "rules/params.hpp"

namespace digestlint {

int run_rules(const RuleOptions& options, const std::string& format) {
  RuleCatalog catalog(options);
  try {
    const RuleSet& rules = catalog.for_file("").rules;
    for (const RuleSpec& spec : rules.specs) {
      if (format == "ids") {
        std::cout << spec.id << "\n";
      } else {
        std::cout << fmt::format("{:<32} {:<8} {}\n", spec.id, to_string(spec.severity),
                                 spec.description);
      }
    }
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  return kExitClean;
}

int run_explain(const RuleOptions& options, const std::string& rule_id) {
  RuleCatalog catalog(options);
  try {
    const RuleSet& rules = catalog.for_file("").rules;
    const RuleSpec* spec = rules.find(rule_id);
    if (!spec) {
      std::cerr << fmt::format("error: no rule '{}' (see `digestlint rules`)\n", rule_id);
      return kExitUsage;
    }
    std::cout << fmt::format("# {}\n\n{}\n\n", spec->id, spec->description);
    std::cout << fmt::format("- severity: {}\n- scope: ", to_string(spec->severity));
    for (std::size_t i = 0; i < spec->scopes.size(); ++i)
      std::cout << (i ? ", " : "") << to_string(spec->scopes[i]);
    std::cout << fmt::format("\n- kind: {}{}\n- defined in: {}:{}\n\n", spec->kind,
                             spec->analyzer.empty() ? "" : " (" + spec->analyzer + ")",
                             spec->defined_at.path, spec->defined_at.line);
    std::cout << spec->docs << (spec->docs.ends_with('\n') ? "" : "\n");
    if (const YAML::Node& node = spec->params; node.IsMap() && node.size() > 0) {
      YAML::Emitter params;
      params << node;
      std::cout << "\n## Parameters\n\n```yaml\n" << params.c_str() << "\n```\n";
    }
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  return kExitClean;
}

}  // namespace digestlint
