#include "cli/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace digestlint {
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
constexpr std::uintptr_t kThreadHeap = std::uintptr_t{64} << 20;  // glibc's HEAP_MAX_SIZE

std::uintptr_t align_up(std::uintptr_t address, std::uintptr_t alignment) {
  return (address + alignment - 1) & ~(alignment - 1);
}

}  // namespace

// A run allocates and frees many large short-lived blocks (parse trees, per-file tables):
// with glibc's defaults it keeps giving memory back to the kernel and mapping large blocks afresh,
// then page-faults the same memory in again. Keeping freed memory saved ~8% of a large run's CPU.
void keep_freed_memory() {
  mallopt(M_TOP_PAD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

// First-touch page faults are the largest memory cost left (a 4 KiB fault costs 12-15 µs on the
// VMs we measured): the main thread's heap, where the run-long state of comparisons like
// summary/duplicate-summary grows, is extended once by the top pad and advised to use transparent
// huge pages, as glibc.malloc.hugetlb=1 would; and its first 2 MiB, about what checking one
// digest touches, are faulted in by one call instead of a fault a page (a one-file run: about
// 680 faults -> 265). Under another allocator the break does not move and nothing is advised.
void prepare_main_heap() {
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // Larger than the heap's free top, so the heap grows by the top pad; volatile, or the compiler
  // drops the pair.
  void* volatile block = malloc(1 << 20);
  free(block);
  const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t begin = align_up(before, kHugePage);
  if (after > begin) madvise(reinterpret_cast<void*>(begin), after - begin, MADV_HUGEPAGE);
  const std::uintptr_t first = before & ~(page - 1);  // madvise() takes whole pages
  if (after > before) {  // kernels before 5.14 refuse MADV_POPULATE_WRITE, which costs nothing
    madvise(reinterpret_cast<void*>(first), std::min(after - first, kHugePage),
            MADV_POPULATE_WRITE);
  }
}

// A worker's allocations come from an arena of its own: glibc maps a thread's heap as a window of
// 64 MiB aligned to its size (HEAP_MAX_SIZE), made usable as it grows, and gives a new thread a
// new arena, or one a finished thread left. Advising the window past its first 2 MiB makes the
// memory the worker grows into come a huge page at a time: a run of 200 days took about 1,400
// page faults, 1,100 of them the worker's, and 500 with this (7-9% less time). The first 2 MiB,
// where checking one digest stays, keep small pages, so a one-file run clears no 2 MiB page for a
// few KiB.
void prepare_worker_heap() {
  void* volatile block = malloc(1 << 10);
  const std::uintptr_t heap = reinterpret_cast<std::uintptr_t>(block) & ~(kThreadHeap - 1);
  free(block);
  madvise(reinterpret_cast<void*>(heap + kHugePage), kThreadHeap - kHugePage, MADV_HUGEPAGE);
}

}  // namespace digestlint
