#pragma once
// What an analysis worked out from a text, kept for the texts met more than once: in an archive
// that publishes entries again (or the recombined corpora of bench/scale.py, where nearly every
// summary is a copy), and in a language server that lints a buffer again after each edit, most
// texts have been analysed before. A text met for the first time is only noted: most are never
// met again, and keeping the values of all (fresh memory for each) made a run over distinct
// digests 12% slower. Shared by the threads that check files (and the runs of a language
// server).
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

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

  // What is kept for key; the first time, notes that it was met.
  Lookup find(const Key& key) {
    const std::lock_guard lock(mutex_);
    const auto found = kept_.find(key);
    if (found == kept_.end()) {
      make_room(kNoteBytes);
      kept_.emplace(key, nullptr);
      bytes_ += kNoteBytes;
      return {};
    }
    return {found->second, true};
  }

  // Keeps the value of a key met before; `bytes`: what the value holds, blocks and all.
  void keep(const Key& key, const std::shared_ptr<const Value>& value, std::size_t bytes) {
    // The shared block holds the value beside its counts (two words).
    bytes += kBlockBytes + 2 * sizeof(void*);
    const std::lock_guard lock(mutex_);
    const auto found = kept_.find(key);
    if (found == kept_.end() || found->second || bytes_ + bytes > kBudget) return;
    found->second = value;
    bytes_ += bytes;
  }

 private:
  struct KeyHash {
    std::size_t operator()(const Key& key) const { return key.first; }
  };

  // A noted key's share of the table: its node (the key, a pointer, the link to the next node,
  // the cached hash code) and its bucket.
  static constexpr std::size_t kNoteBytes =
      kBlockBytes + sizeof(Key) + 3 * sizeof(void*) + sizeof(void*);

  void make_room(std::size_t bytes) {
    if (bytes_ + bytes <= kBudget) return;
    kept_ = decltype(kept_)();  // clear() would keep the buckets
    bytes_ = 0;
  }

  std::mutex mutex_;
  std::unordered_map<Key, std::shared_ptr<const Value>, KeyHash> kept_;
  std::size_t bytes_ = 0;
};

}  // namespace digestlint::checks
