#include "cache/content_hash.hpp"

#include <fmt/format.h>

#include <bit>
#include <cstring>

namespace digestlint {
namespace {

std::uint64_t avalanche(std::uint64_t x) {  // splitmix64 finalizer
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
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
  for (; at + 8 <= bytes.size(); at += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + at, 8);
    mix_word(word);
  }
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
