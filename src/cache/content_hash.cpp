#include "cache/content_hash.hpp"

#include <fmt/format.h>

#include <bit>
#include <cstring>

namespace digestlint {
namespace {

constexpr std::uint64_t kPrime1 = 0x9e3779b185ebca87ull;  // xxHash64's
constexpr std::uint64_t kPrime2 = 0xc2b2ae3d27d4eb4full;

std::uint64_t load_word(const char* bytes) {
  std::uint64_t word;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

// One of four independent lanes over 32-byte blocks (xxHash64's round): a file's bytes no longer
// go through one serial chain of multiplications, which made hashing a warm run's files (twice
// each) 6% of it.
std::uint64_t lane_round(std::uint64_t lane, std::uint64_t word) {
  return std::rotl(lane + word * kPrime2, 31) * kPrime1;
}

}  // namespace

std::string ContentHash::hex() const {
  return fmt::format("{:016x}{:016x}", high, low);
}

// Two lanes with different mixing, so the 128 bits are not one 64-bit state written twice.
void Hasher::mix_word(std::uint64_t word) {
  first_ = avalanche(first_ ^ word) + 0x9e3779b97f4a7c15ull;
  second_ = std::rotl(second_ + word * 0xc2b2ae3d27d4eb4full, 31) * 0x9e3779b185ebca87ull;
}

Hasher& Hasher::add(std::string_view bytes) {
  mix_word(bytes.size());
  std::size_t at = 0;
  if (bytes.size() >= 32) {
    std::uint64_t lanes[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
    for (; at + 32 <= bytes.size(); at += 32) {
      for (std::size_t k = 0; k < 4; ++k)
        lanes[k] = lane_round(lanes[k], load_word(bytes.data() + at + 8 * k));
    }
    for (const std::uint64_t lane : lanes) mix_word(lane);
  }
  for (; at + 8 <= bytes.size(); at += 8) mix_word(load_word(bytes.data() + at));
  if (at < bytes.size()) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes.data() + at, bytes.size() - at);
    mix_word(tail);
  }
  return *this;
}

Hasher& Hasher::add(const ContentHash& hash) {
  mix_word(hash.high);
  mix_word(hash.low);
  return *this;
}

ContentHash Hasher::finish() const {
  return {avalanche(first_ ^ std::rotl(second_, 17)), avalanche(second_ + first_)};
}

}  // namespace digestlint
