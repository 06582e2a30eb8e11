// Checks the default rules against the labelled real digests in ../shared/digests:
// every defect named in labels.tsv's other_defects is reported on its entry, and entries with no
// label at all (summary ok, no defects) get no error.
//   shared_labels_check DIGESTS_DIR
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "parse/digest_parser.hpp"
#include "rules/catalog.hpp"
#include "rules/params.hpp"

using namespace digestlint;

namespace {

struct Label {
  std::string file;
  int entry = 0;
  std::string summary;
  std::vector<std::string> defects;
};

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  for (std::string field; std::getline(stream, field, separator);) fields.push_back(field);
  return fields;
}

std::vector<Label> read_labels(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<Label> labels;
  std::string line;
  std::getline(in, line);  // header: file entry arxiv_id summary_label other_defects title
  while (std::getline(in, line)) {
    const auto fields = split(line, '\t');
    if (fields.size() < 5) continue;
    Label label{fields[0], std::stoi(fields[1]), fields[3], {}};
    for (const std::string& defect : split(fields[4], ',')) {
      if (!defect.empty()) label.defects.push_back(defect);
    }
    labels.push_back(std::move(label));
  }
  return labels;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path directory = argc > 1 ? argv[1] : "../shared/digests";
  if (!std::filesystem::exists(directory / "labels.tsv")) {
    std::cout << "SKIP: " << (directory / "labels.tsv").string()
              << " not found (../shared is absent)\n";
    return 77;
  }
  RuleCatalog catalog({});
  const auto& compiled = catalog.for_file("");
  std::map<std::string, FileResult> results;
  std::map<std::string, Digest> models;  // the engine keeps no model: entries' spans from here
  int problems = 0;
  int checked = 0;
  for (const Label& label : read_labels(directory / "labels.tsv")) {
    if (!results.contains(label.file)) {
      const auto path = directory / label.file;
      auto source = std::make_shared<const SourceFile>(path.string(), read(path));
      results[label.file] =
          std::move(Engine(compiled.rules, compiled.filter).lint_all({source}, 1)[0]);
      models[label.file] = parse_digest(*source, compiled.rules.choose_profile(*source).profile);
    }
    const FileResult& result = results[label.file];
    const Digest& digest = models[label.file];
    if (label.entry >= static_cast<int>(digest.entries.size())) {
      std::cout << fmt::format("{}: entry {} not found by the parser\n", label.file, label.entry);
      ++problems;
      continue;
    }
    const Span entry = digest.entries[static_cast<std::size_t>(label.entry)].span;
    std::vector<const Finding*> on_entry;
    for (const Finding& finding : result.findings) {
      if (entry.begin <= finding.span.begin && finding.span.begin < entry.end)
        on_entry.push_back(&finding);
    }
    for (const std::string& defect : label.defects) {
      ++checked;
      const bool found = std::any_of(on_entry.begin(), on_entry.end(),
                                     [&](auto* f) { return f->rule_id == defect; });
      if (!found) {
        ++problems;
        std::cout << fmt::format("{} entry {}: labelled {} but not reported\n", label.file,
                                 label.entry, defect);
      }
    }
    if (label.summary == "ok" && label.defects.empty()) {
      ++checked;
      for (const Finding* finding : on_entry) {
        if (finding->severity != Severity::error) continue;
        ++problems;
        const Position at = result.source->position(finding->span.begin);
        std::cout << fmt::format("{}:{}:{}: unlabelled entry {} got error {}: {}\n", label.file,
                                 at.line, at.utf16_column, label.entry, finding->rule_id,
                                 finding->message);
      }
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", checked - problems, problems);
  return problems ? 1 : 0;
}
