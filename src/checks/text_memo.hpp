#pragma once
// What an analysis worked out from a text, kept for the texts met more than once: in an archive
// that publishes entries again (or the recombined corpora of bench/scale.py, where nearly every
// summary is a copy), and in a language server that lints a buffer again after each edit, most
// texts have been analysed before. A text met for the first time is only noted: most are never
// met again, and keeping the values of all (fresh memory for each) made a run over distinct
// digests 12% slower. Shared by the threads that check files (and the runs of a language
// server).
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/secret_polynomial.hpp"

namespace digestlint::checks {

template <typename Value>
class TextMemo {
 public:
  // A text as the memo knows it: its values at two secret points. Two texts, crafted or not,
  // share a key about once in 10^30 pairs; and since no text can be made to share even the first
  // value with another, none is placed in another's bucket but by chance.
  using Key = SecretPolynomial::Value;

  // What one memo keeps at most: the 5,000 distinct summaries of the shared corpus take about
  // 8 MiB of fingerprints. Past it the memo starts again empty, so that a language server, whose
  // edits note a new text each, keeps finding the copies of its latest texts.
  static constexpr std::size_t kBudget = 16 << 20;
  // What the allocator adds to each block, for the callers' counts of what they keep.
  static constexpr std::size_t kBlockBytes = 16;

  struct Lookup {
    std::shared_ptr<const Value> value;  // null: not kept
    bool met_before = false;
  };

  // The key of the pieces a value is made from, one after another, continued from `start`: the
  // value of what came before them (process_secret()'s, like a text hashed once for several
  // memos).
  static Key key(std::initializer_list<std::string_view> pieces, Key start = {}) {
    for (const std::string_view piece : pieces) start = process_secret().hash(piece, start);
    return start;
  }

  // What is kept for key; the first time, notes that it was met. (A key of zeros, the mark of
  // an empty slot, is never noted: a text has that value once in 2^122.)
  Lookup find(const Key& key) {
    if (key == Key{}) return {};
    const std::lock_guard lock(mutex_);
    if (!slots_.empty()) {
      const Slot& slot = slot_of(key);
      if (slot.key == key) return {slot.value, true};
    }
    note(key);
    return {};
  }

  // The value kept for key, else work_out()'s, kept when the key was met before; `bytes_of`
  // tells what a value holds (as keep() counts it).
  template <typename WorkOut, typename BytesOf>
  std::shared_ptr<const Value> value_of(const Key& key, WorkOut work_out, BytesOf bytes_of) {
    auto [kept, met_before] = find(key);
    if (kept) return kept;
    auto value = std::make_shared<const Value>(work_out());
    if (met_before) keep(key, value, bytes_of(*value));
    return value;
  }

  // Keeps the value of a key met before; `bytes`: what the value holds, blocks and all.
  void keep(const Key& key, const std::shared_ptr<const Value>& value, std::size_t bytes) {
    // The shared block holds the value beside its counts (two words).
    bytes += kBlockBytes + 2 * sizeof(void*);
    if (key == Key{}) return;  // never noted (find)
    const std::lock_guard lock(mutex_);
    if (slots_.empty() || table_bytes(slots_.size()) + bytes > kBudget) return;
    Slot& slot = slot_of(key);
    if (slot.key != key || slot.value) return;
    slot.value = value;
    kept_bytes_ += bytes;
  }

 private:
  // One array of slots, probed from the key's first value on: a lookup is one cache miss, where
  // a node-based map's bucket, node and division by a prime were most of the memos' cost.
  struct Slot {
    Key key{};  // zeros: empty
    std::shared_ptr<const Value> value;
  };
  static constexpr std::size_t kFirstSlots = 64;

  // What the memo holds with `slots` slots: the slots and the values kept.
  std::size_t table_bytes(std::size_t slots) const { return slots * sizeof(Slot) + kept_bytes_; }

  // The key's slot, or the empty one where it goes. The table is never full.
  Slot& slot_of(const Key& key) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = key.first & mask;; at = (at + 1) & mask) {
      Slot& slot = slots_[at];
      if (slot.key == key || slot.key == Key{}) return slot;
    }
  }

  // Notes a key not in the table, growing it to keep it at most half full; when that would take
  // the memo past its budget, it starts again empty.
  void note(const Key& key) {
    if (2 * (used_ + 1) > slots_.size()) {
      std::size_t size = std::max(kFirstSlots, 2 * slots_.size());
      if (table_bytes(size) > kBudget) {
        slots_ = {};
        used_ = 0;
        kept_bytes_ = 0;
        size = kFirstSlots;
      }
      grow(size);
    }
    slot_of(key).key = key;
    ++used_;
  }

  void grow(std::size_t size) {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(size));
    for (Slot& slot : old) {
      if (slot.key != Key{}) slot_of(slot.key) = std::move(slot);
    }
  }

  std::mutex mutex_;
  std::vector<Slot> slots_;     // a power of two of them, or none
  std::size_t used_ = 0;        // slots noted
  std::size_t kept_bytes_ = 0;  // of the values kept
};

}  // namespace digestlint::checks
