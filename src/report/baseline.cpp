#include "report/baseline.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "report/common.hpp"
#include "report/fingerprint.hpp"

namespace digestlint {
namespace {

std::string baseline_path(const Report& report, const SourceFile& source) {
  return report_detail::relative_to_root(report, source.path()).value_or(source.path());
}

}  // namespace

Baseline Baseline::load(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw std::runtime_error(
        fmt::format("{}: error: cannot read the baseline: it is a directory", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(
        fmt::format("{}: error: cannot read the baseline: {}", path, std::strerror(errno)));
  }
  Baseline baseline;
  try {
    const auto document = nlohmann::json::parse(in);
    for (const auto& finding : document.at("findings")) {
      ++baseline
            .counts_[{finding.at("path").get<std::string>(), finding.at("rule").get<std::string>(),
                      finding.at("fingerprint").get<std::string>()}];
    }
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(
        e.byte <= 1
            ? fmt::format("{}: error: the baseline is empty or not JSON", path)
            : fmt::format("{}: error: the baseline is not JSON (at byte {})", path, e.byte));
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(fmt::format(
        "{}: error: not a digestlint baseline: expected an object whose 'findings' list holds "
        "a path, a rule and a fingerprint each, as --write-baseline writes it",
        path));
  }
  return baseline;
}

void Baseline::write(std::ostream& out, const Report& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const FileResult& file : report.files) {
    const std::vector<std::string> hashes = line_hashes(file);
    for (std::size_t i = 0; i < file.findings.size(); ++i) {
      findings.push_back({{"path", baseline_path(report, *file.source)},
                          {"rule", file.findings[i].rule_id},
                          {"fingerprint", hashes[i]},
                          {"line", file.source->position(file.findings[i].span.begin).line},
                          {"message", file.findings[i].message}});
    }
  }
  out << nlohmann::ordered_json{{"version", 1}, {"tool", "digestlint"}, {"findings", findings}}
             .dump(2)
      << "\n";
}

std::size_t Baseline::filter(FileResult& file, const Report& report) {
  const std::vector<std::string> hashes = line_hashes(file);
  const std::string path = baseline_path(report, *file.source);
  std::size_t index = 0;
  return std::erase_if(file.findings, [&](const Finding& finding) {
    const auto it = counts_.find({path, finding.rule_id, hashes[index++]});
    if (it == counts_.end() || it->second == 0) return false;
    --it->second;
    return true;
  });
}

}  // namespace digestlint
