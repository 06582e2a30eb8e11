#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cache/content_hash.hpp"
#include "rules/config.hpp"
#include "rules/engine.hpp"
#include "rules/params.hpp"

namespace digestlint {

// How rules are found: the embedded pack, --rules packs, and .digestlint.yaml.
struct RuleOptions {
  std::vector<std::string> packs;
  std::string config_path;  // --config; empty: search upward from each file
  bool no_default_rules = false;
  std::vector<std::string> select;  // ids or categories; empty: all
  std::vector<std::string> ignore;
  std::string profile;  // --profile: read every file with this format profile

  // Whether --select and --ignore let the rule run.
  bool selects(std::string_view rule_id) const;
  // The configuration file for a file (the working directory for an empty path): --config, or
  // the nearest .digestlint.yaml; "" when there is none.
  std::string config_for(const std::string& path) const;
};

// Rules compiled once per configuration: files under the same .digestlint.yaml share them.
class RuleCatalog {
 public:
  struct Compiled {
    Config config;
    RuleSet rules;
    RuleFilter filter;                  // --select/--ignore and the config's per-file ignores
    std::vector<std::string> warnings;  // for stderr: options that have no effect here
    // --select/--ignore selectors that name none of these rules, each with its error
    // (RuleCatalog::check_selectors).
    std::vector<std::pair<std::string, RuleError>> unmatched_selectors;
    // Everything the rules' results depend on besides the file: the packs' and configuration's
    // bytes and the rule options. Part of the result cache's keys.
    ContentHash fingerprint;
  };

  explicit RuleCatalog(RuleOptions options) : options_(std::move(options)) {}

  // The rules that apply to a file (or to the working directory for an empty path).
  // Throws RuleError for invalid packs or configuration.
  const Compiled& for_file(const std::string& path);
  // Throws RuleError for a --select/--ignore selector that names no rule of any configuration
  // loaded so far. Packs differ from one configuration to the next ("style/…" may come from a
  // subdirectory's), so a selector is checked against them all, once the run's are loaded.
  void check_selectors() const;
  bool selected(std::string_view rule_id) const { return options_.selects(rule_id); }
  // Every configuration's warnings so far, each once.
  std::vector<std::string> warnings() const;

 private:
  RuleOptions options_;
  std::map<std::string, std::unique_ptr<Compiled>> by_config_;
};

}  // namespace digestlint
