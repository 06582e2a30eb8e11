#include "rules/catalog.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "rules/did_you_mean.hpp"
#include "rules/loader.hpp"
#include "rules/params.hpp"
#include "rules/profile_loader.hpp"

namespace digestlint {
namespace {

bool any_selects(const std::vector<std::string>& selectors, std::string_view id) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return selects(s, id); });
}

// The selectors that name none of the specs, each with the error to give if no configuration
// of the run has a rule of that name.
void add_unmatched(const std::vector<std::string>& selectors, const std::vector<RuleSpec>& specs,
                   std::string_view option,
                   std::vector<std::pair<std::string, RuleError>>& unmatched) {
  for (const std::string& selector : selectors) {
    if (std::none_of(specs.begin(), specs.end(),
                     [&](const RuleSpec& s) { return selects(selector, s.id); })) {
      unmatched.emplace_back(
          selector,
          RuleError({std::string(option), 0, 0},
                    fmt::format("'{}' matches no rule{} (see `digestlint rules`)", selector,
                                did_you_mean(selector, selector_names(specs)))));
    }
  }
}

std::shared_ptr<const Profile> named_profile(const ProfileSet& profiles, const std::string& name,
                                             const YamlLocation& where) {
  auto profile = profiles.find(name);
  if (!profile) {
    std::vector<std::string_view> names;
    for (const auto& known : profiles.profiles) names.push_back(known->name);
    throw RuleError(where, fmt::format("no format profile named '{}' (known: {})", name,
                                       fmt::join(names, ", ")));
  }
  return profile;
}

// --profile wins over the configuration's pins; files neither pins are detected.
std::function<std::optional<ProfileChoice>(const SourceFile&)> pins_of(const RuleOptions& options,
                                                                       const Config& config,
                                                                       const ProfileSet& profiles) {
  std::shared_ptr<const Profile> forced;
  if (!options.profile.empty())
    forced = named_profile(profiles, options.profile, {"--profile", 0, 0});
  for (const ProfilePin& pin : config.profile_pins) named_profile(profiles, pin.profile, pin.where);
  return [forced, &config, &profiles](const SourceFile& file) -> std::optional<ProfileChoice> {
    if (forced) return ProfileChoice{forced, "forced by --profile"};
    if (const ProfilePin* pin = config.pin_for(file.path())) {
      return ProfileChoice{
          profiles.find(pin->profile),
          fmt::format("pinned by {} for {}", config.path, fmt::join(pin->globs, ", "))};
    }
    return std::nullopt;
  };
}

// A selector that only names rules the configuration turned off would run nothing, silently.
std::vector<std::string> check_selected_disabled(const std::vector<std::string>& selectors,
                                                 const RuleSet& rules) {
  std::vector<std::string> warnings;
  for (const std::string& selector : selectors) {
    const auto selected = [&](const RuleSpec& s) { return selects(selector, s.id); };
    if (std::any_of(rules.specs.begin(), rules.specs.end(), selected)) continue;
    const auto off = std::find_if(rules.disabled.begin(), rules.disabled.end(), selected);
    if (off == rules.disabled.end()) continue;
    const YamlLocation& at = off->disabled_at;
    warnings.push_back(
        fmt::format("--select: warning: '{}' is turned off by {}:{}:{}, so it does not run",
                    selector, at.path, at.line, at.column));
  }
  return warnings;
}

std::vector<std::string> empty_pack_warnings(const std::vector<PackSource>& packs) {
  std::vector<std::string> warnings;
  for (const PackSource& pack : packs) {
    if (pack.builtin || !defines_nothing(pack)) continue;
    warnings.push_back(
        pack.is_data_file()
            ? fmt::format("{}:1:1: warning: data file with no 'key<TAB>value' line: the lexicon "
                          "it defines, which replaces one of its name, is empty",
                          pack.path)
            : fmt::format("{}:1:1: warning: empty rule pack (no rules, lexicons or profiles): "
                          "loading it changes nothing",
                          pack.path));
  }
  return warnings;
}

ContentHash fingerprint_of(const RuleOptions& options, const Config& config,
                           const std::vector<PackSource>& packs) {
  Hasher hasher;
  hasher.add(config.path).add(config.text);
  for (const PackSource& pack : packs) hasher.add(pack.path).add(pack.text);
  hasher.add(fmt::format("{}", fmt::join(options.select, ",")));
  hasher.add(fmt::format("{}", fmt::join(options.ignore, ",")));
  return hasher.add(options.profile).add(options.no_default_rules ? "bare" : "default").finish();
}

}  // namespace

const RuleCatalog::Compiled& RuleCatalog::for_file(const std::string& path) {
  const std::string config_path = options_.config_for(path);
  auto& slot = by_config_[config_path];
  if (slot) return *slot;

  auto compiled = std::make_unique<Compiled>();
  if (!config_path.empty()) compiled->config = load_config(config_path);
  std::vector<PackSource> packs =
      options_.no_default_rules ? std::vector<PackSource>{} : default_packs();
  for (std::size_t i = 0; i < compiled->config.packs.size(); ++i) {
    try {
      packs.push_back(read_pack(compiled->config.packs[i]));
    } catch (const RuleError& error) {
      if (error.where().line > 0) throw;  // a mistake inside the pack, located there
      throw RuleError(compiled->config.packs_where[i],
                      fmt::format("{}: {}", compiled->config.packs[i], error.what()));
    }
  }
  for (const std::string& pack : options_.packs) packs.push_back(read_pack(pack));
  compiled->fingerprint = fingerprint_of(options_, compiled->config, packs);
  std::vector<RuleSpec> specs = load_rule_specs(packs);
  add_unmatched(options_.select, specs, "--select", compiled->unmatched_selectors);
  add_unmatched(options_.ignore, specs, "--ignore", compiled->unmatched_selectors);
  compiled->rules = compile_rules(compiled->config.apply(std::move(specs)));
  compiled->rules.profiles = load_profiles(packs);
  compiled->rules.pinned_profile = pins_of(options_, compiled->config, compiled->rules.profiles);
  compiled->warnings = check_selected_disabled(options_.select, compiled->rules);
  for (std::string& warning : compiled->config.unmatched_ignore_warnings())
    compiled->warnings.push_back(std::move(warning));
  for (std::string& warning : empty_pack_warnings(packs))
    compiled->warnings.push_back(std::move(warning));
  compiled->filter = [options = options_, config = &compiled->config](std::string_view path,
                                                                      const RuleSpec& rule) {
    return options.selects(rule.id) && !config->ignores_rule(std::string(path), rule.id);
  };
  slot = std::move(compiled);
  return *slot;
}

void RuleCatalog::check_selectors() const {
  if (by_config_.empty()) return;
  const auto unmatched_in = [](const Compiled& compiled, const std::string& selector) {
    const auto& unmatched = compiled.unmatched_selectors;
    return std::any_of(unmatched.begin(), unmatched.end(),
                       [&](const auto& entry) { return entry.first == selector; });
  };
  for (const auto& entry : by_config_.begin()->second->unmatched_selectors) {
    const bool unmatched_everywhere =
        std::all_of(by_config_.begin(), by_config_.end(),
                    [&](const auto& config) { return unmatched_in(*config.second, entry.first); });
    if (unmatched_everywhere) throw entry.second;
  }
}

std::vector<std::string> RuleCatalog::warnings() const {
  std::vector<std::string> all;
  for (const auto& [path, compiled] : by_config_) {
    for (const std::string& warning : compiled->warnings) {
      if (std::find(all.begin(), all.end(), warning) == all.end()) all.push_back(warning);
    }
  }
  return all;
}

bool RuleOptions::selects(std::string_view rule_id) const {
  if (!select.empty() && !any_selects(select, rule_id)) return false;
  return !any_selects(ignore, rule_id);
}

std::string RuleOptions::config_for(const std::string& path) const {
  if (!config_path.empty()) return config_path;
  // find_config searches from a file's directory: "-" stands for a file in the working one.
  return find_config(path.empty() ? (std::filesystem::current_path() / "-").string() : path)
      .value_or("");
}

}  // namespace digestlint
