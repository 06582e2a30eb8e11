#include "model/source.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "random_pieces.hpp"

using digestlint::testing::random_pieces;

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

TEST_CASE("a position counts the UTF-16 units of its line's prefix at every offset") {
  // Word-sized runs and characters of one to four bytes, invalid bytes (replaced when read), lines
  // long enough for checkpoints; offsets inside a code point count its cut bytes one unit each,
  // as utf16_length does.
  const std::vector<std::string> pieces = {"a",
                                           "abcdefghij",
                                           "가",
                                           "😀",
                                           "é",
                                           "\xFF",
                                           "\n",
                                           std::string(700, 'x'),
                                           std::string(300, '\xEA')};
  std::mt19937 engine(5);
  for (int round = 0; round < 200; ++round) {
    const SourceFile source("r.md", random_pieces(engine, pieces, 16));
    const std::string_view text = source.text();
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
      const Position position = source.position(offset);
      const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
      const std::size_t start =
          offset == 0 || line_start == std::string_view::npos ? 0 : line_start + 1;
      CAPTURE(offset);
      REQUIRE(position.utf16_column == utf16_length(text.substr(start, offset - start)) + 1);
    }
  }
}

TEST_CASE("utf16_length counts ASCII words as decoding one code point at a time would") {
  // ASCII runs of every length around the eight-byte step, between characters of one, two and
  // four bytes and invalid bytes (one unit each).
  const std::vector<std::string> pieces = {"a", "abcdefg", "abcdefghij", "가",      "😀",
                                           "é", "\xFF",    "\x80",       "\xF0\x9F"};
  const auto decoded = [](std::string_view text) {
    int units = 0;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t length = 0;
      units += decode_utf8(text, i, length) >= 0x10000 ? 2 : 1;
      i += length;
    }
    return units;
  };
  std::mt19937 engine(11);
  for (int round = 0; round < 2000; ++round) {
    const std::string text = random_pieces(engine, pieces, 12);
    CAPTURE(text);
    REQUIRE(utf16_length(text) == decoded(text));
  }
}

TEST_CASE("validation sixteen bytes at a time agrees with decoding one sequence at a time") {
  // Pieces that pass a block whole and pieces that stop it: Hangul under and over U+D000 (lead
  // ED), a surrogate (ED A0 80), E0 sequences valid and overlong, two- and four-byte sequences,
  // stray continuation and lead bytes; at every alignment, runs long enough to fill blocks.
  const std::vector<std::string> pieces = {"가",
                                           "한",
                                           "힣",
                                           "\xED\xA0\x80",
                                           "\xE0\xA0\x80",
                                           "\xE0\x80\x80",
                                           "é",
                                           "😀",
                                           "a",
                                           " ",
                                           "\x80",
                                           "\xEA",
                                           "\xEA\xB0",
                                           "\xF4\x90\x80\x80",
                                           "\xEE\x80\x80",
                                           "\xEF\xBF\xBF"};
  std::mt19937 engine(99);
  for (int round = 0; round < 3000; ++round) {
    std::string bytes;
    for (std::size_t k = engine() % 40; k > 0; --k) {
      // Mostly Hangul and spaces, as in a digest, so that blocks pass.
      const std::size_t choice =
          engine() % 8 < 5 ? engine() % 2 == 0 ? 1 : 9 : engine() % pieces.size();
      bytes += pieces[choice];
    }
    std::string expected = bytes;
    std::vector<std::size_t> bad;
    for (std::size_t i = 0; i < bytes.size();) {
      std::size_t length = 0;
      if (decode_utf8_sequence(bytes, i, length) == 0xFFFD && bytes.compare(i, 3, "\xEF\xBF\xBD")) {
        bad.push_back(i);
        expected[i] = '?';
      }
      i += length;
    }
    const SourceFile source("random.md", bytes);
    CAPTURE(bytes);
    CHECK(source.text() == expected);
    std::vector<std::size_t> reported;
    for (const EncodingError& error : source.encoding_errors()) {
      for (std::size_t k = 0; k < error.length; ++k) reported.push_back(error.offset + k);
    }
    CHECK(reported == bad);
    CHECK(source.bytes() == bytes);  // the invalid bytes put back where they were
  }
}

TEST_CASE("bytes() gives back the byte order mark and the invalid bytes as read") {
  const std::string read = "\xEF\xBB\xBF## Daily\n\xC3\x28\xFF 조석\n\x80";
  const SourceFile source("d.md", read);
  REQUIRE(source.has_bom());
  CHECK(source.text() == "## Daily\n?(? 조석\n?");
  CHECK(source.bytes() == read);
  CHECK(SourceFile("valid.md", "\xEF\xBB\xBFok").bytes() == "\xEF\xBB\xBFok");
}

TEST_CASE("a lone CR breaks a line as LF and CRLF do, and bytes() gives it back") {
  const std::string read = "\xEF\xBB\xBF## Daily\r### [A](u)\r\nVote: 1\r\r\nx\r";
  const SourceFile source("d.md", read);
  CHECK(source.text() == "## Daily\n### [A](u)\r\nVote: 1\n\r\nx\n");
  CHECK(source.lone_carriage_returns() == std::vector<std::size_t>{8, 28, 32});
  CHECK(source.line_count() == 6);
  CHECK(source.line_text(2) == "### [A](u)");
  CHECK(source.line_text(3) == "Vote: 1");
  CHECK(source.line_text(4).empty());
  CHECK(source.position(source.text().find("Vote")).line == 3);
  CHECK(source.bytes() == read);
  const SourceFile known("d.md", read, SourceFile::KnownValid{});
  CHECK(known.text() == source.text());
  CHECK(known.bytes() == read);
  CHECK_FALSE(source.breaks_lines_with_lone_crs_only());  // CRLF too
  CHECK(SourceFile("mac.md", "## Daily\r\rx\r").breaks_lines_with_lone_crs_only());
  CHECK(SourceFile("mac.md", "## Daily\rx").breaks_lines_with_lone_crs_only());
  CHECK_FALSE(SourceFile("lf.md", "## Daily\nx").breaks_lines_with_lone_crs_only());
  CHECK_FALSE(SourceFile("one.md", "## Daily").breaks_lines_with_lone_crs_only());
}

TEST_CASE("decode_utf8's inline three-byte path agrees with decoding the sequence in full") {
  // Every lead byte E0-EF with continuation bytes at the edges of their ranges (overlong E0,
  // surrogates under ED, the last of EF), cut short, or followed by a non-continuation byte.
  const std::vector<unsigned char> seconds = {0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0};
  for (unsigned lead = 0xE0; lead <= 0xEF; ++lead) {
    for (const unsigned char second : seconds) {
      for (const unsigned char third : seconds) {
        const std::string bytes{static_cast<char>(lead), static_cast<char>(second),
                                static_cast<char>(third)};
        for (std::size_t size = 1; size <= 3; ++size) {
          const std::string_view text(bytes.data(), size);
          std::size_t fast = 0, full = 0;
          CAPTURE(bytes);
          CAPTURE(size);
          CHECK(decode_utf8(text, 0, fast) == decode_utf8_sequence(text, 0, full));
          CHECK(fast == full);
        }
      }
    }
  }
}

}  // namespace
}  // namespace digestlint
