#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

#include "rules/finding.hpp"
#include "rules/scope.hpp"

namespace digestlint {

// Where a rule was defined, for loader diagnostics: "rules/links.yaml:12:5".
struct YamlLocation {
  std::string path;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};
YamlLocation location_of(const std::string& path, const YAML::Node& node);

// Named word lists declared under `lexicons:` in a pack; parameters refer to them as "@name".
using Lexicons = std::map<std::string, std::vector<std::string>, std::less<>>;

// A rule as written in a YAML pack, after validation.
struct RuleSpec {
  std::string id;           // category/kebab-name
  Severity severity = Severity::warning;
  std::string message;      // fmt template with named placeholders
  std::string hint;         // fmt template, may be empty
  std::string description;  // one line
  std::string docs;         // Markdown
  std::vector<Scope> scopes;
  std::string kind;         // pattern | require | phrase-list | metric | builtin
  std::string analyzer;     // for kind: builtin
  YAML::Node params;        // kind or analyzer parameters, after config overrides
  YAML::Node fix;           // optional declarative fix
  YamlLocation defined_at;
  std::shared_ptr<const Lexicons> lexicons;

  std::string category() const { return id.substr(0, id.find('/')); }
  std::string name() const { return id.substr(id.find('/') + 1); }
};

}  // namespace digestlint
