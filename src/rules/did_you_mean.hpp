#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace digestlint {

// " (did you mean 'threshold'?)" when a candidate is a plausible typo of `word`, else "".
// Shared by every "unknown key / rule / option" message so they all help the same way.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace digestlint
