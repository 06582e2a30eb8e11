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

// The file's bytes for a text rewritten from the source's: its byte order mark back, and its line
// breaks written as lone CRs when every one of the source's was.
std::string file_bytes(const SourceFile& source, std::string text) {
  if (source.breaks_lines_with_lone_crs_only()) std::replace(text.begin(), text.end(), '\n', '\r');
  return source.has_bom() ? std::string(kByteOrderMark) + text : text;
}

}  // namespace

int apply_fixes(std::string& text, const std::vector<Finding>& findings, const FixOptions& options,
                std::vector<std::string>* applied_rules) {
  std::vector<const Finding*> fixes;
  for (const Finding& finding : findings) {
    if (finding.fix && (finding.fix->safe || options.unsafe) &&
        finding.fix->span.end <= text.size()) {
      fixes.push_back(&finding);
    }
  }
  std::sort(fixes.begin(), fixes.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->fix->span.begin, a->fix->span.end) <
           std::tie(b->fix->span.begin, b->fix->span.end);
  });
  std::vector<const Fix*> chosen;
  for (const Finding* finding : fixes) {
    const Fix* fix = &*finding->fix;
    const bool overlaps = !chosen.empty() && fix->span.begin < chosen.back()->span.end;
    const bool duplicate = !chosen.empty() && fix->span == chosen.back()->span;
    if (overlaps || duplicate) continue;
    chosen.push_back(fix);
    if (applied_rules) applied_rules->push_back(finding->rule_id);
  }
  // One pass from the start into a new text: replacing in place would move the rest of the text
  // for every fix, quadratic in a file with a fix on each of its lines.
  std::string fixed;
  fixed.reserve(text.size());
  std::size_t copied = 0;
  for (const Fix* fix : chosen) {
    fixed.append(text, copied, fix->span.begin - copied);
    fixed += fix->replacement;
    copied = fix->span.end;
  }
  fixed.append(text, copied);
  text = std::move(fixed);
  return static_cast<int>(chosen.size());
}

FixOutcome fix_until_stable(const Engine& engine, const SourceFile& source,
                            const FixOptions& options) {
  FixOutcome outcome;
  std::string text(source.text());
  outcome.settled = false;
  for (int round = 0; round < options.max_iterations; ++round) {
    const auto current =
        std::make_shared<const SourceFile>(source.path(), file_bytes(source, text));
    outcome.unsettled_rules.clear();
    const int applied =
        apply_fixes(text, engine.lint(current).findings, options, &outcome.unsettled_rules);
    if (applied == 0) {
      outcome.settled = true;
      break;
    }
    outcome.applied += applied;
  }
  std::sort(outcome.unsettled_rules.begin(), outcome.unsettled_rules.end());
  outcome.unsettled_rules.erase(
      std::unique(outcome.unsettled_rules.begin(), outcome.unsettled_rules.end()),
      outcome.unsettled_rules.end());
  outcome.bytes = file_bytes(source, text);
  return outcome;
}

namespace {

// Rewrites the file through its own inode: owner, mode and hard links stay as they are.
std::string write_in_place(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.flush();
  return out ? "" : "cannot write the file";
}

}  // namespace

std::string write_atomically(const std::string& link_or_path, const std::string& bytes) {
  // Fixing a symlinked digest fixes the file it points to and keeps the link.
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::canonical(link_or_path, error);
  const std::string path = error ? link_or_path : resolved.string();
  struct stat info {};
  const bool exists = stat(path.c_str(), &info) == 0;
  // Nobody may write it: the owner meant it to stay as it is (root could, so ask the bits).
  if (exists && (info.st_mode & 0222) == 0) return "the file is read-only";
  // A rename would split hard links and give the file our owner: write in place instead.
  if (exists && (info.st_nlink > 1 || info.st_uid != geteuid() || info.st_gid != getegid()))
    return write_in_place(path, bytes);
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
  if (exists) chmod(temporary.c_str(), info.st_mode & 07777);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return "cannot replace the file";
  }
  return "";
}

}  // namespace digestlint
