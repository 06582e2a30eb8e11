#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "online/cache.hpp"

namespace digestlint::online {

// The records of an arXiv API Atom feed by base id (no version): <entry><id>…/abs/ID vN</id>,
// <title>, <author><name>. nullopt when the feed is not Atom XML at all. Error entries (the
// API's answer to a malformed id) are skipped, so their ids read as not found.
std::optional<std::map<std::string, ArxivRecord>> parse_arxiv_feed(std::string_view xml);

// 2409.18869v2 → 2409.18869; hep-th/9901001v1 → hep-th/9901001.
std::string strip_version(std::string_view id);

}  // namespace digestlint::online
