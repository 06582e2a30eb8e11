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

}  // namespace digestlint
