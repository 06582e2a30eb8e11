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
#include <cstdint>
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

  // What is kept for key; the first time, notes that it was met. (A key whose first value is 0,
  // the mark of an empty slot, is never noted: a text has that value once in 2^61.)
  Lookup find(const Key& key) {
    if (key.first == 0) return {};
    const std::lock_guard lock(mutex_);
    if (!kept_.empty()) {
      const Slot& slot = kept_slot(key);
      if (slot.key == key) return {slot.value, true};
    }
    return {nullptr, !note(key.first)};
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

  // Keeps the value of a key met before, unless one is kept for it already; `bytes`: what the
  // value holds, blocks and all.
  void keep(const Key& key, const std::shared_ptr<const Value>& value, std::size_t bytes) {
    // The shared block holds the value beside its counts (two words).
    bytes += kBlockBytes + 2 * sizeof(void*);
    if (key.first == 0) return;  // never noted (find)
    const std::lock_guard lock(mutex_);
    if (met_.empty() || met_[met_slot(key.first)] != key.first) return;  // not met before
    if (!kept_.empty() && kept_slot(key).key == key) return;             // kept already
    std::size_t size = kept_.size();
    if (2 * (kept_used_ + 1) > size) size = std::max(kFirstSlots, 2 * size);
    if (table_bytes(met_.size(), size) + bytes > kBudget) return;
    if (size != kept_.size()) grow_kept(size);
    kept_slot(key) = {key, value};
    ++kept_used_;
    kept_bytes_ += bytes;
  }

 private:
  // Texts met are noted by the first of their key's values alone, in an array probed from it:
  // most texts are met once, and a note of eight bytes (a fourth of a slot with a value) keeps
  // the table of a run over distinct digests small, where its fresh pages were most of the
  // memos' cost. Two texts that share a first value (once in 2^61 pairs) only share the note:
  // the second may be kept on its first meeting, and is still found by its whole key.
  // The values, of texts met twice, are in a table of their own.
  struct Slot {
    Key key{};  // zeros: empty
    std::shared_ptr<const Value> value;
  };
  static constexpr std::size_t kFirstSlots = 64;

  // What the memo holds with `met` notes' and `kept` values' slots: those and the values kept.
  std::size_t table_bytes(std::size_t met, std::size_t kept) const {
    return met * sizeof(std::uint64_t) + kept * sizeof(Slot) + kept_bytes_;
  }

  // The note's slot, or the empty one where it goes; the table is never full.
  std::size_t met_slot(std::uint64_t first) const {
    const std::size_t mask = met_.size() - 1;
    std::size_t at = first & mask;
    while (met_[at] != first && met_[at] != 0) at = (at + 1) & mask;
    return at;
  }

  // The key's slot among the values, or the empty one where it goes.
  Slot& kept_slot(const Key& key) {
    const std::size_t mask = kept_.size() - 1;
    for (std::size_t at = key.first & mask;; at = (at + 1) & mask) {
      Slot& slot = kept_[at];
      if (slot.key == key || slot.key == Key{}) return slot;
    }
  }

  // Notes a text by its key's first value; whether it was not noted yet. The notes are kept at
  // most half full; when growing them would take the memo past its budget, it starts again
  // empty, values and all.
  bool note(std::uint64_t first) {
    if (!met_.empty() && met_[met_slot(first)] == first) return false;
    if (2 * (met_used_ + 1) > met_.size()) {
      std::size_t size = std::max(kFirstSlots, 2 * met_.size());
      if (table_bytes(size, kept_.size()) > kBudget) {
        met_ = {};
        met_used_ = 0;
        kept_ = {};
        kept_used_ = 0;
        kept_bytes_ = 0;
        size = kFirstSlots;
      }
      std::vector<std::uint64_t> old = std::exchange(met_, std::vector<std::uint64_t>(size));
      for (const std::uint64_t noted : old) {
        if (noted != 0) met_[met_slot(noted)] = noted;
      }
    }
    met_[met_slot(first)] = first;
    ++met_used_;
    return true;
  }

  void grow_kept(std::size_t size) {
    std::vector<Slot> old = std::exchange(kept_, std::vector<Slot>(size));
    for (Slot& slot : old) {
      if (slot.key != Key{}) kept_slot(slot.key) = std::move(slot);
    }
  }

  std::mutex mutex_;
  std::vector<std::uint64_t> met_;  // a power of two of notes (0: empty), or none
  std::size_t met_used_ = 0;
  std::vector<Slot> kept_;  // a power of two of slots, or none
  std::size_t kept_used_ = 0;
  std::size_t kept_bytes_ = 0;  // of the values kept
};

}  // namespace digestlint::checks
