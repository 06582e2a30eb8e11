#include "model/byte_words.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace digestlint {

TEST_CASE("load_partial packs the first bytes, zeros past them, and reads nothing further") {
  for (std::size_t size = 0; size <= 10; ++size) {
    // Exactly `size` bytes on the heap, so that a read past them is a sanitizer error.
    const auto bytes = std::make_unique<char[]>(size);
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(0xF0 + i);
    std::uint64_t expected = 0;
    for (std::size_t i = 0; i < size && i < 8; ++i) {
      expected |= std::uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * i);
    }
    CAPTURE(size);
    CHECK(byte_words::load_partial(bytes.get(), size) == expected);
  }
}

TEST_CASE("bytes_equal marks exactly the bytes equal to the one asked for, in every position") {
  std::size_t wrong = 0;
  for (unsigned wanted = 0; wanted < 256; ++wanted) {
    for (unsigned byte = 0; byte < 256; ++byte) {
      for (unsigned position = 0; position < 8; ++position) {
        // The other bytes: the wanted one's neighbours and high-bit twin, which a test that
        // carried between bytes or ignored the high bit would mistake for it.
        std::uint64_t word = 0;
        for (unsigned k = 0; k < 8; ++k) {
          const unsigned other = k % 2 == 0 ? (wanted ^ 0x80u) : ((wanted + k) & 0xFFu);
          const unsigned value = k == position ? byte : (other == wanted ? wanted ^ 1u : other);
          word |= std::uint64_t{value} << (8 * k);
        }
        const std::uint64_t expected = byte == wanted ? std::uint64_t{0x80} << (8 * position) : 0;
        wrong += byte_words::bytes_equal(word, static_cast<unsigned char>(wanted)) != expected;
      }
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("AnyOf finds the first byte of its set from any start, in every position of a block") {
  using Set = byte_words::AnyOf<'(', 0x80, 0xFF, 0x00>;
  CHECK(Set::contains('('));
  CHECK(Set::contains(0xFF));
  CHECK_FALSE(Set::contains(')'));
  std::size_t wrong = 0;
  for (const unsigned char wanted : std::array<unsigned char, 4>{'(', 0x80, 0xFF, 0x00}) {
    for (std::size_t size = 0; size <= 40; ++size) {
      for (std::size_t at = 0; at <= size; ++at) {  // at == size: none
        // Bytes next to the wanted ones (and their high-bit twins) elsewhere.
        std::string text(size, static_cast<char>(0x29));
        for (std::size_t k = 0; k < size; k += 3) text[k] = static_cast<char>(k % 2 ? 0x81 : 0x7F);
        if (at < size) text[at] = static_cast<char>(wanted);
        for (std::size_t from = 0; from <= size; ++from) {
          const std::size_t expected = from <= at ? at : size;
          wrong += Set::find(text, from) != expected;
          wrong += Set::find_by_words(text, from) != expected;  // the path without SSE2
        }
      }
    }
  }
  CHECK(wrong == 0);
}

}  // namespace digestlint
