#include "model/file_bytes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace digestlint {
namespace {

// Closes a descriptor however the read ends (a failed allocation throws).
class OpenDescriptor {
 public:
  explicit OpenDescriptor(int descriptor) : descriptor_(descriptor) {}
  OpenDescriptor(const OpenDescriptor&) = delete;
  OpenDescriptor& operator=(const OpenDescriptor&) = delete;
  ~OpenDescriptor() { ::close(descriptor_); }

 private:
  int descriptor_;
};

// What is left to read of a regular file from `offset`, or 0 when that is not known (a pipe, or
// a /proc file, whose size reads 0).
std::size_t size_left(int descriptor, off_t offset) {
  struct stat info {};
  if (fstat(descriptor, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= offset) return 0;
  return static_cast<std::size_t>(info.st_size - offset);
}

// Reads to the end. Room for the size left and one byte more: a read that brings exactly that
// size and stops short of the room has met the end, so one read takes a whole regular file, and
// a file that grew meanwhile fills the room and is read on. Files of unknown size are read in
// chunks until a read returns nothing.
FileBytes read_to_end(int descriptor, std::size_t known_size, std::size_t limit) {
  FileBytes file;
  if (known_size > limit) {
    file.over_limit = true;
    return file;
  }
  std::string& bytes = file.bytes;
  bytes.resize(known_size != 0 ? known_size + 1 : std::size_t{64} << 10);
  std::size_t size = 0;
  for (;;) {
    if (size == bytes.size()) bytes.resize(std::min(2 * size, limit + 1));
    const ssize_t got = ::read(descriptor, bytes.data() + size, bytes.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      file.error = errno;
      bytes = {};
      return file;
    }
    if (got == 0) break;
    const bool short_read = static_cast<std::size_t>(got) < bytes.size() - size;
    size += static_cast<std::size_t>(got);
    if (size > limit) {
      file.over_limit = true;
      bytes = {};
      return file;
    }
    if (short_read && known_size != 0 && size == known_size) break;
  }
  bytes.resize(size);
  // A file of unknown size was read into chunks; an empty one must not keep its first 64 KiB
  // for the run (a cached run keeps the bytes it hashed).
  if (known_size == 0) bytes.shrink_to_fit();
  return file;
}

}  // namespace

FileBytes read_descriptor_bytes(int descriptor, std::size_t limit) {
  // Stdin may be a file a caller has already read from: what is left is read.
  const off_t offset = ::lseek(descriptor, 0, SEEK_CUR);
  return read_to_end(descriptor, size_left(descriptor, std::max<off_t>(offset, 0)), limit);
}

FileBytes read_file_bytes(const std::string& path, std::size_t limit) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return FileBytes{{}, errno, false};
  const OpenDescriptor open(descriptor);
  return read_to_end(descriptor, size_left(descriptor, 0), limit);
}

}  // namespace digestlint
