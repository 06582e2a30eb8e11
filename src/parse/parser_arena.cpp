#include "parse/parser_arena.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace digestlint {
namespace {

// Before every allocation, block or heap: its size, for realloc, and where the allocation
// before it in the block starts, so that allocations freed in reverse order give their room back.
struct Header {
  std::size_t size;
  std::size_t previous;  // offset of the previous header in the block, or kNone, or kHeap
};
static_assert(sizeof(Header) % alignof(std::max_align_t) == 0);

constexpr std::size_t kNone = SIZE_MAX;
constexpr std::size_t kHeap = SIZE_MAX - 1;

std::size_t rounded(std::size_t size) {
  constexpr std::size_t kAlign = alignof(std::max_align_t);
  return (size + kAlign - 1) & ~(kAlign - 1);
}

// This thread's block.
struct Block {
  char* data = nullptr;
  std::size_t used = 0;
  std::size_t last = kNone;   // offset of the newest allocation's header
  std::size_t heap_live = 0;  // heap allocations of the current lease not yet freed
  bool leased = false;

  ~Block() { std::free(data); }
};

thread_local Block block;

// libcmark-gfm's own allocator aborts when memory runs out; so does this one.
[[noreturn]] void out_of_memory() {
  std::fputs("digestlint: out of memory while parsing Markdown\n", stderr);
  std::abort();
}

Header* header_of(void* payload) {
  return static_cast<Header*>(payload) - 1;
}

// Whether size more bytes fit in the block after offset.
bool fits(std::size_t offset, std::size_t size) {
  return size <= ParserArena::kBlockBytes &&
         offset + sizeof(Header) + rounded(size) <= ParserArena::kBlockBytes;
}

void* from_heap(std::size_t size) {
  if (size > SIZE_MAX - sizeof(Header)) out_of_memory();
  auto* header = static_cast<Header*>(std::malloc(sizeof(Header) + size));
  if (header == nullptr) out_of_memory();
  *header = {size, kHeap};
  ++block.heap_live;
  return header + 1;
}

void* take(std::size_t size) {
  if (!fits(block.used, size)) return from_heap(size);
  auto* header = reinterpret_cast<Header*>(block.data + block.used);
  *header = {rounded(size), block.last};
  block.last = block.used;
  block.used += sizeof(Header) + header->size;
  return header + 1;
}

void give_back(void* payload) {
  if (payload == nullptr) return;
  Header* header = header_of(payload);
  if (header->previous == kHeap) {
    --block.heap_live;
    std::free(header);
    return;
  }
  // Only the newest allocation gives its room back: the rest goes when the lease ends.
  const auto offset = static_cast<std::size_t>(reinterpret_cast<char*>(header) - block.data);
  if (offset == block.last) {
    block.used = offset;
    block.last = header->previous;
  }
}

void* take_zeroed(std::size_t count, std::size_t size) {
  if (size != 0 && count > SIZE_MAX / size) out_of_memory();
  void* payload = take(count * size);
  std::memset(payload, 0, count * size);
  return payload;
}

void* resize(void* payload, std::size_t size) {
  if (payload == nullptr) return take(size);
  Header* header = header_of(payload);
  if (header->previous == kHeap) {
    if (size > SIZE_MAX - sizeof(Header)) out_of_memory();
    auto* moved = static_cast<Header*>(std::realloc(header, sizeof(Header) + size));
    if (moved == nullptr) out_of_memory();
    moved->size = size;
    return moved + 1;
  }
  // The newest allocation grows in place: a buffer being appended to, the common case.
  const auto offset = static_cast<std::size_t>(reinterpret_cast<char*>(header) - block.data);
  if (offset == block.last && fits(offset, size)) {
    header->size = rounded(size);
    block.used = offset + sizeof(Header) + header->size;
    return payload;
  }
  void* copy = take(size);
  std::memcpy(copy, payload, std::min(header->size, size));
  give_back(payload);
  return copy;
}

cmark_mem block_allocator{take_zeroed, resize, give_back};

}  // namespace

ParserArena::ParserArena() : allocator_(cmark_get_default_mem_allocator()) {
  if (block.leased) return;
  if (block.data == nullptr) {
    block.data = static_cast<char*>(std::malloc(kBlockBytes));
    if (block.data == nullptr) return;
  }
  block.leased = leased_ = true;
  block.used = 0;
  block.last = kNone;
  block.heap_live = 0;
  allocator_ = &block_allocator;
}

ParserArena::~ParserArena() {
  if (leased_) block.leased = false;
}

bool ParserArena::needs_free() const {
  return !leased_ || block.heap_live > 0;
}

}  // namespace digestlint
