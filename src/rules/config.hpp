#pragma once
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/finding.hpp"
#include "rules/rule.hpp"

namespace digestlint {

// `.digestlint.yaml`:
//   packs: [team-rules.yaml]               extra rule packs, relative to this file
//   rules:
//     authors/lowercase: off               disable a rule (or a whole category: `summary: off`)
//     text/truncated: error                change a severity
//     summary/generic-template:            or both, plus parameters
//       severity: error
//       params: {min-title-terms: 2}
//   ignore:
//     - files: ["archive/**"]              globs relative to this file
//       rules: [structure/missing-header]  ids or categories; omitted: all rules
//   profiles:
//     - files: ["archive/2023/**"]         read these files with one format profile
//       profile: daily-papers-bullets
//   exclude: ["drafts/**"]                 files not linted at all (extend-exclude: added to it)
//   online: true                           check runs as with --online (docs/online.md)
struct RuleSettings {
  bool enabled = true;
  std::optional<Severity> severity;
  YAML::Node params;
  YamlLocation where;  // the rule's key in the configuration
};

struct IgnoreEntry {
  std::vector<std::string> globs;
  std::vector<std::string> rules;  // empty: every rule
  YamlLocation where = {};         // its `files:`
  YamlLocation rules_where = {};   // its `rules:`, for errors about unknown names
};

struct ProfilePin {
  std::vector<std::string> globs;
  std::string profile;
  YamlLocation where;  // the `profile:` value, for errors about unknown names
};

struct Config {
  std::string path;  // empty for the built-in defaults
  std::string directory;
  std::string text;  // the bytes parsed: the result cache's keys hash these, not a second read
  std::vector<std::string> packs;
  std::vector<YamlLocation> packs_where;                   // where each pack is named
  std::map<std::string, RuleSettings, std::less<>> rules;  // by id or category
  std::vector<IgnoreEntry> ignores;
  std::vector<ProfilePin> profile_pins;
  std::vector<std::string> exclude;  // `exclude` and `extend-exclude` together
  bool online = false;  // read from the working directory's configuration only: one run, one phase

  // Applies disables (a rule turned off stays, with enabled false), severities and parameters;
  // throws RuleError for unknown rule names and parameters no rule of a category accepts.
  std::vector<RuleSpec> apply(std::vector<RuleSpec> specs) const;
  void check_selectors(const std::vector<RuleSpec>& specs) const;
  bool ignores_rule(const std::string& file_path, const std::string& rule_id) const;
  bool excludes(const std::string& file_path) const;
  // The first pin whose globs match the file, or null.
  const ProfilePin* pin_for(const std::string& file_path) const;
  // Warnings for `ignore:` globs that match no *.md below the configuration's directory: a
  // misspelt glob would otherwise ignore nothing without a word.
  std::vector<std::string> unmatched_ignore_warnings() const;

 private:
  bool matches_any(const std::vector<std::string>& globs, const std::string& file_path) const;
};

Config load_config(const std::string& path);  // throws RuleError
Config parse_config(const std::string& text, const std::string& path);
// The nearest .digestlint.yaml in the file's directory or above it.
std::optional<std::string> find_config(const std::string& file_path);

// True when an id or category selector ("links", "links/insecure-url") names the rule.
bool selects(std::string_view selector, std::string_view rule_id);
// Every rule id and category of the specs: what a selector may name (for "did you mean").
std::vector<std::string> selector_names(const std::vector<RuleSpec>& specs);
// Glob with `*` (not across '/'), `**` (across '/') and `?`.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace digestlint
