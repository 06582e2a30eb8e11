#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace digestlint {

// splitmix64's finalizer: every bit of x moves about half the bits of the result.
inline std::uint64_t avalanche(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// A 128-bit fingerprint of some byte strings: the name of a cache entry. Not cryptographic; the
// cache guards against accidents (edits, other settings), not against crafted collisions.
struct ContentHash {
  std::uint64_t high = 0;
  std::uint64_t low = 0;

  std::string hex() const;
  bool operator==(const ContentHash&) const = default;
};

// Feeds byte strings one after another; each is length-prefixed, so ("ab", "c") and ("a", "bc")
// hash differently.
class Hasher {
 public:
  Hasher& add(std::string_view bytes);
  Hasher& add(const ContentHash& hash);
  ContentHash finish() const;

 private:
  void mix_word(std::uint64_t word);

  std::uint64_t first_ = 0x243f6a8885a308d3ull;
  std::uint64_t second_ = 0x13198a2e03707344ull;
};

}  // namespace digestlint
