#include "model/text.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "random_pieces.hpp"

using digestlint::testing::random_pieces;

namespace digestlint {

TEST_CASE("trim drops ASCII whitespace at both ends only") {
  CHECK(trim(" \t a b \r\n") == "a b");
  CHECK(trim("   ").empty());
  CHECK(trim("\xC2\xA0x") == "\xC2\xA0x");  // NBSP is not ASCII whitespace
}

TEST_CASE("collapse_whitespace folds runs and trims") {
  CHECK(collapse_whitespace("  A\n    wrapped\ttitle \f") == "A wrapped title");
  CHECK(collapse_whitespace("").empty());
}

TEST_CASE("code_point_count counts UTF-8 sequences, not bytes") {
  CHECK(code_point_count("abc") == 3);
  CHECK(code_point_count("생성") == 2);
  CHECK(code_point_count("") == 0);
}

TEST_CASE("code_point_count eight bytes at a time agrees with counting byte by byte") {
  // Long enough for whole words, at every alignment and tail length, with one-, two-, three- and
  // four-byte sequences and stray continuation bytes.
  const std::vector<std::string> pieces = {"a", "é", "한", "😀", "\x80", "\xBF", " "};
  std::mt19937 engine(7);
  for (int round = 0; round < 2000; ++round) {
    const std::string text = random_pieces(engine, pieces, 30);
    std::size_t expected = 0;
    for (const char c : text) expected += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    CAPTURE(text);
    CHECK(code_point_count(text) == expected);
  }
}

TEST_CASE("edit_distance counts code points") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("정밀도", "정밀") == 1);  // one Hangul syllable, three bytes
  CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("a line ends at LF, CRLF or a lone CR") {
  constexpr std::string_view kText = "a\nb\r\nc\rd\r";
  CHECK(next_line_break(kText, 0) == std::pair<std::size_t, std::size_t>{1, 2});
  CHECK(next_line_break(kText, 2) == std::pair<std::size_t, std::size_t>{3, 5});
  CHECK(next_line_break(kText, 5) == std::pair<std::size_t, std::size_t>{6, 7});
  CHECK(next_line_break(kText, 7) == std::pair<std::size_t, std::size_t>{8, 9});  // at the end
  CHECK(next_line_break(kText, 9).first == std::string_view::npos);
  CHECK_FALSE(is_lone_carriage_return(kText, 3));
  CHECK(is_lone_carriage_return(kText, 6));
  CHECK(is_lone_carriage_return(kText, 8));
  CHECK(line_start_of(kText, 0).line == 0);
  CHECK(line_start_of(kText, 1).line == 0);  // on the line break: still the line it ends
  CHECK(line_start_of(kText, 4).line == 1);  // the LF of a CRLF
  CHECK(line_start_of(kText, 5).line == 2);
  CHECK(line_start_of(kText, 5).start == 5);
  CHECK(line_start_of(kText, 7).line == 3);
  CHECK(line_start_of(kText, 9).line == 4);  // past a final lone CR: the empty last line
  CHECK(line_start_of(kText, 9).start == 9);
}

TEST_CASE("backtick_runs pairs each run with the next run as long") {
  const std::string_view text = "``a`b`` `` ` c```";
  const std::vector<BacktickRun> runs = backtick_runs(text);
  REQUIRE(runs.size() == 6);
  CHECK(runs[0].start == 0);
  CHECK(runs[0].length == 2);
  CHECK(runs[0].closing_run == 2);  // past the single run inside
  CHECK(runs[1].closing_run == 4);  // the next single run, wherever it stands
  CHECK(runs[2].closing_run == 3);
  CHECK(runs[3].closing_run == std::string_view::npos);
  CHECK(runs[4].closing_run == std::string_view::npos);
  CHECK(runs[5].start == 14);
  CHECK(runs[5].length == 3);
  CHECK(runs[5].closing_run == std::string_view::npos);
  CHECK(backtick_runs("no code").empty());
}

}  // namespace digestlint
