#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "profile/profile.hpp"

namespace digestlint {

// The profiles of the loaded packs, in pack order.
struct ProfileSet {
  std::vector<std::shared_ptr<const Profile>> profiles;

  std::shared_ptr<const Profile> find(std::string_view name) const;
};

// The profile a file is read with, and why; no profile means the file is not a digest and
// the reason says why it was skipped.
struct ProfileChoice {
  std::shared_ptr<const Profile> profile;
  std::string reason;
};

// Detection, in order: a profile whose header matches and whose date range holds the header's
// date; else one whose header and marker match; else the first whose header matches; else, for
// a file without any known header but with `### [Title](url)` headings, the marker's or the
// fallback profile; else none.
ProfileChoice detect_profile(std::string_view text, const ProfileSet& profiles);

}  // namespace digestlint
