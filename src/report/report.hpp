#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "rules/engine.hpp"

namespace digestlint {

// What a reporter needs: every linted file with its findings and the rules that were active.
struct Report {
  std::vector<FileResult> files;       // in a stable order
  std::vector<const RuleSpec*> rules;  // active rules, in id order
  std::string docs_base_url;           // rule docs: <base><category>/<name>.md
  // Paths in SARIF are made relative to this directory (absolute, with a trailing '/').
  std::string source_root;
  int unread_inputs = 0;  // inputs that could not be linted (reported on stderr)
};

struct HumanOptions {
  bool color = false;
  bool quiet = false;       // only the summary line
  bool statistics = false;  // counts per rule after the findings
  bool show_fixes = true;   // "fix:" lines
};

std::string docs_url(const Report& report, const RuleSpec& rule);

void write_human(std::ostream& out, const Report& report, const HumanOptions& options);
void write_sarif(std::ostream& out, const Report& report);
void write_json(std::ostream& out, const Report& report);
void write_github(std::ostream& out, const Report& report);

}  // namespace digestlint
