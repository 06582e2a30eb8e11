#include "cache/result_cache.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace digestlint {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Bumped whenever the entry layout changes, so older entries become misses.
constexpr int kEntryFormat = 1;

json span_json(Span span) {
  return json::array({span.begin, span.end});
}

Span span_from(const json& value) {
  return Span{value.at(0).get<std::size_t>(), value.at(1).get<std::size_t>()};
}

json finding_json(const Finding& finding) {
  json related = json::array();
  for (const RelatedLocation& location : finding.related)
    related.push_back({location.path, span_json(location.span), location.message});
  json entry = {{"rule", finding.rule_id},         {"severity", static_cast<int>(finding.severity)},
                {"message", finding.message},      {"hint", finding.hint},
                {"span", span_json(finding.span)}, {"related", std::move(related)}};
  if (finding.fix) {
    entry["fix"] = {span_json(finding.fix->span), finding.fix->replacement, finding.fix->safe,
                    finding.fix->description};
  }
  if (finding.confidence) entry["confidence"] = *finding.confidence;
  return entry;
}

Finding finding_from(const json& entry) {
  Finding finding;
  finding.rule_id = entry.at("rule").get<std::string>();
  const int severity = entry.at("severity").get<int>();
  if (severity < 0 || severity > static_cast<int>(Severity::error))
    throw std::out_of_range("severity");
  finding.severity = static_cast<Severity>(severity);
  finding.message = entry.at("message").get<std::string>();
  finding.hint = entry.at("hint").get<std::string>();
  finding.span = span_from(entry.at("span"));
  for (const json& location : entry.at("related")) {
    finding.related.push_back({location.at(0).get<std::string>(), span_from(location.at(1)),
                               location.at(2).get<std::string>()});
  }
  if (const auto fix = entry.find("fix"); fix != entry.end()) {
    finding.fix = Fix{span_from(fix->at(0)), fix->at(1).get<std::string>(), fix->at(2).get<bool>(),
                      fix->at(3).get<std::string>()};
  }
  if (const auto confidence = entry.find("confidence"); confidence != entry.end())
    finding.confidence = confidence->get<double>();
  return finding;
}

// Unique among processes (pid) and threads, so concurrent writers never share a temporary file.
std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return fmt::format("{}.{}.{}.{}.tmp", path, getpid(),
                     std::hash<std::thread::id>{}(std::this_thread::get_id()), counter++);
}

bool write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  out.close();
  return static_cast<bool>(out);
}

}  // namespace

std::string ResultCache::entry_path(const ContentHash& key) const {
  const std::string name = key.hex();
  return fmt::format("{}/results/{}/{}", directory_, name.substr(0, 2), name.substr(2));
}

std::optional<CachedFile> ResultCache::load(const ContentHash& key) const {
  std::ifstream in(entry_path(key), std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  std::vector<std::uint8_t> bytes(
      static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
    return std::nullopt;
  try {
    const json entry = json::from_msgpack(bytes);
    if (entry.at("format").get<int>() != kEntryFormat || entry.at("key") != key.hex())
      return std::nullopt;
    CachedFile cached;
    cached.skipped = entry.at("skipped").get<std::string>();
    cached.profile = entry.at("profile").get<std::string>();
    cached.profile_reason = entry.at("reason").get<std::string>();
    for (const json& finding : entry.at("findings"))
      cached.findings.push_back(finding_from(finding));
    return cached;
  } catch (const std::exception&) {
    return std::nullopt;  // truncated or foreign bytes: lint the file again
  }
}

void ResultCache::store(const ContentHash& key, const CachedFile& cached) const {
  json findings = json::array();
  for (const Finding& finding : cached.findings) findings.push_back(finding_json(finding));
  const json entry = {{"format", kEntryFormat},          {"key", key.hex()},
                      {"skipped", cached.skipped},       {"profile", cached.profile},
                      {"reason", cached.profile_reason}, {"findings", std::move(findings)}};
  const std::string path = entry_path(key);
  std::error_code error;
  fs::create_directories(fs::path(path).parent_path(), error);
  if (error) {
    warn_once(error.message());
    return;
  }
  mark_directory();
  const std::string temporary = temporary_name(path);
  if (!write_file(temporary, json::to_msgpack(entry)) ||
      std::rename(temporary.c_str(), path.c_str()) != 0) {
    warn_once(std::strerror(errno));
    fs::remove(temporary, error);
  }
}

void ResultCache::warn_once(const std::string& reason) const {
  if (warned_.exchange(true)) return;
  std::cerr << fmt::format(
      "{}: warning: cannot write the result cache ({}); this run's results are not cached "
      "(--cache-dir DIR to use another directory, --no-cache to turn it off)\n",
      directory_, reason);
}

// Tells backup tools (CACHEDIR.TAG) and git (.gitignore) that the directory is disposable.
void ResultCache::mark_directory() const {
  const std::string tag = directory_ + "/CACHEDIR.TAG";
  if (fs::exists(tag)) return;
  std::ofstream(directory_ + "/.gitignore") << "# Created by digestlint.\n*\n";
  std::ofstream(tag) << "Signature: 8a477f597d28d172789f06886806bc55\n"
                        "# This file is a cache directory tag created by digestlint.\n";
}

}  // namespace digestlint
