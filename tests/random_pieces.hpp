#pragma once
// For randomized unit tests that hold a fast path to a plain one: texts made of pieces chosen to
// reach the fast path's edges (word boundaries, multi-byte sequences, invalid bytes).
#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace digestlint::testing {

// Fewer than `most` pieces (none too) drawn at random from `pieces`, one after another.
inline std::string random_pieces(std::mt19937& engine, const std::vector<std::string>& pieces,
                                 std::size_t most) {
  std::string text;
  for (std::size_t k = engine() % most; k > 0; --k) text += pieces[engine() % pieces.size()];
  return text;
}

}  // namespace digestlint::testing
