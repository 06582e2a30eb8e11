#pragma once
#include <string_view>
#include <vector>

namespace digestlint {

struct EmbeddedFile {
  std::string_view path;  // e.g. "rules/links.yaml", used in loader diagnostics
  std::string_view text;
  std::string_view image;  // a YAML pack's parsed tree (rules/pack_image.hpp); empty for data
};

// The default rule pack, compiled in from rules/*.yaml at build time.
const std::vector<EmbeddedFile>& embedded_rule_packs();

}  // namespace digestlint
