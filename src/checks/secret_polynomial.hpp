#pragma once
// A hash that a crafted input cannot make collide: a polynomial of the bytes (seven to a
// coefficient, then the length) evaluated modulo the prime 2^61 - 1 at a point drawn at random
// when the hash is made. Two different byte strings of at most n coefficients take the same
// value at no more than n of the 2^61 - 1 points (their difference is a nonzero polynomial of
// degree n at most), so without knowing the point no text can be made to collide with another
// but by chance: under one in 10^15 for a summary. Fast hashes such as Hasher
// (cache/content_hash.hpp) guard against accidents only: their rounds can be undone, and two
// texts made to collide.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <random>
#include <string_view>

#include "cache/content_hash.hpp"
#include "model/byte_words.hpp"

namespace digestlint::checks {

class SecretPolynomial {
 public:
  SecretPolynomial() : point_(2 + random_seed() % (kPrime - 3)) {}
  // A chosen point, for tests.
  explicit SecretPolynomial(std::uint64_t point) : point_(2 + point % (kPrime - 3)) {}

  // The value of `bytes` continued from `value` (the value of what came before them).
  std::uint64_t hash(std::string_view bytes, std::uint64_t value = 0) const {
    value %= kPrime;
    std::size_t at = 0;
    for (; at + 8 <= bytes.size(); at += 7) {
      value = add(times_point(value), byte_words::load(bytes.data() + at) & kSevenBytes);
    }
    if (at < bytes.size()) {
      value =
          add(times_point(value), byte_words::load_partial(bytes.data() + at, bytes.size() - at));
    }
    return add(times_point(value), bytes.size() % kPrime);  // a trailing NUL changes the value
  }

 private:
  static constexpr std::uint64_t kPrime = (std::uint64_t{1} << 61) - 1;
  static constexpr std::uint64_t kSevenBytes = (std::uint64_t{1} << 56) - 1;

  static std::uint64_t random_seed() {
    std::uint64_t seed = 0;
    try {
      std::random_device device;
      seed = std::uint64_t{device()} << 32 | device();
    } catch (const std::exception&) {  // no entropy source: the clock, at least
      seed =
          static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    }
    return avalanche(seed);  // the clock's low bits alone would leave most points unused
  }

  static std::uint64_t reduce(std::uint64_t value) {
    return value >= kPrime ? value - kPrime : value;
  }
  static std::uint64_t add(std::uint64_t a, std::uint64_t b) { return reduce(a + b); }
  std::uint64_t times_point(std::uint64_t value) const {
    const unsigned __int128 product = static_cast<unsigned __int128>(value) * point_;
    return reduce((static_cast<std::uint64_t>(product) & kPrime) +
                  static_cast<std::uint64_t>(product >> 61));
  }

  std::uint64_t point_;
};

}  // namespace digestlint::checks
