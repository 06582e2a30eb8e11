#pragma once
#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

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

// A YAML value held by a RuleSpec. YAML::Node's assignment writes through to the node it
// refers to; this rebinds instead, so RuleSpecs can be copied, moved and sorted safely.
class YamlValue {
 public:
  YamlValue() = default;
  YamlValue(const YAML::Node& node) : node_(node) {}  // NOLINT: implicit by design
  YamlValue(const YamlValue&) = default;
  YamlValue& operator=(const YamlValue& other) {
    node_.reset(other.node_);
    return *this;
  }
  operator const YAML::Node&() const { return node_; }  // NOLINT
  const YAML::Node& node() const { return node_; }

 private:
  YAML::Node node_;
};

// Named word lists declared under `lexicons:` in a pack; parameters refer to them as "@name".
using Lexicons = std::map<std::string, std::vector<std::string>, std::less<>>;

// A rule as written in a YAML pack, after validation.
struct RuleSpec {
  std::string id;  // category/kebab-name
  Severity severity = Severity::warning;
  std::string message;      // fmt template with named placeholders
  std::string hint;         // fmt template, may be empty
  std::string description;  // one line
  std::string docs;         // Markdown
  std::vector<Scope> scopes;
  std::string kind;      // pattern | require | phrase-list | metric | builtin
  std::string analyzer;  // for kind: builtin
  YamlValue params;      // kind or analyzer parameters, after config overrides
  YamlValue fix;         // optional declarative fix
  YamlLocation defined_at;
  std::shared_ptr<const Lexicons> lexicons;
  // Parameters set in a .digestlint.yaml, by name: errors about them point into that file.
  std::map<std::string, std::string, std::less<>> param_files;
  // Turned off by a configuration: not compiled, but still known to `explain` and --select.
  bool enabled = true;
  YamlLocation disabled_at;
  bool builtin = false;  // from the embedded default pack

  std::string category() const { return id.substr(0, id.find('/')); }
  std::string name() const { return id.substr(id.find('/') + 1); }
};

}  // namespace digestlint
