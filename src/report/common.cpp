#include "report/common.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>

#include "report/rule_docs.hpp"

namespace digestlint {

std::string docs_url(const Report& report, const RuleSpec& rule) {
  return rule_docs_url(rule, report.docs_base_url);
}

namespace report_detail {

const RuleSpec* find_rule(const Report& report, std::string_view rule_id) {
  for (const RuleSpec* rule : report.rules) {
    if (rule != nullptr && rule->id == rule_id) return rule;
  }
  return nullptr;
}

SourceIndex::SourceIndex(const Report& report) {
  for (const FileResult& file : report.files) {
    if (file.source) by_path_.try_emplace(file.source->path(), file.source);
  }
}

std::shared_ptr<const SourceFile> SourceIndex::find(std::string_view path) const {
  const auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : it->second;
}

void count_findings(const FileResult& file, Counts& counts) {
  for (const Finding& finding : file.findings) {
    ++counts.by_severity[static_cast<std::size_t>(finding.severity)];
  }
}

Counts count_findings(const Report& report) {
  Counts counts;
  for (const FileResult& file : report.files) count_findings(file, counts);
  return counts;
}

std::optional<std::string> relative_to_root(const Report& report, const std::string& path) {
  namespace fs = std::filesystem;
  if (report.source_root.empty() || path.empty() || path == "-") return std::nullopt;
  std::error_code error;
  fs::path absolute = fs::path(path);
  if (absolute.is_relative()) {
    absolute = fs::absolute(absolute, error);
    if (error) return std::nullopt;
  }
  absolute = absolute.lexically_normal();
  const fs::path root = fs::path(report.source_root).lexically_normal();
  const fs::path relative = absolute.lexically_relative(root);
  if (relative.empty() || relative.is_absolute()) return std::nullopt;
  const std::string text = relative.generic_string();
  if (text == "." || text == ".." || text.starts_with("../")) return std::nullopt;
  return text;
}

std::string percent_encode_path(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~' || byte == '/';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0x0F];
    }
  }
  return out;
}

std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::size_t end_without_newline(const SourceFile& source, Span span) {
  span = source.clamp(span);
  const std::string_view text = source.text();
  std::size_t end = span.end;
  if (end > span.begin && text[end - 1] == '\n') --end;
  if (end > span.begin && text[end - 1] == '\r') --end;
  return end;
}

std::string describe_fix(const SourceFile& source, const Fix& fix) {
  if (!fix.description.empty()) return fix.description;
  const Span span = source.clamp(fix.span);
  const std::string old_text(source.slice(span));
  if (fix.replacement.empty()) return "delete '" + old_text + "'";
  if (span.empty()) return "insert '" + fix.replacement + "'";
  return "replace '" + old_text + "' with '" + fix.replacement + "'";
}

}  // namespace report_detail
}  // namespace digestlint
