#include "model/file_bytes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace digestlint {

FileBytes read_descriptor_bytes(int descriptor, std::size_t limit) {
  FileBytes file;
  // Room for a regular file's size and one byte more: a read that brings exactly that size and
  // stops short of the room has met the end, so one read takes the whole file, and a file that
  // grew meanwhile fills the room and is read on. Files whose size is not known (a pipe, or 0 as
  // /proc reports) are read in chunks until a read returns nothing.
  std::size_t room = std::size_t{64} << 10;
  std::size_t known_size = 0;  // 0: not known
  struct stat info {};
  if (fstat(descriptor, &info) == 0 && S_ISREG(info.st_mode)) {
    known_size = static_cast<std::size_t>(info.st_size);
    if (known_size > limit) {
      file.over_limit = true;
      return file;
    }
    room = known_size + 1;
  }
  std::string& bytes = file.bytes;
  bytes.resize(room);
  std::size_t size = 0;
  for (;;) {
    if (size == bytes.size()) bytes.resize(2 * size);
    const ssize_t got = ::read(descriptor, bytes.data() + size, bytes.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      file.error = errno;
      bytes.clear();
      return file;
    }
    if (got == 0) break;
    const bool short_read = static_cast<std::size_t>(got) < bytes.size() - size;
    size += static_cast<std::size_t>(got);
    if (size > limit) {
      file.over_limit = true;
      bytes.clear();
      return file;
    }
    if (short_read && known_size != 0 && size == known_size) break;
  }
  bytes.resize(size);
  return file;
}

FileBytes read_file_bytes(const std::string& path, std::size_t limit) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return FileBytes{{}, errno, false};
  FileBytes file = read_descriptor_bytes(descriptor, limit);
  ::close(descriptor);
  return file;
}

}  // namespace digestlint
