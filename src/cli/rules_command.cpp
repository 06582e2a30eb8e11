#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "model/file_bytes.hpp"
#include "report/rule_docs.hpp"
#include "rules/did_you_mean.hpp"
#include "rules/params.hpp"

namespace digestlint {

int run_rules(const RuleOptions& options, const std::string& format) {
  RuleCatalog catalog(options);
  try {
    const RuleSet& rules = catalog.for_file("").rules;
    catalog.check_selectors();
    for (const RuleSpec& spec : rules.specs) {
      if (!catalog.selected(spec.id)) continue;
      if (format == "ids") {
        std::cout << spec.id << "\n";
      } else {
        std::cout << fmt::format("{:<32} {:<8} {}\n", spec.id, to_string(spec.severity),
                                 spec.description);
      }
    }
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  return kExitClean;
}

int run_explain(const RuleOptions& options, const std::string& rule_id) {
  RuleCatalog catalog(options);
  try {
    const RuleSet& rules = catalog.for_file("").rules;
    catalog.check_selectors();
    const RuleSpec* spec = rules.find_any(rule_id);
    if (!spec) {
      std::cerr << fmt::format("error: no rule '{}'{} (see `digestlint rules`)\n", rule_id,
                               did_you_mean(rule_id, rules.known_ids));
      return kExitUsage;
    }
    if (!spec->enabled) {
      const YamlLocation& at = spec->disabled_at;
      std::cerr << fmt::format("{}:{}:{}: note: '{}' is turned off here\n", at.path, at.line,
                               at.column, rule_id);
    }
    std::cout << rule_markdown(*spec);
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  return kExitClean;
}

// Writes docs/rules/<category>/<name>.md for every rule, or with `check` reports pages that
// differ from what the rule packs say (so the docs cannot drift from the YAML).
int run_docs(const RuleOptions& options, const std::string& directory, bool check) {
  namespace fs = std::filesystem;
  RuleCatalog catalog(options);
  std::vector<std::pair<fs::path, std::string>> pages;
  try {
    const RuleSet& rules = catalog.for_file("").rules;
    catalog.check_selectors();
    for (const RuleSpec& spec : rules.specs) {
      pages.emplace_back(fs::path(directory) / spec.category() / (spec.name() + ".md"),
                         rule_markdown(spec));
    }
    pages.emplace_back(fs::path(directory) / "README.md", rules_index_markdown(rules.specs));
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  int stale = 0;
  // Pages of rules that no longer exist would keep documenting them.
  std::vector<fs::path> orphans;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(directory, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path page = it->path();
    if (page.extension() == ".md" && it.depth() == 1 &&
        std::none_of(pages.begin(), pages.end(), [&](const auto& p) { return p.first == page; }))
      orphans.push_back(page);
  }
  for (const fs::path& page : orphans) {
    if (check) {
      ++stale;
      std::cerr << fmt::format(
          "{}: error: page of a rule that no longer exists; run `digestlint "
          "docs {}` to remove it\n",
          page.string(), directory);
    } else if (fs::remove(page, error)) {
      std::cout << "removed " << page.string() << "\n";
    }
  }
  for (const auto& [path, text] : pages) {
    const FileBytes current = read_file_bytes(path.string(), kNoSizeLimit);
    if (current.read() && current.bytes == text) continue;
    if (check) {
      ++stale;
      std::cerr << fmt::format(
          "{}: error: out of date with the rule packs; run `digestlint docs {}`\n", path.string(),
          directory);
      continue;
    }
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    std::cout << "wrote " << path.string() << "\n";
  }
  return stale ? kExitFindings : kExitClean;
}

}  // namespace digestlint
