// SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.
//
// Columns are UTF-16 code units (run.columnKind "utf16CodeUnits"); endColumn is the column just
// after the last character of a region. Regions also carry byteOffset/byteLength, counted in the
// file as it is on disk (a UTF-8 byte order mark included).
//
// partialFingerprints.primaryLocationLineHash: see report/fingerprint.hpp.
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "model/text.hpp"
#include "report/common.hpp"
#include "report/fingerprint.hpp"
#include "report/json_text.hpp"
#include "report/report.hpp"

namespace digestlint {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kRootBase = "%SRCROOT%";

// "arxiv-id-future" → "ArxivIdFuture"
std::string pascal_case(std::string_view kebab) {
  std::string out;
  bool upper = true;
  for (const char c : kebab) {
    if (c == '-' || c == '_' || c == ' ') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// The first paragraph of a Markdown text, with its lines joined.
std::string first_paragraph(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    if (line.empty()) {
      if (!out.empty()) break;
    } else {
      if (!out.empty()) out += ' ';
      out += line;
    }
    pos = end + 1;
  }
  return out;
}

json rule_descriptor(const Report& report, const RuleSpec& rule) {
  const std::string short_text = rule.description.empty() ? rule.id : rule.description;
  std::string full_text = first_paragraph(rule.docs);
  if (full_text.empty()) full_text = short_text;
  json descriptor = {{"id", rule.id},
                     {"name", pascal_case(rule.name())},
                     {"shortDescription", {{"text", short_text}}},
                     {"fullDescription", {{"text", full_text}}}};
  if (!rule.docs.empty()) {
    descriptor["help"] = {{"text", rule.docs}, {"markdown", rule.docs}};
  } else {
    descriptor["help"] = {{"text", short_text}};
  }
  const std::string url = docs_url(report, rule);
  if (!url.empty()) descriptor["helpUri"] = url;
  descriptor["defaultConfiguration"] = {{"level", to_string(rule.severity)}};
  descriptor["properties"] = {{"tags", json::array({rule.category()})}};
  return descriptor;
}

// A descriptor for a finding whose rule is not among the report's active rules.
json bare_descriptor(const std::string& id) {
  const std::string name = id.substr(id.find('/') + 1);
  const std::string category = id.substr(0, id.find('/'));
  return {{"id", id},
          {"name", pascal_case(name)},
          {"shortDescription", {{"text", id}}},
          {"properties", {{"tags", json::array({category})}}}};
}

// Where a file is, as SARIF names it: a URI, relative to the source root when it has a base.
struct ArtifactLocation {
  std::string uri;
  bool under_root = true;  // then uriBaseId is the root's
};

ArtifactLocation artifact_location(const Report& report, const std::string& path) {
  if (const auto relative = report_detail::relative_to_root(report, path)) {
    return {report_detail::percent_encode_path(*relative)};
  }
  if (path.starts_with('/') || !report.source_root.empty()) {
    // Outside the source root: an absolute file URI.
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    if (!error) {
      return {"file://" +
                  report_detail::percent_encode_path(absolute.lexically_normal().generic_string()),
              false};
    }
  }
  std::string_view relative = path;
  while (relative.starts_with("./")) relative.remove_prefix(2);
  return {report_detail::percent_encode_path(relative)};
}

void write_artifact_location(JsonText& out, const ArtifactLocation& location) {
  out.begin_object().key("uri").string(location.uri);
  if (location.under_root) out.key("uriBaseId").string(kRootBase);
  out.end_object();
}

void write_region(JsonText& out, Position begin, Position end, std::size_t byte_offset,
                  std::size_t byte_length) {
  out.begin_object();
  out.key("startLine").integer(begin.line).key("startColumn").integer(begin.utf16_column);
  out.key("endLine").integer(end.line).key("endColumn").integer(end.utf16_column);
  out.key("byteOffset").integer(static_cast<long long>(byte_offset));
  out.key("byteLength").integer(static_cast<long long>(byte_length));
  out.end_object();
}

void write_region(JsonText& out, const SourceFile& source, Span span) {
  span = source.clamp(span);
  write_region(out, source.position(span.begin), source.position(span.end),
               span.begin + (source.has_bom() ? 3 : 0), span.size());
}

void write_physical_location(JsonText& out, const ArtifactLocation& file, const SourceFile& source,
                             Span span) {
  out.begin_object().key("artifactLocation");
  write_artifact_location(out, file);
  out.key("region");
  write_region(out, source, span);
  out.end_object();
}

void write_text(JsonText& out, std::string_view text) {
  out.begin_object().key("text").string(text).end_object();
}

void write_fix(JsonText& out, const ArtifactLocation& file, const SourceFile& source,
               const Fix& fix) {
  out.begin_object().key("description");
  write_text(out, report_detail::describe_fix(source, fix));
  out.key("artifactChanges").begin_array().element().begin_object().key("artifactLocation");
  write_artifact_location(out, file);
  out.key("replacements").begin_array().element().begin_object().key("deletedRegion");
  write_region(out, source, fix.span);
  if (!fix.replacement.empty()) {
    out.key("insertedContent");
    write_text(out, fix.replacement);
  }
  out.end_object().end_array().end_object().end_array();
  out.key("properties").begin_object().key("safe").boolean(fix.safe).end_object();
  out.end_object();
}

void write_related_locations(JsonText& out, const Report& report, const SourceLookup& sources,
                             const ArtifactLocation& file, const SourceFile& source,
                             const Finding& finding) {
  out.begin_array();
  long long id = 1;
  for (const RelatedLocation& r : finding.related) {
    const bool here = r.in(source.path());
    const std::shared_ptr<const SourceFile> found =
        here || r.excerpt ? nullptr : sources.find(r.path);
    const SourceFile* other = here ? &source : found.get();
    out.element().begin_object().key("id").integer(id++).key("physicalLocation");
    if (other == nullptr) {  // another file: placed by its excerpt, when its analyzer kept one
      out.begin_object().key("artifactLocation");
      write_artifact_location(out, artifact_location(report, r.path));
      if (const Excerpt* excerpt = r.excerpt.get()) {
        out.key("region");
        write_region(out, excerpt->begin, excerpt->end, excerpt->byte_offset, excerpt->byte_length);
      }
      out.end_object();
    } else {
      write_physical_location(out, here ? file : artifact_location(report, other->path()), *other,
                              r.span);
    }
    if (!r.message.empty()) {
      out.key("message");
      write_text(out, r.message);
    }
    out.end_object();
  }
  out.end_array();
}

std::string dump(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace);
}

// The results come after the rules in the log, and the rules list ends with the rules of findings
// that are not among the report's active rules, in the order they first appear. So results are
// written to a temporary file as they come, each with a stand-in for its ruleIndex (-1 for the
// first rule seen, -2 for the next …), and copied into the log at the end.
class SarifWriter final : public ReportWriter {
 public:
  SarifWriter(std::ostream& out, const Report& report, const SourceLookup& sources)
      : out_(out), report_(report), sources_(sources), results_(std::tmpfile(), &std::fclose) {
    if (!results_) throw std::runtime_error("cannot create a temporary file for the SARIF results");
  }

  void file(const FileResult& file) override {
    if (!file.source) return;
    const SourceFile& source = *file.source;
    const std::vector<std::string> hashes = line_hashes(file);
    const ArtifactLocation location = artifact_location(report_, source.path());
    std::size_t index = 0;
    std::string text;
    for (const Finding& finding : file.findings) {
      internal_errors_ = internal_errors_ || finding.internal;
      if (wrote_) text += ",\n";
      wrote_ = true;
      text.append(kResultIndent, ' ');
      JsonText out(text, kResultIndent / 2);
      out.begin_object();
      out.key("ruleId").string(finding.rule_id);
      out.key("ruleIndex").integer(stand_in(finding.rule_id));
      out.key("level").string(to_string(finding.severity));
      out.key("message");
      write_text(out, finding.message.empty() ? finding.rule_id : finding.message);
      out.key("locations").begin_array().element().begin_object().key("physicalLocation");
      write_physical_location(out, location, source, finding.span);
      out.end_object().end_array();
      out.key("partialFingerprints").begin_object();
      out.key("primaryLocationLineHash").string(hashes[index++]).end_object();
      if (!finding.related.empty()) {
        out.key("relatedLocations");
        write_related_locations(out, report_, sources_, location, source, finding);
      }
      if (finding.fix) {
        out.key("fixes").begin_array().element();
        write_fix(out, location, source, *finding.fix);
        out.end_array();
      }
      if (!finding.hint.empty() || finding.confidence) {
        out.key("properties").begin_object();
        if (!finding.hint.empty()) out.key("hint").string(finding.hint);
        if (finding.confidence) out.key("confidence").real(*finding.confidence);
        out.end_object();
      }
      out.end_object();
      if (text.size() >= kFlushBytes) flush(text);
    }
    flush(text);
  }

  void end() override {
    const std::string log = dump(log_without_results());
    if (!wrote_) {
      out_ << log << '\n';
      return;
    }
    constexpr std::string_view kEmpty = "\"results\": []";
    const std::size_t at = log.rfind(kEmpty);
    out_ << std::string_view(log).substr(0, at + kEmpty.size() - 1) << '\n';
    copy_results();
    out_ << '\n'
         << std::string(kResultIndent - 2, ' ')
         << std::string_view(log).substr(at + kEmpty.size() - 1) << '\n';
  }

 private:
  static constexpr std::size_t kResultIndent = 8;  // log.runs[0].results[i]
  static constexpr std::string_view kStandIn = "  \"ruleIndex\": -";

  static constexpr std::size_t kFlushBytes = 1 << 16;

  void flush(std::string& text) {
    std::fwrite(text.data(), 1, text.size(), results_.get());
    text.clear();
  }

  int stand_in(const std::string& rule_id) {
    const auto [it, added] = seen_.try_emplace(rule_id, static_cast<int>(seen_order_.size()));
    if (added) seen_order_.push_back(rule_id);
    return -(it->second + 1);
  }

  json log_without_results() {
    json rules = json::array();
    std::map<std::string, int, std::less<>> rule_index;
    for (const RuleSpec* rule : report_.rules) {
      if (rule == nullptr || rule_index.contains(rule->id)) continue;
      rule_index.emplace(rule->id, static_cast<int>(rules.size()));
      rules.push_back(rule_descriptor(report_, *rule));
    }
    for (const std::string& id : seen_order_) {
      if (!rule_index.contains(id)) {
        rule_index.emplace(id, static_cast<int>(rules.size()));
        rules.push_back(bare_descriptor(id));
      }
      final_index_.push_back(rule_index.at(id));
    }
    json driver = {{"name", "digestlint"},
                   {"version", DIGESTLINT_VERSION},
                   {"semanticVersion", DIGESTLINT_VERSION}};
    if (!report_detail::kInformationUri.empty()) {
      driver["informationUri"] = report_detail::kInformationUri;
    }
    driver["rules"] = std::move(rules);

    json run = {{"tool", {{"driver", std::move(driver)}}}};
    if (!report_.source_root.empty()) {
      std::string root = report_.source_root;
      if (!root.ends_with('/')) root += '/';
      run["originalUriBaseIds"] = {
          {kRootBase, {{"uri", "file://" + report_detail::percent_encode_path(root)}}}};
    }
    run["invocations"] = json::array({invocation()});
    run["columnKind"] = "utf16CodeUnits";
    run["results"] = json::array();
    return {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  }

  // Whether the run linted every input, with a notification for each it could not: code
  // scanning would otherwise take a run that skipped files for a clean one.
  json invocation() const {
    json notifications = json::array();
    for (const InputError& error : report_.unread_inputs) {
      const ArtifactLocation file = artifact_location(report_, error.path);
      json artifact = {{"uri", file.uri}};
      if (file.under_root) artifact["uriBaseId"] = kRootBase;
      json physical = {{"artifactLocation", std::move(artifact)}};
      if (error.line > 0) {
        physical["region"] = {{"startLine", error.line},
                              {"startColumn", std::max(1, error.column)}};
      }
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", error.message}}},
                               {"locations", json::array({{{"physicalLocation", physical}}})}});
    }
    json invocation = {{"executionSuccessful", notifications.empty() && !internal_errors_}};
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
    return invocation;
  }

  // Copies the results into the log, with their rule indexes in place of the stand-ins.
  void copy_results() {
    std::rewind(results_.get());
    const std::string stand_in = std::string(kResultIndent, ' ') + std::string(kStandIn);
    char* line = nullptr;
    std::size_t capacity = 0;
    ssize_t length = 0;
    bool first = true;
    while ((length = getline(&line, &capacity, results_.get())) > 0) {
      std::string_view text(line, static_cast<std::size_t>(length));
      if (!first) out_ << '\n';
      first = false;
      if (text.ends_with('\n')) text.remove_suffix(1);
      if (text.starts_with(stand_in)) {
        const std::size_t digits = text.find_first_not_of("0123456789", stand_in.size());
        const int seen =
            std::stoi(std::string(text.substr(stand_in.size(), digits - stand_in.size())));
        out_ << std::string_view(stand_in).substr(0, stand_in.size() - 1)
             << final_index_[static_cast<std::size_t>(seen - 1)]
             << (digits == std::string_view::npos ? std::string_view() : text.substr(digits));
      } else {
        out_ << text;
      }
    }
    std::free(line);
  }

  std::ostream& out_;
  const Report& report_;
  const SourceLookup& sources_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> results_;
  bool wrote_ = false;
  bool internal_errors_ = false;  // an analyzer failed on a file: its results are partial
  std::map<std::string, int, std::less<>> seen_;  // rule id → order of first appearance
  std::vector<std::string> seen_order_;
  std::vector<int> final_index_;  // by order of first appearance
};

}  // namespace

std::unique_ptr<ReportWriter> sarif_writer(std::ostream& out, const Report& report,
                                           const SourceLookup& sources) {
  return std::make_unique<SarifWriter>(out, report, sources);
}

void write_sarif(std::ostream& out, const Report& report) {
  report_detail::write_all(
      report, [&](const SourceLookup& sources) { return sarif_writer(out, report, sources); });
}

}  // namespace digestlint
