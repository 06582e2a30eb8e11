#pragma once
#include <yaml-cpp/yaml.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace digestlint {

// A rule-pack or config error with the place in the YAML it comes from.
class RuleError : public std::runtime_error {
 public:
  RuleError(YamlLocation where, const std::string& message)
      : std::runtime_error(message), where_(std::move(where)) {}
  const YamlLocation& where() const { return where_; }
  // "rules/links.yaml:12:5: error: unknown kind 'patern'"
  std::string describe() const;

 private:
  YamlLocation where_;
};

// Parses a rule pack or configuration. Syntax errors and duplicate keys (which YAML would
// resolve silently, the first one winning) become RuleErrors at their place.
YAML::Node load_yaml(const std::string& text, const std::string& path);

// Records the parameter names Params reads on this thread while it lives, so the loader can
// learn which parameters an analyzer accepts without a second list to keep in sync.
class ParamReads {
 public:
  ParamReads();
  ~ParamReads();
  ParamReads(const ParamReads&) = delete;
  ParamReads& operator=(const ParamReads&) = delete;
  const std::set<std::string>& names() const { return names_; }
  static void record(const std::string& name);

 private:
  std::set<std::string> names_;
  ParamReads* outer_;
};

// Typed access to a rule's `params:` with errors that point into the YAML. A string value
// "@name" in a list parameter refers to the pack's lexicon `name`.
class Params {
 public:
  explicit Params(const RuleSpec& rule) : rule_(rule) {}

  bool has(const std::string& key) const;
  std::string string(const std::string& key) const;  // required
  std::string string(const std::string& key, const std::string& fallback) const;
  double number(const std::string& key, double fallback) const;
  std::optional<double> optional_number(const std::string& key) const;
  bool boolean(const std::string& key, bool fallback) const;
  std::vector<std::string> strings(const std::string& key) const;  // required, non-empty
  std::vector<std::string> strings(const std::string& key, std::vector<std::string> fallback) const;
  // The lexicons a list parameter refers to ("@name"), by name without the '@', and their entries.
  std::vector<std::pair<std::string, const std::vector<std::string>*>> lexicons_of(
      const std::string& key) const;

  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

 private:
  YAML::Node node(const std::string& key) const;
  const RuleSpec& rule_;
};

}  // namespace digestlint
