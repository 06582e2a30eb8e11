#include "model/byte_words.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>

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

}  // namespace digestlint
