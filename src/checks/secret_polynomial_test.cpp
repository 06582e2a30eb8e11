#include "checks/secret_polynomial.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cstring>
#include <string>

#include "cache/content_hash.hpp"

using namespace digestlint;
using checks::SecretPolynomial;

namespace {

// Two different 64-byte strings that Hasher maps to one value: the second's last 32 bytes undo
// its first 32 bytes' difference, lane by lane (xxHash64's round, as cache/content_hash.cpp
// runs it, can be solved for the word that takes a lane to any value).
std::pair<std::string, std::string> hasher_collision() {
  constexpr std::uint64_t kPrime1 = 0x9e3779b185ebca87ull, kPrime2 = 0xc2b2ae3d27d4eb4full;
  const auto inverse = [](std::uint64_t odd) {  // modulo 2^64, by Newton's iteration
    std::uint64_t x = odd;
    for (int i = 0; i < 5; ++i) x *= 2 - odd * x;
    return x;
  };
  const auto round = [&](std::uint64_t lane, std::uint64_t word) {
    return std::rotl(lane + word * kPrime2, 31) * kPrime1;
  };
  const auto word_taking = [&](std::uint64_t lane, std::uint64_t to) {
    return (std::rotr(to * inverse(kPrime1), 31) - lane) * inverse(kPrime2);
  };
  const std::uint64_t start[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
  std::string a(64, 'a'), b(64, 'b');
  for (std::size_t k = 0; k < 4; ++k) {
    std::uint64_t a1, a2, b1;
    std::memcpy(&a1, a.data() + 8 * k, 8);
    std::memcpy(&a2, a.data() + 32 + 8 * k, 8);
    std::memcpy(&b1, b.data() + 8 * k, 8);
    const std::uint64_t b2 = word_taking(round(start[k], b1), round(round(start[k], a1), a2));
    std::memcpy(b.data() + 32 + 8 * k, &b2, 8);
  }
  return {a, b};
}

}  // namespace

TEST_CASE("the secret polynomial tells apart what a crafted input makes Hasher confuse") {
  const auto [a, b] = hasher_collision();
  REQUIRE(a != b);
  // If this fails, Hasher's rounds changed and hasher_collision() must follow them.
  REQUIRE(Hasher().add(a).finish() == Hasher().add(b).finish());
  const SecretPolynomial secret;
  CHECK(secret.hash(a) != secret.hash(b));
}

TEST_CASE("the secret polynomial tells apart boundaries, trailing zeros and lengths") {
  const SecretPolynomial secret(12345, 67890);
  CHECK(secret.hash("abc") == secret.hash("abc"));
  CHECK(secret.hash("c", secret.hash("ab")) != secret.hash("bc", secret.hash("a")));
  CHECK(secret.hash(std::string("abc\0", 4)) != secret.hash("abc"));
  CHECK(secret.hash(std::string(7, '\0')) != secret.hash(std::string(14, '\0')));
  CHECK(secret.hash("") != secret.hash(std::string(1, '\0')));
  // Seven bytes to a coefficient: texts that differ only in their 8th, 15th or last byte.
  const std::string text = "0123456789abcdefghijklmnopqrstuvwxyz";
  for (const std::size_t at : {std::size_t{7}, std::size_t{14}, text.size() - 1}) {
    std::string other = text;
    other[at] = '#';
    CHECK(secret.hash(other) != secret.hash(text));
  }
}

TEST_CASE("two secret polynomials evaluate at different points, each at two") {
  const SecretPolynomial one, other;
  CHECK(one.hash("a summary") != other.hash("a summary"));  // equal once in 2^122
  const auto value = one.hash("a summary");
  CHECK(value.first != value.second);  // equal once in 2^61
}

TEST_CASE("a secret polynomial's two values are those of one point each") {
  // With the same point twice, both values are one polynomial's; with another second point, the
  // first value stays.
  const SecretPolynomial same(12345, 12345), other(12345, 67890);
  const auto a = same.hash("some text, longer than a coefficient");
  const auto b = other.hash("some text, longer than a coefficient");
  CHECK(a.first == a.second);
  CHECK(b.first == a.first);
  CHECK(b.second != a.second);
}

TEST_CASE("a secret polynomial is the polynomial of its seven-byte coefficients and the length") {
  // Horner's rule one coefficient at a time, in 128-bit arithmetic, against the hash's two at a
  // time: every length around the loops' bounds, with a value to continue from.
  constexpr std::uint64_t kPrime = (std::uint64_t{1} << 61) - 1;
  const auto reference = [&](std::string_view bytes, std::uint64_t point, std::uint64_t start) {
    unsigned __int128 value = start % kPrime;
    const auto step = [&](std::uint64_t coefficient) {
      value = (value * point + coefficient) % kPrime;
    };
    std::size_t at = 0;
    for (; at + 8 <= bytes.size(); at += 7) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes.data() + at, 7);
      step(word);
    }
    if (at < bytes.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes.data() + at, bytes.size() - at);
      step(word);
    }
    step(bytes.size() % kPrime);
    return static_cast<std::uint64_t>(value);
  };
  // point_of(seed) is 2 + seed % (2^61 - 4): these are the points 12,347 and 2^61 - 3.
  const SecretPolynomial secret(12345, kPrime - 5);
  std::string text;
  for (std::size_t size = 0; size <= 64; ++size) {
    const auto value = secret.hash(text, {size * 1000003, kPrime + size});
    CAPTURE(size);
    CHECK(value.first == reference(text, 12347, size * 1000003));
    CHECK(value.second == reference(text, kPrime - 3, kPrime + size));
    text += static_cast<char>(0xF0 - 7 * size);  // bytes with the high bit set and not
  }
}
