#include "parse/parser_arena.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

namespace digestlint {
namespace {

TEST_CASE("parser arena: the newest allocation grows in place and gives its room back") {
  const ParserArena arena;
  cmark_mem* mem = arena.allocator();
  CHECK(mem != cmark_get_default_mem_allocator());
  auto* first = static_cast<char*>(mem->calloc(1, 10));
  CHECK(std::string(first, 10) == std::string(10, '\0'));
  std::memcpy(first, "abcdefghij", 10);
  auto* grown = static_cast<char*>(mem->realloc(first, 1000));
  CHECK(grown == first);
  CHECK(std::string(grown, 10) == "abcdefghij");
  auto* second = static_cast<char*>(mem->calloc(1, 16));
  // No longer the newest: growing moves it, contents and all.
  auto* moved = static_cast<char*>(mem->realloc(grown, 2000));
  CHECK(moved != grown);
  CHECK(std::string(moved, 10) == "abcdefghij");
  mem->free(moved);
  // The room of the freed newest allocation is taken again.
  auto* third = static_cast<char*>(mem->calloc(1, 16));
  CHECK(third == moved);
  mem->free(third);
  mem->free(second);
  CHECK_FALSE(arena.needs_free());
}

TEST_CASE("parser arena: what the block cannot hold comes from the heap and must be freed") {
  const ParserArena arena;
  cmark_mem* mem = arena.allocator();
  void* big = mem->calloc(1, ParserArena::kBlockBytes);
  CHECK(arena.needs_free());
  auto* grown = static_cast<char*>(mem->realloc(big, ParserArena::kBlockBytes * 2));
  grown[ParserArena::kBlockBytes * 2 - 1] = 'x';
  mem->free(grown);
  CHECK_FALSE(arena.needs_free());
  // A buffer outgrowing the block moves to the heap.
  void* buffer = mem->calloc(1, 64);
  buffer = mem->realloc(buffer, ParserArena::kBlockBytes + 1);
  CHECK(arena.needs_free());
  mem->free(buffer);
  CHECK_FALSE(arena.needs_free());
}

TEST_CASE("parser arena: a second lease on the thread gets the heap allocator") {
  const ParserArena outer;
  const ParserArena inner;
  CHECK(outer.allocator() != cmark_get_default_mem_allocator());
  CHECK(inner.allocator() == cmark_get_default_mem_allocator());
  CHECK(inner.needs_free());
}

TEST_CASE("parser arena: a lease starts with the whole block") {
  void* first = nullptr;
  {
    const ParserArena arena;
    first = arena.allocator()->calloc(1, 100);
    arena.allocator()->calloc(1, 100);
  }
  const ParserArena again;
  CHECK(again.allocator()->calloc(1, 8) == first);
}

}  // namespace
}  // namespace digestlint
