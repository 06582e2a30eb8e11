#include "lsp/document.hpp"

#include <doctest/doctest.h>

using namespace digestlint::lsp;

// "한" is 3 bytes and 1 UTF-16 unit; "🎼" (U+1F3BC) is 4 bytes and 2 units (a surrogate pair).
TEST_CASE("UTF-16 positions to byte offsets with Korean text") {
  const std::string text = "제목\n- 요약: 모델은 $x$ 값\n끝";
  CHECK(byte_offset(text, {0, 0}) == 0);
  CHECK(byte_offset(text, {0, 1}) == 3);
  CHECK(byte_offset(text, {0, 2}) == 6);
  CHECK(byte_offset(text, {1, 0}) == 7);
  // "- 요약: " is 2 + 6 + 2 bytes but 6 units.
  CHECK(byte_offset(text, {1, 6}) == 7 + 10);
  CHECK(text.substr(byte_offset(text, {1, 10}), 3) == "$x$");
  // Past the end of a line: the line end; past the last line: the end of the text.
  CHECK(byte_offset(text, {0, 99}) == 6);
  CHECK(byte_offset(text, {2, 1}) == text.size());
  CHECK(byte_offset(text, {7, 0}) == text.size());
  CHECK(byte_offset(text, {-1, 3}) == 0);
}

TEST_CASE("surrogate pairs count two units") {
  const std::string text = "a🎼b한";
  CHECK(byte_offset(text, {0, 1}) == 1);
  CHECK(byte_offset(text, {0, 2}) == 1);  // inside the pair: rounds down
  CHECK(byte_offset(text, {0, 3}) == 5);
  CHECK(byte_offset(text, {0, 4}) == 6);
  CHECK(byte_offset(text, {0, 5}) == 9);
  CHECK(text_position(text, 5).character == 3);
  CHECK(text_position(text, 6).character == 4);
}

TEST_CASE("text_position inverts byte_offset") {
  const std::string text = "## 헤더\r\n\r\n가나🎼다 abc\n";
  for (std::size_t offset : {0u, 3u, 6u, 11u, 13u, 16u, 19u, 23u, 26u, 28u, 31u}) {
    const TextPosition p = text_position(text, offset);
    CHECK(byte_offset(text, p) == offset);
  }
  CHECK(text_position(text, 13).line == 2);
  CHECK(text_position(text, 23).character == 4);  // 가나🎼: 1 + 1 + 2
  CHECK(text_position(text, 31).line == 3);
}

TEST_CASE("CRLF: the carriage return is not part of the line") {
  const std::string text = "ab\r\ncd";
  CHECK(byte_offset(text, {0, 2}) == 2);
  CHECK(byte_offset(text, {0, 3}) == 2);
  CHECK(byte_offset(text, {1, 1}) == 5);
}

TEST_CASE("a lone CR ends a line, as LSP counts lines") {
  const std::string text = "## 헤더\r가\r\n나\n\r다";
  CHECK(byte_offset(text, {1, 0}) == 10);
  CHECK(byte_offset(text, {1, 9}) == 13);  // the end of line 1 is its CR
  CHECK(byte_offset(text, {2, 0}) == 15);
  CHECK(byte_offset(text, {4, 0}) == 20);
  for (std::size_t offset : {0u, 9u, 10u, 13u, 15u, 18u, 19u, 20u, 23u}) {
    const TextPosition p = text_position(text, offset);
    CHECK(byte_offset(text, p) == offset);
  }
  CHECK(text_position(text, 20).line == 4);
  std::string edited = text;
  apply_change(edited, {TextRange{{3, 0}, {4, 0}}, ""});
  CHECK(edited == "## 헤더\r가\r\n나\n다");
}

TEST_CASE("incremental changes with Korean text") {
  std::string text = "- **What's New**: 모델은 \\mathcal{L} 값을 다룹니다.\n두 번째 줄\n";
  // Delete "\mathcal{L} " (12 units) starting after "- **What's New**: 모델은 " (22 units).
  apply_change(text, {TextRange{{0, 22}, {0, 34}}, ""});
  CHECK(text == "- **What's New**: 모델은 값을 다룹니다.\n두 번째 줄\n");
  // Insert an emoji, then text after it: the second change sees the first.
  apply_change(text, {TextRange{{1, 0}, {1, 0}}, "🎼"});
  apply_change(text, {TextRange{{1, 2}, {1, 2}}, "악보 "});
  CHECK(text == "- **What's New**: 모델은 값을 다룹니다.\n🎼악보 두 번째 줄\n");
  // Replace across a line break.
  apply_change(text, {TextRange{{0, 30}, {1, 2}}, " "});
  CHECK(text == "- **What's New**: 모델은 값을 다룹니다. 악보 두 번째 줄\n");
  // A backwards range is empty; a full change replaces everything.
  apply_change(text, {TextRange{{0, 5}, {0, 2}}, "X"});
  CHECK(text.substr(0, 6) == "- **WX");
  apply_change(text, {std::nullopt, "새 문서"});
  CHECK(text == "새 문서");
}

TEST_CASE("the document store applies changes in order and tracks versions") {
  DocumentStore store;
  store.open("file:///d.md", "/d.md", 1, "가나다");
  Document* d =
      store.change("file:///d.md", 2, {{TextRange{{0, 1}, {0, 2}}, "🎼"}, {std::nullopt, "x"}});
  REQUIRE(d != nullptr);
  CHECK(d->text == "x");
  CHECK(d->version == 2);
  d = store.change("file:///d.md", 3, {{TextRange{{0, 1}, {0, 1}}, "나"}});
  CHECK(d->text == "x나");
  CHECK(store.change("file:///other.md", 1, {}) == nullptr);
  store.close("file:///d.md");
  CHECK(store.find("file:///d.md") == nullptr);
}
