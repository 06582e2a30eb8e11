#include "lsp/transport.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>

#include "model/text.hpp"

namespace digestlint::lsp {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

constexpr std::string_view kLengthHeader = "Content-Length:";
constexpr const char* kShortBody = "a message body shorter than its Content-Length";

bool starts_with_length_header(std::string_view text) {
  return text.size() >= kLengthHeader.size() &&
         iequals(text.substr(0, kLengthHeader.size()), kLengthHeader);
}

// Where the first "Content-Length:" name (either case) at or after `from` starts, or npos.
std::size_t length_name_in(std::string_view text, std::size_t from) {
  constexpr std::string_view kTail = "ength:";  // of either spelling, "Length:" or "length:"
  constexpr std::size_t kHead = kLengthHeader.size() - kTail.size();
  for (std::size_t tail = text.find(kTail, from + kHead); tail != std::string_view::npos;
       tail = text.find(kTail, tail + 1)) {
    if (starts_with_length_header(text.substr(tail - kHead))) return tail - kHead;
  }
  return std::string_view::npos;
}

// Where a "Content-Length:" header starts inside a line of garbage (a body that ran into the next
// frame's headers), or npos.
std::size_t length_header_in(std::string_view line) {
  return line.empty() ? std::string_view::npos : length_name_in(line, 1);
}

// Where a body holds a whole "Content-Length: N" header line, or npos. Valid JSON has none: a
// JSON string holds no raw line break, and outside strings only JSON tokens may stand. So the
// body ran into the next frame (even one cut inside a string). The first one is found: a search
// stops there, so frames that each run into the next stay linear.
std::size_t length_header_in_body(std::string_view body) {
  for (std::size_t start = length_name_in(body, 0); start != std::string_view::npos;
       start = length_name_in(body, start + 1)) {
    std::size_t i = start + kLengthHeader.size();
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
    const std::size_t digits = i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i;
    if (i > digits && i < body.size() && (body[i] == '\r' || body[i] == '\n')) return start;
  }
  return std::string_view::npos;
}

}  // namespace

bool FrameReader::fill() {
  if (position_ > 0 && position_ == buffer_.size()) {
    buffer_.clear();
    position_ = 0;
  } else if (position_ > (1u << 16)) {
    buffer_.erase(0, position_);
    position_ = 0;
  }
  char chunk[1 << 16];
  const std::size_t n = read_some_(chunk, sizeof chunk);
  if (n == 0) return false;
  buffer_.append(chunk, n);
  return true;
}

std::optional<std::string> FrameReader::read_line() {
  std::size_t searched = 0;  // bytes after position_ known to hold no '\n'
  for (;;) {
    const std::size_t newline = buffer_.find('\n', position_ + searched);
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(position_, newline - position_);
      line_bytes_ = newline + 1 - position_;
      position_ = newline + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    searched = buffer_.size() - position_;
    if (searched > kMaxBody || !fill()) return std::nullopt;
  }
}

Frame FrameReader::next() {
  std::optional<std::size_t> length;
  std::string error;
  bool any_header = false;
  for (;;) {
    std::optional<std::string> line = read_line();
    if (!line) {
      if (any_header) return {Frame::Status::bad_header, {}, "end of input inside the headers"};
      return {Frame::Status::end, {}, {}};
    }
    if (line->empty()) {
      if (!any_header) continue;  // stray blank lines between frames
      break;
    }
    // The rest of a frame whose headers were unusable (its body, of unknown length) or whose
    // body was shorter than it said runs into the next frame's headers: read on from there, so
    // that one broken message does not put every later one out of step.
    if (const std::size_t header = length_header_in(*line); header != std::string::npos) {
      position_ -= line_bytes_ - header;
      return {Frame::Status::bad_header, {}, "bytes before a Content-Length header"};
    }
    any_header = true;
    const std::size_t colon = line->find(':');
    if (colon == std::string::npos) {
      error = "header line without ':'";
      continue;
    }
    const std::string_view name = trim(std::string_view(*line).substr(0, colon));
    const std::string_view value = trim(std::string_view(*line).substr(colon + 1));
    if (!iequals(name, "Content-Length")) continue;  // Content-Type and others are ignored
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size()) {
      error = "Content-Length is not a number";
    } else if (n > kMaxBody) {
      error = "Content-Length is too large";
    } else {
      length = n;
    }
  }
  if (!error.empty() || !length) {
    return {Frame::Status::bad_header, {}, error.empty() ? "missing Content-Length" : error};
  }
  return read_body(*length);
}

Frame FrameReader::read_body(std::size_t length) {
  const std::size_t buffered = std::min(length, buffer_.size() - position_);
  // What is buffered is looked at first: a frame that claims more than it has (each of many
  // claiming megabytes) is skipped up to the next header without copying what follows it.
  if (const std::size_t next =
          length_header_in_body(std::string_view(buffer_).substr(position_, buffered));
      next != std::string::npos) {
    position_ += next;
    return {Frame::Status::bad_header, {}, kShortBody};
  }
  // The body is read into its own string, sized once, from what is buffered and then straight
  // from the input: a 36 MiB document grew the buffer through a dozen reallocations, each a copy
  // into fresh pages, and was copied out of it again.
  std::string body(length, '\0');
  buffer_.copy(body.data(), buffered, position_);
  position_ += buffered;
  // Each read is looked at as it comes (with the end of the one before, where a header line may
  // have been cut): a short body is told as soon as the next frame's header arrives, not after
  // waiting for bytes the client will never send.
  constexpr std::size_t kHeaderLineBytes = 64;
  for (std::size_t filled = buffered; filled < length;) {
    const std::size_t n = read_some_(body.data() + filled, length - filled);
    const std::size_t from = filled > kHeaderLineBytes ? filled - kHeaderLineBytes : 0;
    filled += n;
    const std::size_t next =
        length_header_in_body(std::string_view(body).substr(from, filled - from));
    if (next != std::string::npos) {
      // In place of what was read already, so the buffer does not keep it.
      buffer_.replace(0, position_, body, from + next, filled - from - next);
      position_ = 0;
      return {Frame::Status::bad_header, {}, kShortBody};
    }
    if (n == 0) return {Frame::Status::bad_header, {}, "end of input inside a message body"};
  }
  return {Frame::Status::message, std::move(body), {}};
}

bool FrameReader::has_buffered() const {
  return buffer_.find_first_not_of(" \t\r\n", position_) != std::string::npos;
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

FrameReader::ReadSome fd_reader(int fd) {
  return [fd](char* buffer, std::size_t n) -> std::size_t {
    for (;;) {
      const ssize_t got = ::read(fd, buffer, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) return 0;
    }
  };
}

bool fd_readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP)) != 0;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace digestlint::lsp
