// `digestlint signals`: the summary rules' signals for every entry, as JSON Lines.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "checks/summary_verdict.hpp"
#include "cli/commands.hpp"
#include "parse/digest_parser.hpp"
#include "report/summary_signals_json.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

// The rule whose parameters the signals are computed with; both summary rules share them (one
// parameter block), so either serves, switched off or not.
const RuleSpec* summary_rule(const RuleSet& rules) {
  for (const char* id : {"summary/title-mismatch", "summary/generic-template"}) {
    if (const RuleSpec* spec = rules.find_any(id)) return spec;
  }
  return nullptr;
}

}  // namespace

int run_signals(const SignalsOptions& options) {
  RuleCatalog catalog(options.rules);
  // Held for the run: SummaryModel::shared() keeps a model only while someone holds it, and
  // rules switched off hold none, so a model dropped after each file would be built again.
  std::map<const RuleSpec*, std::shared_ptr<const summary::SummaryModel>> models;
  int status = kExitClean;
  try {
    const std::vector<ListedInput> inputs = list_inputs(options.paths, options.input);
    // Every configuration first: a selector is checked against them all, as `check` does.
    for (const ListedInput& input : inputs) {
      if (!input.error) catalog.for_file(input.path);
    }
    catalog.check_selectors();
    for (const std::string& warning : catalog.warnings()) std::cerr << warning << "\n";
    for (const ListedInput& input : inputs) {
      InputBytes read =
          input.error ? InputBytes{input.path, {}, input.error} : read_input(input, options.input);
      if (read.error) {
        print_input_error(*read.error);
        status = kExitUsage;
        continue;
      }
      const RuleSet& rules = catalog.for_file(read.path).rules;
      const RuleSpec* spec = summary_rule(rules);
      if (!spec) {
        std::cerr << "error: the rule packs have no summary rule (summary/title-mismatch)\n";
        return kExitConfig;
      }
      const SourceFile source(std::move(read.path), std::move(read.bytes));
      ProfileChoice choice = rules.choose_profile(source);
      if (!choice.profile) {
        std::cerr << fmt::format("{}: note: skipped, {}\n", source.path(), choice.reason);
        continue;
      }
      const Digest digest = parse_digest(source, std::move(choice.profile));
      auto& model = models[spec];
      if (!model) model = summary::SummaryModel::shared(*spec);
      write_summary_signals(std::cout, source, digest, model->analyse(digest, summary::Depth::full),
                            model->parameters());
    }
  } catch (const RuleError& error) {
    std::cerr << error.describe() << "\n";
    return kExitConfig;
  }
  return status;
}

}  // namespace digestlint
