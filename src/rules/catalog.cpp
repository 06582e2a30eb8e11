#include "rules/catalog.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "rules/loader.hpp"
#include "rules/params.hpp"
#include "rules/profile_loader.hpp"

namespace digestlint {
namespace {

bool any_selects(const std::vector<std::string>& selectors, std::string_view id) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return selects(s, id); });
}

void check_selectors(const std::vector<std::string>& selectors, const std::vector<RuleSpec>& specs,
                     std::string_view option) {
  for (const std::string& selector : selectors) {
    if (std::none_of(specs.begin(), specs.end(),
                     [&](const RuleSpec& s) { return selects(selector, s.id); })) {
      throw RuleError({std::string(option), 0, 0},
                      fmt::format("'{}' matches no rule (see `digestlint rules`)", selector));
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

}  // namespace

const RuleCatalog::Compiled& RuleCatalog::for_file(const std::string& path) {
  std::string config_path = options_.config_path;
  if (config_path.empty()) {
    config_path =
        find_config(path.empty() ? std::filesystem::current_path().append("-").string() : path)
            .value_or("");
  }
  auto& slot = by_config_[config_path];
  if (slot) return *slot;

  auto compiled = std::make_unique<Compiled>();
  if (!config_path.empty()) compiled->config = load_config(config_path);
  std::vector<PackSource> packs =
      options_.no_default_rules ? std::vector<PackSource>{} : default_packs();
  for (const std::string& pack : compiled->config.packs) packs.push_back(read_pack(pack));
  for (const std::string& pack : options_.packs) packs.push_back(read_pack(pack));
  std::vector<RuleSpec> specs = load_rule_specs(packs);
  check_selectors(options_.select, specs, "--select");
  check_selectors(options_.ignore, specs, "--ignore");
  std::vector<std::string> known_ids;
  for (const RuleSpec& spec : specs) known_ids.push_back(spec.id);
  compiled->rules = compile_rules(compiled->config.apply(std::move(specs)));
  compiled->rules.known_ids = std::move(known_ids);
  compiled->rules.profiles = load_profiles(packs);
  compiled->rules.pinned_profile = pins_of(options_, compiled->config, compiled->rules.profiles);
  compiled->filter = [options = options_, config = &compiled->config](const SourceFile& file,
                                                                      const RuleSpec& rule) {
    return options.selects(rule.id) && !config->ignores_rule(file.path(), rule.id);
  };
  slot = std::move(compiled);
  return *slot;
}

bool RuleOptions::selects(std::string_view rule_id) const {
  if (!select.empty() && !any_selects(select, rule_id)) return false;
  return !any_selects(ignore, rule_id);
}

}  // namespace digestlint
