#include "model/file_bytes.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace digestlint {

FileBytes read_descriptor_bytes(int descriptor, std::size_t limit) {
  FileBytes file;
  // Room for a regular file's size and one byte more: a read that stops short of it has met the
  // end (a regular file's reads stop short only there), so one read takes the whole file, and a
  // file that grew meanwhile fills the room and is read on. A pipe is read in chunks to its end.
  std::size_t room = std::size_t{64} << 10;
  struct stat info {};
  const bool regular = fstat(descriptor, &info) == 0 && S_ISREG(info.st_mode);
  if (regular) {
    if (static_cast<std::size_t>(info.st_size) > limit) {
      file.over_limit = true;
      return file;
    }
    room = static_cast<std::size_t>(info.st_size) + 1;
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
    if (regular && short_read) break;
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
