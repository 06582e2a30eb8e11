#include "rules/config.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "rules/loader.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const Config& config, const YAML::Node& at, const std::string& message) {
  throw RuleError(location_of(config.path, at), message);
}

std::vector<std::string> string_list(const Config& config, const YAML::Node& node,
                                     std::string_view what) {
  std::vector<std::string> result;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) fail(config, node, fmt::format("'{}' must be a list of strings", what));
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) fail(config, item, fmt::format("'{}' must be a list of strings", what));
    result.push_back(item.Scalar());
  }
  return result;
}

RuleSettings read_settings(const Config& config, const YAML::Node& node) {
  RuleSettings settings;
  const auto apply_word = [&](const YAML::Node& word) {
    const std::string text = word.Scalar();
    if (text == "off" || text == "false" || text == "disable") {
      settings.enabled = false;
    } else if (text == "on" || text == "true") {
      settings.enabled = true;
    } else if (const auto severity = parse_severity(text)) {
      settings.severity = severity;
    } else {
      fail(config, word, fmt::format("expected off, on, error, warning or note, not '{}'", text));
    }
  };
  if (node.IsScalar()) {
    apply_word(node);
    return settings;
  }
  if (!node.IsMap()) fail(config, node, "rule settings must be a word (off, error, …) or a map");
  for (const auto& item : node) {
    const std::string key = item.first.Scalar();
    if (key == "severity" || key == "enabled") {
      apply_word(item.second);
    } else if (key == "params") {
      if (!item.second.IsMap()) fail(config, item.second, "'params' must be a map");
      settings.params.reset(item.second);
    } else {
      fail(config, item.first,
           fmt::format("unknown key '{}' (expected severity, enabled, params)", key));
    }
  }
  return settings;
}

bool glob_here(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.starts_with("**")) {
      p.remove_prefix(2);
      if (p.starts_with('/')) p.remove_prefix(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (glob_here(p, s.substr(i))) return true;
      }
      return false;
    }
    if (p.front() == '*') {
      p.remove_prefix(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (glob_here(p, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty() || (p.front() != '?' && p.front() != s.front()) ||
        (p.front() == '?' && s.front() == '/')) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return glob_here(pattern, path);
}

bool selects(std::string_view selector, std::string_view rule_id) {
  if (selector == "ALL" || selector == rule_id) return true;
  return rule_id.size() > selector.size() && rule_id.starts_with(selector) &&
         rule_id[selector.size()] == '/';
}

Config load_config(const std::string& path) {
  Config config;
  config.path = path;
  config.directory = fs::absolute(fs::path(path)).parent_path().string();
  YAML::Node root;
  try {
    root = YAML::Load(read_pack(path).text);
  } catch (const YAML::ParserException& e) {
    throw RuleError({path, e.mark.line + 1, e.mark.column + 1},
                    fmt::format("invalid YAML: {}", e.msg));
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) fail(config, root, "the configuration must be a map (packs, rules, ignore)");
  for (const auto& item : root) {
    const std::string key = item.first.Scalar();
    if (key == "packs") {
      for (const std::string& pack : string_list(config, item.second, "packs")) {
        config.packs.push_back((fs::path(config.directory) / pack).lexically_normal().string());
      }
    } else if (key == "rules") {
      if (!item.second.IsMap())
        fail(config, item.second, "'rules' must map rule ids or categories to settings");
      for (const auto& rule : item.second) {
        RuleSettings settings = read_settings(config, rule.second);
        settings.where = location_of(path, rule.first);
        config.rules[rule.first.Scalar()] = std::move(settings);
      }
    } else if (key == "ignore") {
      if (!item.second.IsSequence())
        fail(config, item.second, "'ignore' must be a list of {files, rules}");
      for (const YAML::Node& entry : item.second) {
        if (!entry.IsMap() || !entry["files"])
          fail(config, entry, "each ignore entry needs 'files'");
        IgnoreEntry ignore{string_list(config, entry["files"], "files"), {}};
        if (entry["rules"]) ignore.rules = string_list(config, entry["rules"], "rules");
        config.ignores.push_back(std::move(ignore));
      }
    } else if (key == "profiles") {
      if (!item.second.IsSequence())
        fail(config, item.second, "'profiles' must be a list of {files, profile}");
      for (const YAML::Node& entry : item.second) {
        if (!entry.IsMap() || !entry["files"] || !entry["profile"] || !entry["profile"].IsScalar())
          fail(config, entry, "each profiles entry needs 'files' and 'profile'");
        config.profile_pins.push_back({string_list(config, entry["files"], "files"),
                                       entry["profile"].Scalar(),
                                       location_of(path, entry["profile"])});
      }
    } else if (key == "exclude" || key == "extend-exclude") {
      for (std::string& glob : string_list(config, item.second, key))
        config.exclude.push_back(std::move(glob));
    } else if (key == "online") {
      if (!YAML::convert<bool>::decode(item.second, config.online))
        fail(config, item.second, "'online' must be true or false");
    } else {
      fail(config, item.first,
           fmt::format("unknown key '{}' (expected packs, rules, ignore, profiles, exclude, "
                       "extend-exclude, online)",
                       key));
    }
  }
  return config;
}

std::vector<RuleSpec> Config::apply(std::vector<RuleSpec> specs) const {
  for (const auto& [selector, settings] : rules) {
    const bool known = std::any_of(specs.begin(), specs.end(),
                                   [&](const RuleSpec& s) { return selects(selector, s.id); });
    if (!known) {
      throw RuleError(settings.where,
                      fmt::format("'rules' names '{}', which matches no rule", selector));
    }
  }
  std::vector<RuleSpec> result;
  for (RuleSpec& spec : specs) {
    bool enabled = true;
    // Category settings first, then the rule's own, so the more specific one wins.
    for (const bool exact : {false, true}) {
      for (const auto& [selector, settings] : rules) {
        if ((selector == spec.id) != exact || !selects(selector, spec.id)) continue;
        enabled = settings.enabled;
        if (settings.severity) spec.severity = *settings.severity;
        if (settings.params) {
          YAML::Node merged = YAML::Clone(spec.params.node());
          for (const auto& param : settings.params) {
            merged[param.first.Scalar()] = param.second;
            spec.param_files[param.first.Scalar()] = path;
          }
          spec.params = merged;
        }
      }
    }
    if (enabled) result.push_back(std::move(spec));
  }
  return result;
}

bool Config::matches_any(const std::vector<std::string>& globs,
                         const std::string& file_path) const {
  if (globs.empty()) return false;
  const std::string relative = fs::absolute(fs::path(file_path))
                                   .lexically_normal()
                                   .lexically_relative(directory)
                                   .generic_string();
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& glob) { return glob_match(glob, relative); });
}

bool Config::excludes(const std::string& file_path) const {
  return matches_any(exclude, file_path);
}

const ProfilePin* Config::pin_for(const std::string& file_path) const {
  for (const ProfilePin& pin : profile_pins) {
    if (matches_any(pin.globs, file_path)) return &pin;
  }
  return nullptr;
}

bool Config::ignores_rule(const std::string& file_path, const std::string& rule_id) const {
  for (const IgnoreEntry& ignore : ignores) {
    if (!matches_any(ignore.globs, file_path)) continue;
    if (ignore.rules.empty()) return true;
    if (std::any_of(ignore.rules.begin(), ignore.rules.end(),
                    [&](const std::string& s) { return selects(s, rule_id); })) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> find_config(const std::string& file_path) {
  std::error_code error;
  fs::path directory = fs::absolute(fs::path(file_path), error).parent_path();
  while (!directory.empty()) {
    const fs::path candidate = directory / ".digestlint.yaml";
    if (fs::is_regular_file(candidate, error)) return candidate.string();
    if (directory == directory.parent_path()) break;
    directory = directory.parent_path();
  }
  return std::nullopt;
}

}  // namespace digestlint
