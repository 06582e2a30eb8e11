#pragma once
#include <cmark-gfm.h>

#include <cstddef>

namespace digestlint {

// The memory libcmark-gfm parses one file in. A parse makes a node, a buffer or a delimiter for
// every few bytes of Markdown and the builder drops them all together once it has read the block
// structure, so most of them are taken from one block of this thread's memory, reused from file
// to file, and never freed one by one: malloc and free were a third of the parser's time.
// What the block cannot hold (a file of several MiB, or one whose parse piles up temporaries)
// comes from the heap and is freed the usual way, so memory stays bounded whatever the input.
//
// One lease at a time per thread: a parse that starts while another holds the block (none does
// today) gets the heap allocator.
class ParserArena {
 public:
  // Bytes of the block: a digest of 25 KB takes about 300 KB of parser memory.
  static constexpr std::size_t kBlockBytes = std::size_t{4} << 20;

  ParserArena();
  ~ParserArena();
  ParserArena(const ParserArena&) = delete;
  ParserArena& operator=(const ParserArena&) = delete;

  // The allocator to hand to cmark_parser_new_with_mem.
  cmark_mem* allocator() const { return allocator_; }

  // Whether the parse must still free its nodes and its parser: some of its memory came from the
  // heap, or all of it did (no lease: the default allocator). Otherwise dropping the lease
  // releases everything at once.
  bool needs_free() const;

 private:
  cmark_mem* allocator_;
  bool leased_ = false;  // this lease holds the thread's block
};

}  // namespace digestlint
