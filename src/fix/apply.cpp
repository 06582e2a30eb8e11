#include "fix/apply.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace digestlint {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string file_bytes(const SourceFile& source, const std::string& text) {
  return source.has_bom() ? std::string(kBom) + text : text;
}

}  // namespace

int apply_fixes(std::string& text, const std::vector<Finding>& findings,
                const FixOptions& options) {
  std::vector<const Fix*> fixes;
  for (const Finding& finding : findings) {
    if (finding.fix && (finding.fix->safe || options.unsafe) &&
        finding.fix->span.end <= text.size()) {
      fixes.push_back(&*finding.fix);
    }
  }
  std::sort(fixes.begin(), fixes.end(), [](const Fix* a, const Fix* b) {
    return std::tie(a->span.begin, a->span.end) < std::tie(b->span.begin, b->span.end);
  });
  std::vector<const Fix*> chosen;
  for (const Fix* fix : fixes) {
    const bool overlaps = !chosen.empty() && fix->span.begin < chosen.back()->span.end;
    const bool duplicate = !chosen.empty() && fix->span == chosen.back()->span;
    if (!overlaps && !duplicate) chosen.push_back(fix);
  }
  // Apply from the end so earlier offsets stay valid.
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
    text.replace((*it)->span.begin, (*it)->span.size(), (*it)->replacement);
  }
  return static_cast<int>(chosen.size());
}

FixOutcome fix_until_stable(const Engine& engine, const SourceFile& source,
                            const FixOptions& options) {
  FixOutcome outcome;
  std::string text(source.text());
  for (int round = 0; round < options.max_iterations; ++round) {
    const auto current =
        std::make_shared<const SourceFile>(source.path(), file_bytes(source, text));
    const int applied = apply_fixes(text, engine.lint(current).findings, options);
    if (applied == 0) break;
    outcome.applied += applied;
  }
  outcome.bytes = file_bytes(source, text);
  return outcome;
}

std::string write_atomically(const std::string& link_or_path, const std::string& bytes) {
  // Fixing a symlinked digest fixes the file it points to and keeps the link.
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::canonical(link_or_path, error);
  const std::string path = error ? link_or_path : resolved.string();
  const std::string temporary = fmt::format("{}.digestlint-{}.tmp", path, getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      return "cannot write a temporary file beside it";
    }
  }
  struct stat info {};
  if (stat(path.c_str(), &info) == 0) chmod(temporary.c_str(), info.st_mode & 07777);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return "cannot replace the file";
  }
  return "";
}

}  // namespace digestlint
