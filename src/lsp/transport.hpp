#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace digestlint::lsp {

// JSON-RPC base protocol framing: "Content-Length: N\r\n[other headers]\r\n\r\n" + N bytes.
struct Frame {
  enum class Status { message, bad_header, end };
  Status status = Status::end;
  std::string body;   // for message
  std::string error;  // for bad_header: what was wrong (the frame was skipped)
};

// Reads frames from a byte source. Tolerates bare "\n" line ends and unknown headers; a frame
// whose headers are unusable, or whose body runs into the next frame's headers, is reported as
// bad_header and skipped, and reading goes on at the next "Content-Length:" header, so one broken
// message does not stop the server or put the later ones out of step.
class FrameReader {
 public:
  // Reads up to n bytes into buffer; returns 0 at end of input (or on a read error).
  using ReadSome = std::function<std::size_t(char* buffer, std::size_t n)>;
  static constexpr std::size_t kMaxBody = 64u << 20;

  explicit FrameReader(ReadSome read_some) : read_some_(std::move(read_some)) {}

  Frame next();
  // True when bytes of the next frame are already buffered (so more input is on its way).
  bool has_buffered() const;

 private:
  std::optional<std::string> read_line();  // without its line end; nullopt at end of input
  bool fill();
  Frame read_body(std::size_t length);
  ReadSome read_some_;
  std::string buffer_;
  std::size_t position_ = 0;
  std::size_t line_bytes_ = 0;  // of the last line read, with its line end
};

// The frame for a message body.
std::string frame(std::string_view body);

// A FrameReader::ReadSome over a file descriptor (retries on EINTR).
FrameReader::ReadSome fd_reader(int fd);
// True when fd has bytes to read right now (poll with a zero timeout).
bool fd_readable(int fd);
// Writes all bytes to fd; false when the peer is gone.
bool write_all(int fd, std::string_view bytes);

}  // namespace digestlint::lsp
