#pragma once
#include <cstddef>
#include <limits>
#include <string>

namespace digestlint {

// The limit for files only memory bounds (a rule pack, a configuration, a page of the docs): one
// below the largest size, so that a read's room for one byte past the limit still fits.
inline constexpr std::size_t kNoSizeLimit = std::numeric_limits<std::size_t>::max() - 1;

// A whole file's bytes, or why they are not all there.
struct FileBytes {
  std::string bytes;        // empty unless read in full
  int error = 0;            // errno of the failed open or read; 0 when none failed
  bool over_limit = false;  // more than the limit: not read to the end
  bool read() const { return error == 0 && !over_limit; }
};

// Reads the file at `path`, or everything left on an open descriptor (a pipe, stdin), with plain
// system calls: a regular file is sized once and read into its string in one call. A warm cached
// run reads each digest and each cache entry, and an ifstream's three seeks and its buffer per
// file were a good part of its system time. Over `limit` bytes, nothing is kept (over_limit).
FileBytes read_file_bytes(const std::string& path, std::size_t limit);
FileBytes read_descriptor_bytes(int descriptor, std::size_t limit);

}  // namespace digestlint
