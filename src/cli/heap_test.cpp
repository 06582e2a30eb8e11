#include "cli/heap.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace digestlint;

// AddressSanitizer brings an allocator of its own, which lays blocks out otherwise than glibc's.
#if defined(__SANITIZE_ADDRESS__)
#define DIGESTLINT_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DIGESTLINT_OWN_ALLOCATOR 1
#endif
#endif

namespace {

// The "VmFlags" line of the mapping of /proc/self/smaps that holds `address` ("hg": advised to use
// huge pages); empty when the kernel does not say.
std::string mapping_flags(std::uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= address && address < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("a worker's heap grows into memory advised to use huge pages") {
#ifdef DIGESTLINT_OWN_ALLOCATOR
  MESSAGE("skipped: AddressSanitizer's allocator, not glibc's, places the blocks");
  return;
#endif
  std::string low, high;
  bool low_in_first_huge_page = false;
  std::thread([&] {
    prepare_worker_heap();
    // Blocks under glibc's mmap threshold (128 KiB by default) come from the thread's heap, a
    // window of 64 MiB: 4 MiB of them reach past its first 2 MiB (a new arena's first blocks are
    // in them; a reused one's may be anywhere).
    std::vector<std::uintptr_t> blocks;
    for (int i = 0; i < 40; ++i)
      blocks.push_back(reinterpret_cast<std::uintptr_t>(std::malloc(100 << 10)));
    const auto [lowest, highest] = std::minmax_element(blocks.begin(), blocks.end());
    low = mapping_flags(*lowest);
    high = mapping_flags(*highest);
    low_in_first_huge_page = *lowest % (std::uintptr_t{64} << 20) < (std::uintptr_t{2} << 20);
    for (const std::uintptr_t block : blocks) std::free(reinterpret_cast<void*>(block));
  }).join();
  if (high.empty()) {
    MESSAGE("skipped: /proc/self/smaps has no VmFlags (a kernel before 3.8, or no /proc)");
    return;
  }
  CHECK(high.find(" hg") != std::string::npos);
  if (low_in_first_huge_page) CHECK(low.find(" hg") == std::string::npos);
}
