#include "rules/did_you_mean.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/text.hpp"

namespace digestlint {

namespace {

std::size_t common_suffix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
  return n;
}

}  // namespace

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  // A third of the word may be wrong ("treshold", "low-grouding"), at least two letters.
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    // On a tie the candidate that ends like the word wins: "disable-line" meant
    // "disable-next-line", not "disable".
    const bool better =
        distance < best_distance || (best && distance == best_distance &&
                                     common_suffix(word, candidate) > common_suffix(word, *best));
    if (better && candidate != word) {
      best = &candidate;
      best_distance = distance;
    }
  }
  return best ? fmt::format(" (did you mean '{}'?)", *best) : std::string();
}

}  // namespace digestlint
