#include "rules/config.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <set>
#include <utility>

#include "rules/did_you_mean.hpp"
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

// Where to point at a key's value: at the key when the value is empty ("rules:" alone), whose
// own mark is past the end of the line.
YAML::Node value_or_key(const YAML::Node& key, const YAML::Node& value) {
  return value.IsNull() ? key : value;
}

RuleSettings read_settings(const Config& config, const YAML::Node& key, const YAML::Node& node) {
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
  if (!node.IsMap()) {
    fail(config, value_or_key(key, node),
         fmt::format("the settings of '{}' must be a word (off, error, …) or a map", key.Scalar()));
  }
  for (const auto& item : node) {
    const std::string key = item.first.Scalar();
    if (key == "severity" || key == "enabled") {
      apply_word(item.second);
    } else if (key == "params") {
      if (!item.second.IsMap()) fail(config, item.second, "'params' must be a map");
      // A key that is no name (`{,,}` or `~` in YAML is a null key) could not be found again by
      // name when the rules of a parameter group share it.
      for (const auto& param : item.second) {
        if (!param.first.IsScalar() || param.first.Scalar().empty())
          fail(config, param.first, "a parameter name must be a plain name (e.g. 'sections')");
      }
      settings.params.reset(item.second);
    } else {
      fail(config, item.first,
           fmt::format("unknown key '{}' (expected severity, enabled, params){}", key,
                       did_you_mean(key, {"severity", "enabled", "params"})));
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

std::vector<std::string> selector_names(const std::vector<RuleSpec>& specs) {
  std::vector<std::string> names;
  for (const RuleSpec& spec : specs) {
    if (std::find(names.begin(), names.end(), spec.category()) == names.end())
      names.push_back(spec.category());
    names.push_back(spec.id);
  }
  return names;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  return glob_here(pattern, path);
}

bool selects(std::string_view selector, std::string_view rule_id) {
  if (selector == "ALL" || selector == rule_id) return true;
  return rule_id.size() > selector.size() && rule_id.starts_with(selector) &&
         rule_id[selector.size()] == '/';
}

namespace {
const std::vector<std::string> kConfigKeys = {"packs",   "rules",          "ignore", "profiles",
                                              "exclude", "extend-exclude", "online"};
}  // namespace

Config load_config(const std::string& path) {
  return parse_config(read_yaml_file(path, "configuration").text, path);
}

Config parse_config(const std::string& text, const std::string& path) {
  Config config;
  config.path = path;
  config.directory = fs::absolute(fs::path(path)).lexically_normal().parent_path().string();
  config.text = text;
  const YAML::Node root = load_yaml(text, path);
  if (root.IsNull()) return config;
  if (!root.IsMap()) {
    fail(config, root,
         fmt::format("the configuration must be a map (of {})", fmt::join(kConfigKeys, ", ")));
  }
  for (const auto& item : root) {
    const std::string key = item.first.Scalar();
    if (key == "packs") {
      const std::vector<std::string> packs = string_list(config, item.second, "packs");
      for (std::size_t i = 0; i < packs.size(); ++i) {
        config.packs.push_back((fs::path(config.directory) / packs[i]).lexically_normal().string());
        config.packs_where.push_back(
            location_of(path, item.second.IsSequence() ? item.second[i] : item.second));
      }
    } else if (key == "rules") {
      if (!item.second.IsMap()) {
        fail(config, value_or_key(item.first, item.second),
             "'rules' must map rule ids or categories to settings");
      }
      for (const auto& rule : item.second) {
        RuleSettings settings = read_settings(config, rule.first, rule.second);
        settings.where = location_of(path, rule.first);
        config.rules[rule.first.Scalar()] = std::move(settings);
      }
    } else if (key == "ignore") {
      if (!item.second.IsSequence())
        fail(config, item.second, "'ignore' must be a list of {files, rules}");
      for (const YAML::Node& entry : item.second) {
        if (!entry.IsMap() || !entry["files"])
          fail(config, entry, "each ignore entry needs 'files'");
        IgnoreEntry ignore{
            string_list(config, entry["files"], "files"), {}, location_of(path, entry["files"])};
        if (entry["rules"]) {
          ignore.rules = string_list(config, entry["rules"], "rules");
          ignore.rules_where = location_of(path, entry["rules"]);
        }
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
           fmt::format("unknown key '{}' (expected {}){}", key, fmt::join(kConfigKeys, ", "),
                       did_you_mean(key, kConfigKeys)));
    }
  }
  return config;
}

namespace {

// Merges a configuration's `params:` over a rule's. A key is inserted as written, so errors
// about it point at it.
void merge_param(RuleSpec& spec, const YAML::Node& key, const YAML::Node& value,
                 const std::string& path) {
  YAML::Node merged = YAML::Clone(spec.params.node());
  if (std::as_const(merged)[key.Scalar()]) {
    merged[key.Scalar()] = value;
  } else {
    merged.force_insert(key, value);
  }
  spec.params = merged;
  spec.param_files[key.Scalar()] = path;
}

}  // namespace

void Config::check_selectors(const std::vector<RuleSpec>& specs) const {
  // `section`: the configuration's key that names the selector, for the message.
  const auto check = [&](const std::string& selector, const YamlLocation& where,
                         std::string_view section) {
    const bool known = std::any_of(specs.begin(), specs.end(),
                                   [&](const RuleSpec& s) { return selects(selector, s.id); });
    if (!known) {
      throw RuleError(where, fmt::format("'{}' names '{}', which matches no rule{}", section,
                                         selector, did_you_mean(selector, selector_names(specs))));
    }
  };
  for (const auto& [selector, settings] : rules) check(selector, settings.where, "rules");
  // A misspelt rule there would ignore nothing without a word.
  for (const IgnoreEntry& ignore : ignores) {
    for (const std::string& selector : ignore.rules) check(selector, ignore.rules_where, "ignore");
  }
}

std::vector<RuleSpec> Config::apply(std::vector<RuleSpec> specs) const {
  check_selectors(specs);
  // A category's parameters go to the rules of it that accept them; each must reach one.
  std::map<std::string, std::vector<std::string>> category_accepts;
  std::set<std::pair<std::string, std::string>> delivered;  // (category, key)
  for (RuleSpec& spec : specs) {
    // Category settings first, then the rule's own, so the more specific one wins.
    for (const bool exact : {false, true}) {
      for (const auto& [selector, settings] : rules) {
        if ((selector == spec.id) != exact || !selects(selector, spec.id)) continue;
        spec.enabled = settings.enabled;
        if (!settings.enabled) spec.disabled_at = settings.where;
        if (settings.severity) spec.severity = *settings.severity;
        if (!settings.params) continue;
        const std::vector<std::string> accepted =
            exact ? std::vector<std::string>{} : accepted_params(spec);
        auto& accepts = category_accepts[selector];
        accepts.insert(accepts.end(), accepted.begin(), accepted.end());
        for (const auto& param : settings.params) {
          const std::string& key = param.first.Scalar();
          if (!exact && std::find(accepted.begin(), accepted.end(), key) == accepted.end())
            continue;
          delivered.emplace(selector, key);
          merge_param(spec, param.first, param.second, path);
        }
      }
    }
  }
  for (const auto& [selector, settings] : rules) {
    if (!settings.params || !category_accepts.contains(selector)) continue;
    for (const auto& param : settings.params) {
      if (delivered.contains({selector, param.first.Scalar()})) continue;
      throw RuleError(
          location_of(path, param.first),
          fmt::format("no rule of '{}' has a parameter '{}'{}", selector, param.first.Scalar(),
                      did_you_mean(param.first.Scalar(), category_accepts[selector])));
    }
  }
  return specs;
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

std::vector<std::string> Config::unmatched_ignore_warnings() const {
  if (ignores.empty()) return {};
  std::vector<std::string> digests;  // relative to the configuration's directory
  std::error_code error;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied,
                                      error);
  // Bounded: a configuration at the root of a huge tree must not stall the run.
  for (int seen = 0; !error && it != fs::recursive_directory_iterator() && seen < 200'000;
       it.increment(error), ++seen) {
    const fs::path& file = it->path();
    if (file.extension() == ".md")
      digests.push_back(file.lexically_relative(directory).generic_string());
  }
  std::vector<std::string> warnings;
  for (const IgnoreEntry& ignore : ignores) {
    for (const std::string& glob : ignore.globs) {
      if (std::any_of(digests.begin(), digests.end(),
                      [&](const std::string& d) { return glob_match(glob, d); }))
        continue;
      warnings.push_back(fmt::format(
          "{}:{}:{}: warning: ignore glob '{}' matches no *.md file below {} (globs are relative "
          "to the configuration's directory)",
          ignore.where.path, ignore.where.line, ignore.where.column, glob, directory));
    }
  }
  return warnings;
}

std::optional<std::string> find_config(const std::string& file_path) {
  std::error_code error;
  // Normal, so that the globs of the configuration found for "digests/../digests/d.md" see
  // the file as "digests/d.md".
  fs::path directory = fs::absolute(fs::path(file_path), error).lexically_normal().parent_path();
  while (!directory.empty()) {
    const fs::path candidate = directory / ".digestlint.yaml";
    // Anything by that name is the configuration: a directory or a dangling link is then an
    // error to report when it is read, not a reason to fall back to a parent's configuration.
    if (fs::exists(fs::symlink_status(candidate, error))) return candidate.string();
    if (directory == directory.parent_path()) break;
    directory = directory.parent_path();
  }
  return std::nullopt;
}

}  // namespace digestlint
