#include "rules/finding.hpp"

#include <doctest/doctest.h>

namespace digestlint {
namespace {

Span span_of(std::string_view text, std::string_view from, std::string_view to) {
  return {text.find(from), text.find(to) + to.size()};
}

TEST_CASE("excerpt_of: the span's place and its first line, as the file would give them") {
  const SourceFile source("d.md", "\xEF\xBB\xBF# T\n\n- 한국어\t요약 first\r\n  second\n");
  const Span span = span_of(source.text(), "요약", "second");
  const std::shared_ptr<const Excerpt> excerpt = excerpt_of(source, span, 4096);
  REQUIRE(excerpt);
  CHECK(excerpt->begin.line == 3);
  CHECK(excerpt->begin.byte_column == source.position(span.begin).byte_column);
  CHECK(excerpt->begin.utf16_column == 7);  // "- 한국어\t" is six UTF-16 units
  CHECK(excerpt->end.line == 4);
  CHECK(excerpt->end.utf16_column == 9);
  CHECK(excerpt->byte_offset == span.begin + 3);  // the byte order mark counts
  CHECK(excerpt->byte_length == span.size());
  CHECK(excerpt->has_bom);
  CHECK(excerpt->first_line == "- 한국어\t요약 first");  // no "\r\n"
}

TEST_CASE("excerpt_of: none for a line too long to keep") {
  const SourceFile long_line("d.md", "x\n" + std::string(100, 'a') + "\n");
  CHECK_FALSE(excerpt_of(long_line, Span{2, 5}, 99));
  CHECK(excerpt_of(long_line, Span{2, 5}, 100));
}

TEST_CASE("excerpt_of: a span past the end is clamped, as reporters clamp it") {
  const SourceFile source("d.md", "ab\ncd");
  const std::shared_ptr<const Excerpt> excerpt = excerpt_of(source, Span{4, 99}, 4096);
  REQUIRE(excerpt);
  CHECK(excerpt->begin.line == 2);
  CHECK(excerpt->end.utf16_column == 3);
  CHECK(excerpt->byte_length == 1);
}

TEST_CASE("a related location is in the finding's file when it names that file or none") {
  CHECK(RelatedLocation{"", Span{0, 1}, ""}.in("a.md"));
  CHECK(RelatedLocation{"a.md", Span{0, 1}, ""}.in("a.md"));
  CHECK_FALSE(RelatedLocation{"b.md", Span{0, 1}, ""}.in("a.md"));
}

}  // namespace
}  // namespace digestlint
