#include "lsp/transport.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <memory>

using namespace digestlint::lsp;

namespace {

// A byte source that hands out at most `chunk` bytes per read, to exercise partial reads.
FrameReader reader_over(std::string input, std::size_t chunk) {
  auto data = std::make_shared<std::string>(std::move(input));
  auto at = std::make_shared<std::size_t>(0);
  return FrameReader([=](char* buffer, std::size_t n) {
    const std::size_t take = std::min(std::min(n, chunk), data->size() - *at);
    std::memcpy(buffer, data->data() + *at, take);
    *at += take;
    return take;
  });
}

}  // namespace

TEST_CASE("frames round-trip whatever the read sizes") {
  const std::string body1 = R"({"jsonrpc":"2.0","method":"initialized","params":{}})";
  const std::string body2 = "{\"text\":\"한국어 🎼\"}";  // Content-Length counts bytes
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 16}) {
    FrameReader reader = reader_over(frame(body1) + frame(body2), chunk);
    Frame first = reader.next();
    REQUIRE(first.status == Frame::Status::message);
    CHECK(first.body == body1);
    Frame second = reader.next();
    REQUIRE(second.status == Frame::Status::message);
    CHECK(second.body == body2);
    CHECK(reader.next().status == Frame::Status::end);
  }
}

TEST_CASE("a body longer than a read is read whole, and the frame after it intact") {
  const std::string big = "{\"text\":\"" + std::string(200000, 'x') + "\"}";
  for (const std::size_t chunk : {std::size_t{7}, std::size_t{1} << 16, std::size_t{1} << 20}) {
    FrameReader reader = reader_over(frame(big) + frame("[1]") + frame(big), chunk);
    CHECK(reader.next().body == big);
    CHECK(reader.next().body == "[1]");
    CHECK(reader.next().body == big);
    CHECK(reader.next().status == Frame::Status::end);
  }
}

TEST_CASE("frame writes Content-Length in bytes") {
  CHECK(frame("{\"a\":\"가\"}") == "Content-Length: 11\r\n\r\n{\"a\":\"가\"}");
}

TEST_CASE("headers: case, extra headers and bare newlines are accepted") {
  FrameReader reader = reader_over(
      "content-length:  2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
      "Content-Length: 4\n\n[42]",
      3);
  CHECK(reader.next().body == "{}");
  CHECK(reader.next().body == "[42]");
  CHECK(reader.next().status == Frame::Status::end);
}

TEST_CASE("a frame with bad headers is skipped and reading goes on") {
  FrameReader reader = reader_over(
      "Content-Length: twelve\r\n\r\n"
      "X-Other: 1\r\n\r\n"
      "garbage line\r\nContent-Length: 2\r\n\r\n"
      "Content-Length: 99999999999\r\n\r\n"
      "Content-Length: 2\r\n\r\n{}",
      5);
  const Frame bad = reader.next();
  CHECK(bad.status == Frame::Status::bad_header);
  CHECK(bad.error.find("not a number") != std::string::npos);
  const Frame missing = reader.next();
  CHECK(missing.status == Frame::Status::bad_header);
  CHECK(missing.error == "missing Content-Length");
  CHECK(reader.next().status == Frame::Status::bad_header);  // a line without ':'
  CHECK(reader.next().error == "Content-Length is too large");
  const Frame good = reader.next();
  REQUIRE(good.status == Frame::Status::message);
  CHECK(good.body == "{}");
}

TEST_CASE("after a broken frame with a body, reading gets back in step at the next header") {
  const std::string good = frame("{\"id\":1}");
  // A body shorter than its Content-Length runs into the next frame.
  FrameReader short_body = reader_over("Content-Length: 30\r\n\r\n{\"a\":1}" + good + good, 7);
  const Frame cut = short_body.next();
  CHECK(cut.status == Frame::Status::bad_header);
  CHECK(cut.error.find("shorter") != std::string::npos);
  CHECK(short_body.next().body == "{\"id\":1}");
  CHECK(short_body.next().body == "{\"id\":1}");
  CHECK(short_body.next().status == Frame::Status::end);
  // Headers without a usable length: their body is read as a line up to the next header.
  for (const std::string headers :
       {"Content-Type: x\r\n\r\n", "Content-Length: 99999999999999999\r\n\r\n"}) {
    FrameReader reader = reader_over(headers + "{\"a\":1}" + good + good, 5);
    CHECK(reader.next().status == Frame::Status::bad_header);
    CHECK(reader.next().status == Frame::Status::bad_header);  // the body before the header
    CHECK(reader.next().body == "{\"id\":1}");
    CHECK(reader.next().body == "{\"id\":1}");
    CHECK(reader.next().status == Frame::Status::end);
  }
  // A body cut inside a string still runs into the next frame's header line.
  FrameReader in_string = reader_over("Content-Length: 40\r\n\r\n{\"text\":\"abc" + good + good, 7);
  CHECK(in_string.next().status == Frame::Status::bad_header);
  CHECK(in_string.next().body == "{\"id\":1}");
  CHECK(in_string.next().body == "{\"id\":1}");
  // Many frames that each claim megabytes: each is skipped up to the next header, once.
  std::string claims;
  for (int i = 0; i < 20000; ++i) claims += "Content-Length: 4000000\r\n\r\n{}";
  FrameReader claiming = reader_over(claims + good, 1 << 16);
  int skipped = 0;
  Frame last;
  while ((last = claiming.next()).status == Frame::Status::bad_header) ++skipped;
  CHECK(skipped == 20000);
  CHECK(last.body == "{\"id\":1}");
  // A valid body may hold the words, inside a string: it is no header line.
  const std::string quoted = "{\"text\":\"Content-Length: 5\"}";
  FrameReader inside = reader_over(frame(quoted), 3);
  CHECK(inside.next().body == quoted);
}

TEST_CASE("end of input inside a frame") {
  FrameReader truncated = reader_over("Content-Length: 10\r\n\r\n{\"a\"", 4);
  CHECK(truncated.next().status == Frame::Status::bad_header);
  CHECK(truncated.next().status == Frame::Status::end);
  FrameReader in_headers = reader_over("Content-Length: 10\r\n", 4);
  CHECK(in_headers.next().status == Frame::Status::bad_header);
  FrameReader empty = reader_over("", 4);
  CHECK(empty.next().status == Frame::Status::end);
}

TEST_CASE("has_buffered tells whether another frame has started arriving") {
  FrameReader reader = reader_over(frame("{}") + frame("[]"), 1 << 16);
  CHECK(reader.next().body == "{}");
  CHECK(reader.has_buffered());
  CHECK(reader.next().body == "[]");
  CHECK_FALSE(reader.has_buffered());
}
