#pragma once
// Words (vocabulary lists, stems, the glossary's keys) looked up by view without allocating.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "model/byte_words.hpp"

namespace digestlint::summary {

// An open-addressing table over one array of slots, the keys' bytes in one pool. The summary
// analysis looks words up several times per title term and per summary word: in unordered_set
// and unordered_map each lookup hashed the bytes one by one and followed a node pointer into
// cold memory, a fifth of the analysis's time.
template <typename Value = std::monostate>
class WordTable {
 public:
  WordTable() = default;
  WordTable(std::initializer_list<std::string_view> keys) {
    for (const std::string_view key : keys) insert(key);
  }

  // Room for this many keys without growing: a table filled at start-up from a list of known
  // length is allocated once, instead of a dozen times in doubling sizes (fresh memory, whose
  // page faults were a tenth of a one-file run's start-up).
  void reserve(std::size_t keys) {
    std::size_t size = std::max<std::size_t>(16, slots_.size());
    while (2 * keys > size) size *= 2;
    if (size > slots_.size()) grow(size);
  }

  // The key's value, added as Value{} when absent. Valid until the next key is added.
  Value& operator[](std::string_view key) { return slots_[add(key).first].value; }
  // Whether the key was added (false: it was there).
  bool insert(std::string_view key) { return add(key).second; }
  const Value* find(std::string_view key) const {
    const std::size_t at = probe(key, hash_of(key));
    if (at == kMissing || slots_[at].hash == 0) return nullptr;
    return &slots_[at].value;
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // Calls visit(value) for each key's value, in no particular order.
  template <typename Visit>
  void for_each_value(Visit visit) {
    for (Slot& slot : slots_) {
      if (slot.hash != 0) visit(slot.value);
    }
  }
  std::size_t size() const { return slots_.empty() ? 0 : size_; }  // 0 when moved from

 private:
  static constexpr std::size_t kMissing = static_cast<std::size_t>(-1);
  struct Slot {
    std::uint64_t hash = 0;  // 0: empty (hash_of never returns 0)
    std::uint32_t offset = 0, length = 0;
    Value value{};
  };

  // Eight bytes at a time (the last ones by load_partial, not a call to memcpy), multiplied and
  // folded; the length is mixed in so that keys ending in zero bytes differ.
  static std::uint64_t hash_of(std::string_view key) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = key.size() * kMultiplier;
    std::size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
      h = (h ^ byte_words::load(key.data() + i)) * kMultiplier;
      h ^= h >> 29;
    }
    if (i < key.size()) {
      h = (h ^ byte_words::load_partial(key.data() + i, key.size() - i)) * kMultiplier;
      h ^= h >> 29;
    }
    return h | 1;  // the slot index skips this bit
  }

  // Whether two runs of `size` bytes are equal; up to sixteen by two loads each, which overlap.
  // A run of none is equal to any, and may be a null pointer (a default string_view).
  static bool same_bytes(const char* a, const char* b, std::size_t size) {
    if (size == 0) return true;
    if (size >= 8 && size <= 16) {
      return byte_words::load(a) == byte_words::load(b) &&
             byte_words::load(a + size - 8) == byte_words::load(b + size - 8);
    }
    if (size < 8) return byte_words::load_partial(a, size) == byte_words::load_partial(b, size);
    return std::memcmp(a, b, size) == 0;
  }

  // The slot holding the key, or the empty slot where it would go.
  std::size_t probe(std::string_view key, std::uint64_t hash) const {
    if (slots_.empty()) return kMissing;  // moved from
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = (hash >> 1) & mask;; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.hash == 0) return at;
      if (slot.hash == hash && slot.length == key.size() &&
          same_bytes(pool_.data() + slot.offset, key.data(), key.size())) {
        return at;
      }
    }
  }

  // The key's slot, and whether the key was added.
  std::pair<std::size_t, bool> add(std::string_view key) {
    if (slots_.empty()) {  // moved from: empty again
      pool_.clear();
      size_ = 0;
    }
    if (2 * (size_ + 1) > slots_.size()) grow(std::max<std::size_t>(16, slots_.size() * 2));
    const std::uint64_t hash = hash_of(key);
    const std::size_t at = probe(key, hash);
    Slot& slot = slots_[at];
    if (slot.hash != 0) return {at, false};
    slot = {hash, static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(key.size()),
            Value{}};
    pool_ += key;
    ++size_;
    return {at, true};
  }

  // Rehashes into `size` slots, a power of two (slots_ is empty when moved from).
  void grow(std::size_t size) {
    std::vector<Slot> old(size);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (Slot& slot : old) {
      if (slot.hash == 0) continue;
      std::size_t at = (slot.hash >> 1) & mask;
      while (slots_[at].hash != 0) at = (at + 1) & mask;
      slots_[at] = std::move(slot);
    }
  }

  std::vector<Slot> slots_ = std::vector<Slot>(16);
  std::string pool_;
  std::size_t size_ = 0;
};

}  // namespace digestlint::summary
