#include "profile/detect.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace digestlint {
namespace {

using ProfilePtr = std::shared_ptr<const Profile>;

// The lines before the first entry heading: where a digest's header is.
std::vector<std::string_view> preamble_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with("### ")) break;
    lines.push_back(line);
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

// The header line a profile's pattern matches, and the date in parentheses on it.
struct HeaderMatch {
  std::string_view line;
  std::string date;
};
std::optional<HeaderMatch> match_header(const std::vector<std::string_view>& lines,
                                        const Profile& profile) {
  static const RE2 parenthesized_date(R"(\(\s*(\d{4}-\d{1,2}-\d{1,2})\s*\))");
  if (!profile.header) return std::nullopt;
  for (const std::string_view line : lines) {
    if (!RE2::PartialMatch(line, *profile.header)) continue;
    std::string date;
    if (profile.header_has_date) RE2::PartialMatch(line, parenthesized_date, &date);
    return HeaderMatch{line, date};
  }
  return std::nullopt;
}

// "2024-9-3" → "2024-09-03", so ISO dates compare as strings.
std::string padded_date(std::string_view date) {
  int year = 0, month = 0, day = 0;
  if (std::sscanf(std::string(date).c_str(), "%d-%d-%d", &year, &month, &day) != 3) return {};
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

bool in_range(const std::string& date, const Profile& profile) {
  if (date.empty() || (profile.from.empty() && profile.until.empty())) return false;
  return (profile.from.empty() || profile.from <= date) &&
         (profile.until.empty() || date <= profile.until);
}

std::string range_of(const Profile& profile) {
  return fmt::format("{}..{}", profile.from.empty() ? "" : profile.from,
                     profile.until.empty() ? "" : profile.until);
}

bool marker_matches(const Profile& profile, std::string_view text) {
  return profile.marker && RE2::PartialMatch(text, *profile.marker);
}

// `### [Title](https://arxiv.org/abs/…)`: a paper entry even without a digest header. A
// CHANGELOG's `### [1.1.0](…/releases/1.1.0)` is not one.
bool has_paper_heading(std::string_view text) {
  static const RE2 paper_heading(R"((?m)^###\s+\[[^\]\n]+\]\(\s*[^)\s]*arxiv\.org/[^)\n]*\))");
  return RE2::PartialMatch(text, paper_heading);
}

std::optional<ProfileChoice> by_marker(const std::vector<ProfilePtr>& candidates,
                                       std::string_view text, std::string_view why) {
  for (const ProfilePtr& profile : candidates) {
    if (marker_matches(*profile, text))
      return ProfileChoice{profile, fmt::format("{}; its marker matched", why)};
  }
  return std::nullopt;
}

ProfileChoice without_header(const ProfileSet& set, std::string_view text) {
  if (!has_paper_heading(text)) {
    return {nullptr, "not a digest: no profile's header and no '### [Title](arXiv link)' heading"};
  }
  if (auto choice = by_marker(set.profiles, text, "no digest header but paper headings"))
    return *choice;
  for (const ProfilePtr& profile : set.profiles) {
    if (profile->fallback)
      return {profile, "no digest header but paper headings; the fallback profile"};
  }
  return {nullptr, "not a digest: no profile's header matched and no profile is the fallback"};
}

}  // namespace

std::shared_ptr<const Profile> ProfileSet::find(std::string_view name) const {
  for (const ProfilePtr& profile : profiles) {
    if (profile->name == name) return profile;
  }
  return nullptr;
}

ProfileChoice detect_profile(std::string_view text, const ProfileSet& set) {
  const std::vector<std::string_view> lines = preamble_lines(text);
  std::vector<ProfilePtr> headed;
  std::string date;
  for (const ProfilePtr& profile : set.profiles) {
    const std::optional<HeaderMatch> header = match_header(lines, *profile);
    if (!header) continue;
    headed.push_back(profile);
    const std::string padded = padded_date(header->date);
    if (in_range(padded, *profile)) {
      return {profile, fmt::format("header date {} is in {}", padded, range_of(*profile))};
    }
    if (date.empty()) date = padded;
  }
  if (headed.empty()) return without_header(set, text);
  const std::string why = date.empty()
                              ? std::string("header without a usable date")
                              : fmt::format("header date {} is in no profile's range", date);
  if (auto choice = by_marker(headed, text, why)) return *choice;
  return {headed.front(), fmt::format("{}; the first profile with this header", why)};
}

}  // namespace digestlint
