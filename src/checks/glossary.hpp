#pragma once
// The glossary: the stem of an English word -> its Korean renderings, each with its id among the
// lexicons' renderings (Vocabulary::renderings). Every title word a summary is searched for is
// looked up here, mostly in tables gone cold since the last file: a stem's renderings are one
// record of one pool, their ids and bytes together, so a lookup reads a slot, a key and a record.
// Vectors of ids into a vector of strings took five reads to cold memory.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "checks/word_table.hpp"

namespace digestlint::summary {

class Glossary {
 public:
  struct Rendering {
    std::size_t id;
    std::string_view text;
    // Where its rarest byte is, by the bytes of all the glossary's renderings: the byte a search
    // looks for first (holds()). Korean renderings' bytes are about as common in a summary.
    std::size_t probe;
  };

  // A stem's renderings, read from its record: each an id, a length and a probe (kHeaderBytes),
  // then its bytes.
  class Renderings {
   public:
    class iterator {
     public:
      explicit iterator(const char* at) : at_(at) {}
      Rendering operator*() const {
        std::uint32_t id = 0;
        std::uint16_t length = 0;
        std::memcpy(&id, at_, sizeof id);
        std::memcpy(&length, at_ + sizeof id, sizeof length);
        const auto probe = static_cast<unsigned char>(at_[sizeof id + sizeof length]);
        return {id, {at_ + kHeaderBytes, length}, probe};
      }
      iterator& operator++() {
        at_ += kHeaderBytes + (**this).text.size();
        return *this;
      }
      bool operator==(const iterator&) const = default;

     private:
      const char* at_;
    };

    Renderings() = default;
    Renderings(const char* begin, const char* end) : begin_(begin), end_(end) {}
    iterator begin() const { return iterator(begin_); }
    iterator end() const { return iterator(end_); }
    bool empty() const { return begin_ == end_; }

   private:
    const char* begin_ = nullptr;
    const char* end_ = nullptr;
  };

  // Room for this many more stems and renderings without growing.
  void reserve(std::size_t renderings);
  static constexpr std::size_t kMaxRenderingBytes = 65535;
  // Gives a stem one more rendering; a stem given again keeps its renderings in the order given.
  // A rendering is at most kMaxRenderingBytes.
  void add(std::string_view stem, std::size_t id, std::string_view text);
  // Writes the stems' records; call once after the last add().
  void build();
  // The stem's renderings: empty when the glossary lacks it.
  Renderings find(std::string_view stem) const;

 private:
  static constexpr std::size_t kHeaderBytes =
      sizeof(std::uint32_t) + sizeof(std::uint16_t) + sizeof(std::uint8_t);
  struct Added {
    std::uint32_t stem;  // its number: 1 for the first stem given, 2 for the next, …
    std::uint32_t id;
    std::uint32_t offset, length;  // of the text in added_text_
  };
  // A stem's renderings in pool_; until build(), its number in `begin`.
  struct Record {
    std::uint32_t begin = 0, end = 0;
  };
  WordTable<Record> records_;
  std::string pool_;
  // Until build(): the renderings given.
  std::vector<Added> added_;
  std::string added_text_;
};

}  // namespace digestlint::summary
