#include "model/source.hpp"

#include <doctest/doctest.h>

#include <string>

namespace digestlint {
namespace {

TEST_CASE("positions on a long line count UTF-16 units as on a short one") {
  std::string line;
  for (int i = 0; i < 400; ++i) line += i % 7 == 0 ? "😀a" : "가b";  // 2- and 1-unit characters
  const SourceFile source("long.md", "# t\n" + line + "\nend\n");
  const std::size_t start = 4;
  for (std::size_t offset = start; offset <= start + line.size(); offset += 37) {
    const Position position = source.position(offset);
    CHECK(position.line == 2);
    CHECK(position.byte_column == static_cast<int>(offset - start) + 1);
    CHECK(position.utf16_column == utf16_length(line.substr(0, offset - start)) + 1);
  }
  CHECK(source.position(start + line.size() + 1).line == 3);
  CHECK(source.position(start + line.size() + 2).utf16_column == 2);
}

TEST_CASE("positions on a long line with invalid bytes count each replaced byte as one unit") {
  std::string line;
  for (int i = 0; i < 300; ++i) line += i % 5 == 0 ? "\xF0\x9F\xE2x" : "😀가\xFFz";
  const SourceFile source("invalid.md", line + "\n");
  REQUIRE(!source.encoding_errors().empty());
  const std::string_view text = source.text();
  for (std::size_t offset = 0; offset < text.size(); offset += 29) {
    if ((static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) continue;  // in a code point
    CHECK(source.position(offset).utf16_column == utf16_length(text.substr(0, offset)) + 1);
  }
}

}  // namespace
}  // namespace digestlint
