#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/engine.hpp"
#include "rules/params.hpp"
#include "rules/rule.hpp"

namespace digestlint {

// The YAML text of one rule pack and the path diagnostics name it by.
struct PackSource {
  std::string path;
  std::string text;
  bool builtin = false;  // the embedded default pack (its rules have pages in docs/rules)
  // A data file (rules/*.tsv): a lexicon, not YAML.
  bool is_data_file() const { return path.ends_with(".tsv"); }
  // The embedded pack's image (rules/pack_image.hpp): what yaml() reads instead of the text.
  std::string_view image = {};
  // The text parsed, once for every reader of the pack (rules, profiles): parsing YAML is the
  // largest part of a one-file run's start-up. Throws RuleError pointing at a syntax error.
  const YAML::Node& yaml() const;
  mutable std::optional<YAML::Node> parsed = std::nullopt;
};

// Whether the pack defines nothing: an empty YAML document (no rules, lexicons or profiles) or
// a data file without entries (an empty lexicon). Its author rarely means that.
bool defines_nothing(const PackSource& pack);

std::vector<PackSource> default_packs();
PackSource read_pack(const std::string& path);  // throws RuleError when unreadable
// A YAML file; `what` names it in the error ("configuration", "rule pack").
PackSource read_yaml_file(const std::string& path, std::string_view what);

// Parses and validates packs in order; a rule in a later pack replaces one with the same id.
// Throws RuleError pointing into the YAML.
std::vector<RuleSpec> load_rule_specs(const std::vector<PackSource>& packs);

// The `params:` keys the rule's analyzer accepts (see AnalyzerInfo::params).
std::vector<std::string> accepted_params(const RuleSpec& spec);

// Builds each enabled rule's analyzer (validating its parameters and message placeholders).
RuleSet compile_rules(std::vector<RuleSpec> specs);

}  // namespace digestlint
