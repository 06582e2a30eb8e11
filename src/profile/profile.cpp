#include "profile/profile.hpp"

#include <algorithm>

#include "checks/text_util.hpp"

namespace digestlint {

bool Profile::requires_field(std::string_view field) const {
  return std::find(required.begin(), required.end(), field) != required.end();
}

const SectionSpec* Profile::section_named(std::string_view name, bool loosely) const {
  const auto same = [&](std::string_view spelling) {
    return loosely ? checks::normalize(spelling) == checks::normalize(name) : spelling == name;
  };
  for (const SectionSpec& section : sections) {
    if (same(section.name)) return &section;
    for (const std::string& alias : section.aliases) {
      if (same(alias)) return &section;
    }
  }
  return nullptr;
}

const MediaKind* Profile::media_kind(std::string_view url) const {
  for (const MediaKind& kind : media) {
    if (RE2::PartialMatch(url, *kind.url)) return &kind;
  }
  return nullptr;
}

bool Profile::accepts_emphasis(int stars) const {
  return std::find(emphasis.begin(), emphasis.end(), stars) != emphasis.end();
}

bool Profile::is_unknown_vote(std::string_view value) const {
  return std::find(unknown_votes.begin(), unknown_votes.end(), value) != unknown_votes.end();
}

std::vector<std::string> Profile::section_names() const {
  std::vector<std::string> names;
  for (const SectionSpec& section : sections) names.push_back(section.name);
  return names;
}

}  // namespace digestlint
