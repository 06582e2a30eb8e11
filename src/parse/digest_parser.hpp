#pragma once
#include <memory>

#include "model/digest.hpp"

namespace digestlint {

// Builds the digest model from a file. cmark-gfm finds the block structure (so code blocks and
// HTML never pass for entries); each block's lines are then read directly from the source so
// every field keeps its exact byte span. The profile says how the format spells each part (see
// rules/profiles.yaml); the digest keeps it. Markdown that is not a digest yields an empty model.
Digest parse_digest(const SourceFile& source, std::shared_ptr<const Profile> profile);

}  // namespace digestlint
