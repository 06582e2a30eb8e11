#pragma once
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "rules/engine.hpp"

namespace digestlint {

// A file that could not be linted, reported on stderr and with exit code 2.
struct InputError {
  std::string path;
  int line = 0;  // 0 when the problem is not at a place in the file
  int column = 0;
  std::string message;
};

// What a reporter needs: every linted file with its findings and the rules that were active.
struct Report {
  std::vector<FileResult> files;       // in a stable order
  std::vector<const RuleSpec*> rules;  // active rules, in id order
  std::string docs_base_url;           // rule docs: <base><category>/<name>.md
  // Paths in SARIF are made relative to this directory (absolute, with a trailing '/').
  std::string source_root;
  std::vector<InputError> unread_inputs;  // inputs that could not be linted (also on stderr)
};

struct HumanOptions {
  bool color = false;
  bool quiet = false;       // only the summary line
  bool statistics = false;  // counts per rule after the findings
  bool show_fixes = true;   // "fix:" lines
};

std::string docs_url(const Report& report, const RuleSpec& rule);

// Finds the files that findings' related locations point into.
class SourceLookup {
 public:
  virtual ~SourceLookup() = default;
  // Null when the file is not part of the report.
  virtual std::shared_ptr<const SourceFile> find(std::string_view path) const = 0;
};

// Writes a report file by file, so that each file's text and findings can be dropped once
// written: file() for every file in order, then end(). The Report passed to a writer gives the
// settings (docs URL, source root) and, by end(), the rules and the unread inputs; its files are
// not read. Both must outlive the writer.
class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void file(const FileResult& file) = 0;
  virtual void end() = 0;
};

std::unique_ptr<ReportWriter> human_writer(std::ostream& out, const Report& report,
                                           const SourceLookup& sources,
                                           const HumanOptions& options);
std::unique_ptr<ReportWriter> sarif_writer(std::ostream& out, const Report& report,
                                           const SourceLookup& sources);
std::unique_ptr<ReportWriter> json_writer(std::ostream& out, const SourceLookup& sources);
std::unique_ptr<ReportWriter> github_writer(std::ostream& out, const Report& report);

void write_human(std::ostream& out, const Report& report, const HumanOptions& options);
void write_sarif(std::ostream& out, const Report& report);
void write_json(std::ostream& out, const Report& report);
void write_github(std::ostream& out, const Report& report);

}  // namespace digestlint
