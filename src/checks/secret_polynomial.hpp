#pragma once
// A hash that a crafted input cannot make collide: a polynomial of the bytes (seven to a
// coefficient, then the length) evaluated modulo the prime 2^61 - 1 at two points drawn at random
// when the hash is made. Two different byte strings of at most n coefficients take the same
// value at no more than n of the 2^61 - 1 points (their difference is a nonzero polynomial of
// degree n at most), so without knowing the points no text can be made to collide with another
// but by chance: at both points, under one in 10^30 for a summary. Fast hashes such as Hasher
// (cache/content_hash.hpp) guard against accidents only: their rounds can be undone, and two
// texts made to collide.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <exception>
#include <random>
#include <string_view>

#include "cache/content_hash.hpp"
#include "model/byte_words.hpp"

namespace digestlint::checks {

// A SecretPolynomial's values at its two points.
struct SecretValue {
  std::uint64_t first = 0, second = 0;
  bool operator==(const SecretValue&) const = default;
};

class SecretPolynomial {
 public:
  using Value = SecretValue;

  SecretPolynomial()
      : points_{point_of(random_seed()), point_of(random_seed())}, squares_{squares_of(points_)} {}
  // Chosen points, for tests.
  SecretPolynomial(std::uint64_t first, std::uint64_t second)
      : points_{point_of(first), point_of(second)}, squares_{squares_of(points_)} {}

  // The value of `bytes` continued from `value` (the value of what came before them). Both points
  // in one pass: the loads are shared, and the two products do not wait for each other.
  Value hash(std::string_view bytes, Value value = {}) const {
    std::uint64_t first = value.first % kPrime, second = value.second % kPrime;
    const auto step = [&](std::uint64_t coefficient) {
      first = add(times(first, points_[0]), coefficient);
      second = add(times(second, points_[1]), coefficient);
    };
    // Two coefficients a step, the same value: (h·x + a)·x + b = h·x² + (a·x + b), where a·x does
    // not wait for h. A step's product waits for the last's, so this halves the chain that
    // bounds the hash's speed (a summary's memo key is its whole text).
    const auto step_two = [&](std::uint64_t a, std::uint64_t b) {
      first = add(times(first, squares_[0]), add(times(a, points_[0]), b));
      second = add(times(second, squares_[1]), add(times(a, points_[1]), b));
    };
    std::size_t at = 0;
    for (; at + 15 <= bytes.size(); at += 14) {
      step_two(byte_words::load(bytes.data() + at) & kSevenBytes,
               byte_words::load(bytes.data() + at + 7) & kSevenBytes);
    }
    for (; at + 8 <= bytes.size(); at += 7) step(byte_words::load(bytes.data() + at) & kSevenBytes);
    if (at < bytes.size()) step(byte_words::load_partial(bytes.data() + at, bytes.size() - at));
    step(bytes.size() % kPrime);  // a trailing NUL changes the value
    return {first, second};
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

  static std::uint64_t point_of(std::uint64_t seed) { return 2 + seed % (kPrime - 3); }
  static std::uint64_t reduce(std::uint64_t value) {
    return value >= kPrime ? value - kPrime : value;
  }
  static std::uint64_t add(std::uint64_t a, std::uint64_t b) { return reduce(a + b); }
  static std::uint64_t times(std::uint64_t value, std::uint64_t point) {
    const unsigned __int128 product = static_cast<unsigned __int128>(value) * point;
    return reduce((static_cast<std::uint64_t>(product) & kPrime) +
                  static_cast<std::uint64_t>(product >> 61));
  }

  static std::array<std::uint64_t, 2> squares_of(const std::array<std::uint64_t, 2>& points) {
    return {times(points[0], points[0]), times(points[1], points[1])};
  }

  std::array<std::uint64_t, 2> points_;
  std::array<std::uint64_t, 2> squares_;  // each point squared
};

// The process's own points, for the values several memos key from: a summary's text is hashed
// once for all of them (StrippedSummary::hash).
inline const SecretPolynomial& process_secret() {
  static const SecretPolynomial secret;
  return secret;
}

}  // namespace digestlint::checks
