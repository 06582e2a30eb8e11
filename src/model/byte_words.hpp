#pragma once
// Reading text eight bytes at a time (sixteen for AnyOf). Digests are mostly Hangul, whose bytes
// are all above 0x7F, and otherwise ASCII: a test on a whole word settles most of them without a
// look at each byte.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace digestlint::byte_words {

// A word's first byte is its lowest (load, load_partial, and the byte masks below).
static_assert(std::endian::native == std::endian::little);

inline constexpr std::uint64_t kEveryByte = 0x0101010101010101ull;
inline constexpr std::uint64_t kHighBits = 0x80 * kEveryByte;

// The eight bytes at `at`, the first in the lowest byte (little-endian, as on x86-64).
inline std::uint64_t load(const char* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// The first min(size, 8) bytes at `at` as a word, the first in the lowest byte and zeros past
// them, read by loads of a fixed size (two of four overlap for four to seven bytes): a copy of a
// variable size is a call to memcpy. Reads no byte past them.
inline std::uint64_t load_partial(const char* at, std::size_t size) {
  if (size >= 8) return load(at);
  if (size >= 4) {
    std::uint32_t low = 0, high = 0;
    std::memcpy(&low, at, sizeof low);
    std::memcpy(&high, at + size - 4, sizeof high);
    return std::uint64_t{low} | std::uint64_t{high} << (8 * (size - 4));
  }
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < size; ++i) {
    word |= std::uint64_t{static_cast<unsigned char>(at[i])} << (8 * i);
  }
  return word;
}

// The high bit of each byte of `word` that is an ASCII byte in [low, high]. Exact: the sums on
// seven-bit values cannot carry into the next byte.
inline std::uint64_t ascii_in_range(std::uint64_t word, unsigned char low, unsigned char high) {
  const std::uint64_t seven_bits = word & ~kHighBits;
  const std::uint64_t at_least_low = seven_bits + (0x80 - low) * kEveryByte;
  const std::uint64_t above_high = seven_bits + (0x80 - high - 1) * kEveryByte;
  return at_least_low & ~above_high & ~word & kHighBits;
}

// The high bit of each byte of `word` equal to `byte`. Exact: the sum on seven-bit values cannot
// carry into the next byte, and a byte whose high bit differs is never counted.
inline std::uint64_t bytes_equal(std::uint64_t word, unsigned char byte) {
  const std::uint64_t differs = word ^ (byte * kEveryByte);
  return ~(((differs & ~kHighBits) + ~kHighBits) | differs) & kHighBits;
}

// A few kinds of bytes a scanner stops at (brackets, say), found sixteen bytes a step where SSE2
// is (every x86-64), eight a step elsewhere (find_by_words).
template <unsigned char... Bytes>
struct AnyOf {
  static constexpr bool contains(unsigned char byte) { return ((byte == Bytes) || ...); }

  // The first byte of the set at or after `from`, or text.size().
  static std::size_t find(std::string_view text, std::size_t from) {
#if defined(__SSE2__)
    while (from + 16 <= text.size()) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
      __m128i hits = _mm_setzero_si128();
      ((hits = _mm_or_si128(hits, _mm_cmpeq_epi8(block, _mm_set1_epi8(static_cast<char>(Bytes))))),
       ...);
      if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hits)); mask != 0) {
        return from + static_cast<std::size_t>(std::countr_zero(mask));
      }
      from += 16;
    }
#endif
    return find_by_words(text, from);
  }

  // find() a word of eight bytes at a time, without SSE2 (and for its tail).
  static std::size_t find_by_words(std::string_view text, std::size_t from) {
    while (from + 8 <= text.size()) {
      const std::uint64_t word = load(text.data() + from);
      if (const std::uint64_t marked = (bytes_equal(word, Bytes) | ...); marked != 0) {
        return from + static_cast<std::size_t>(std::countr_zero(marked)) / 8;
      }
      from += 8;
    }
    for (; from < text.size(); ++from) {
      if (contains(static_cast<unsigned char>(text[from]))) return from;
    }
    return text.size();
  }
};

// The high bit of each byte of `word` that continues a UTF-8 sequence (10xxxxxx).
inline std::uint64_t continuation_bytes(std::uint64_t word) {
  return word & ~(word << 1) & kHighBits;
}

// The high bits of `high_bits` (a word with at most each byte's high bit set) packed into the
// low byte, bit k for byte k: the multiplication moves each to its place, without a carry.
inline unsigned pack_high_bits(std::uint64_t high_bits) {
  return static_cast<unsigned>(((high_bits >> 7) * 0x0102040810204080ull) >> 56);
}

// How many bytes of `high_bits` (a word with at most each byte's high bit set) have it: summed by a
// multiplication, since std::popcount is a library call on x86-64 before POPCNT (x86-64-v2).
inline int count_high_bits(std::uint64_t high_bits) {
  return static_cast<int>(((high_bits >> 7) * kEveryByte) >> 56);
}

}  // namespace digestlint::byte_words
