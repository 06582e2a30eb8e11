#include "rules/catalog.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "rules/loader.hpp"
#include "rules/params.hpp"

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
