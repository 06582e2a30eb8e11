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

TEST_CASE("read_file_bytes says why a file cannot be read") {
  CHECK(read_file_bytes("/nonexistent/digest.md", 100).error == ENOENT);
  const TemporaryFile file("x");
  CHECK(read_file_bytes(file.directory.string(), 100).error == EISDIR);
  const FileBytes empty = read_file_bytes("/dev/null", 100);
  CHECK(empty.read());
  CHECK(empty.bytes.empty());
}

TEST_CASE("read_descriptor_bytes reads a pipe to its end, in chunks past the first") {
  int ends[2];
  REQUIRE(pipe(ends) == 0);
  const std::string text(300000, 'b');  // more than a pipe holds, and than the first chunk
  std::thread writer([&] {
    for (std::size_t at = 0; at < text.size();) {
      const ssize_t wrote = write(ends[1], text.data() + at, text.size() - at);
      if (wrote <= 0) break;
      at += static_cast<std::size_t>(wrote);
    }
    close(ends[1]);
  });
  const FileBytes piped = read_descriptor_bytes(ends[0], text.size());
  writer.join();
  close(ends[0]);
  CHECK(piped.read());
  CHECK(piped.bytes == text);
}

TEST_CASE("read_descriptor_bytes stops a pipe once it passes the limit") {
  int ends[2];
  REQUIRE(pipe(ends) == 0);
  // The writer meets the closed end: EPIPE, not the signal that would end the test run.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::thread writer([&] {
    const std::string chunk(4096, 'c');
    while (write(ends[1], chunk.data(), chunk.size()) > 0) {
    }
  });
  const FileBytes piped = read_descriptor_bytes(ends[0], 100000);
  close(ends[0]);  // the writer's next write fails: it stops
  writer.join();
  close(ends[1]);
  std::signal(SIGPIPE, previous);
  CHECK(piped.over_limit);
  CHECK(piped.bytes.empty());
}

}  // namespace
}  // namespace digestlint
