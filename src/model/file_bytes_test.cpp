#include "model/file_bytes.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

namespace digestlint {
namespace {

namespace fs = std::filesystem;

// A file of `bytes` in a fresh temporary directory, removed with it.
struct TemporaryFile {
  explicit TemporaryFile(const std::string& bytes)
      : directory(fs::temp_directory_path() / ("file_bytes_test." + std::to_string(getpid()))) {
    fs::create_directories(directory);
    std::ofstream(path(), std::ios::binary) << bytes;
  }
  ~TemporaryFile() { fs::remove_all(directory); }
  std::string path() const { return (directory / "digest.md").string(); }
  fs::path directory;
};

TEST_CASE("read_file_bytes reads a regular file whole, and refuses one over the limit") {
  std::string text(200000, 'a');
  text += "\n끝\n";
  const TemporaryFile file(text);
  const FileBytes whole = read_file_bytes(file.path(), text.size());
  CHECK(whole.read());
  CHECK(whole.bytes == text);
  const FileBytes over = read_file_bytes(file.path(), text.size() - 1);
  CHECK(over.over_limit);
  CHECK_FALSE(over.read());
  CHECK(over.bytes.empty());
}

TEST_CASE("read_file_bytes reads a file whose size is not known to its end") {
  // /proc reports a size of 0 and gives a page or so per read: no short read ends it early.
  const FileBytes smaps = read_file_bytes("/proc/self/smaps", std::size_t{1} << 26);
  REQUIRE(smaps.read());
  CHECK(smaps.bytes.size() > 4096);  // more than one read brings
  CHECK(smaps.bytes.back() == '\n');
  CHECK(smaps.bytes.find("[stack]") != std::string::npos);  // among the last mappings
}

TEST_CASE("read_descriptor_bytes reads what is left of a file already read from") {
  const TemporaryFile file("### [Title](https://arxiv.org/abs/2401.00001)\n");
  const int descriptor = open(file.path().c_str(), O_RDONLY);
  REQUIRE(descriptor >= 0);
  REQUIRE(lseek(descriptor, 4, SEEK_SET) == 4);
  // The limit is what is left, four bytes less than the file: measured against the whole file's
  // size it would refuse it.
  const std::string left = "[Title](https://arxiv.org/abs/2401.00001)\n";
  const FileBytes rest = read_descriptor_bytes(descriptor, left.size());
  close(descriptor);
  CHECK(rest.read());
  CHECK(rest.bytes == left);
}

TEST_CASE("read_file_bytes says why a file cannot be read") {
  CHECK(read_file_bytes("/nonexistent/digest.md", 100).error == ENOENT);
  const TemporaryFile file("x");
  CHECK(read_file_bytes(file.directory.string(), 100).error == EISDIR);
  const FileBytes empty = read_file_bytes("/dev/null", 100);
  CHECK(empty.read());
  CHECK(empty.bytes.empty());
  CHECK(empty.bytes.capacity() < 1024);  // not the chunk it was read into: a run keeps it
}

// A pipe fed `bytes` by a thread, read through read_descriptor_bytes. The read end is closed
// before the writer is joined, so a reader that stops early fails the test instead of hanging it
// (the writer then meets EPIPE, not the signal that would end the test run).
FileBytes read_pipe_fed(const std::string& bytes, std::size_t limit) {
  int ends[2];
  REQUIRE(pipe(ends) == 0);
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::thread writer([&] {
    for (std::size_t at = 0; at < bytes.size();) {
      const ssize_t wrote = write(ends[1], bytes.data() + at, bytes.size() - at);
      if (wrote <= 0) break;
      at += static_cast<std::size_t>(wrote);
    }
    close(ends[1]);
  });
  FileBytes piped = read_descriptor_bytes(ends[0], limit);
  close(ends[0]);
  writer.join();
  std::signal(SIGPIPE, previous);
  return piped;
}

TEST_CASE("read_descriptor_bytes reads a pipe to its end, in chunks past the first") {
  const std::string text(300000, 'b');  // more than a pipe holds, and than the first chunk
  const FileBytes piped = read_pipe_fed(text, text.size());
  CHECK(piped.read());
  CHECK(piped.bytes == text);
}

TEST_CASE("read_descriptor_bytes stops a pipe once it passes the limit") {
  const FileBytes piped = read_pipe_fed(std::string(300000, 'c'), 100000);
  CHECK(piped.over_limit);
  CHECK(piped.bytes.empty());
}

}  // namespace
}  // namespace digestlint
