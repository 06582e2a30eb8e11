// summary/duplicate-summary: the same or a near-duplicate summary (or section) under two entries,
// in one digest or across the files of a run. Texts are compared as sets of character shingles
// through their MinHash signatures: banding (LSH) finds candidates without comparing every pair,
// and the share of equal signature values, an estimate of the shingle sets' Jaccard similarity,
// decides. Duplicates form clusters: the first text of a cluster is its representative, every
// later copy is reported once against it and not indexed again, so a text repeated N times costs
// N lookups. Only representatives' signatures and locations are kept for the run, never texts, so
// earlier files can be released while later ones are checked. A summary met a third time or more
// is not hashed again: its fingerprints are kept from the second (FingerprintMemo).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cache/content_hash.hpp"
#include "checks/summary_text.hpp"
#include "checks/summary_verdict.hpp"
#include "checks/text_memo.hpp"
#include "model/text.hpp"
#include "rules/analyzer.hpp"
#include "rules/compares_in_order.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

// 128 values make the similarity estimate's standard error about 0.035 at 0.8.
constexpr std::size_t kBins = 128;
// LSH over the first kBands * kRows values: a pair at similarity 0.8 shares a band with
// probability 1 - (1 - 0.8^4)^16 ≈ 0.9996.
constexpr std::size_t kBands = 16;
constexpr std::size_t kRows = 4;
// Representatives kept per band bucket: together with kBands, the most signatures one text is
// verified against (128), whatever the corpus, so an adversarial run stays linear.
constexpr std::size_t kBucketCap = 8;
static_assert(kBands * kRows <= kBins);

std::uint64_t mix(std::uint64_t x) {  // splitmix64's step
  return avalanche(x + 0x9e3779b97f4a7c15ull);
}

using Signature = std::array<std::uint64_t, kBins>;
// A signature as kept for the run: 16 bits a value (a false match costs 1/65536 a value).
using CompactSignature = std::array<std::uint16_t, kBins>;

// One-permutation MinHash: each shingle's hash picks a bin by its top bits and competes for that
// bin's minimum, so a signature costs one pass however many values it holds, and repeated or
// unsorted hashes change nothing. Empty bins borrow from the next non-empty one (rotation
// densification), keeping signatures comparable.
class MinHash {
 public:
  static constexpr int kBinBits = 7;
  static_assert(kBins == std::size_t{1} << kBinBits);
  static constexpr std::uint64_t kValueMask = (1ull << (64 - kBinBits)) - 1;

  MinHash() { bins_.fill(~0ull); }

  // A shingle hash as mix() made it: a summary's and its section's signatures read the same.
  void add(std::uint64_t mixed) {
    const auto bin = static_cast<std::size_t>(mixed >> (64 - kBinBits));
    bins_[bin] = std::min<std::uint64_t>(bins_[bin], mixed & kValueMask);
  }

  // Takes in other's shingles: a bin's minimum over both texts is the smaller of theirs.
  void merge(const MinHash& other) {
    for (std::size_t k = 0; k < kBins; ++k) bins_[k] = std::min(bins_[k], other.bins_[k]);
  }

  // An empty bin borrows the value of the nearest filled bin after it (circularly), plus its
  // distance in the top bits. Found walking round twice from the end, without a branch on
  // whether a bin is filled: in a short section about half are, in no order a predictor learns.
  Signature signature() const {
    Signature signature = bins_;
    std::size_t nearest = 0;  // the nearest filled bin at or after k, circularly
    std::size_t empty = 0;
    for (std::size_t k = kBins; k-- > 0;) {
      empty += bins_[k] == ~0ull;
      if (bins_[k] != ~0ull) nearest = k;
    }
    // Nothing to fill (most whole summaries), or nothing to borrow.
    if (empty == 0 || empty == kBins) return signature;
    // Round again: the first filled bin now stands in for those past the last one.
    for (std::size_t k = kBins; k-- > 0;) {
      // All ones where the bin is filled (masks: the compiler made a ternary a branch).
      const std::uint64_t filled = std::uint64_t{0} - (bins_[k] != ~0ull);
      nearest = (k & filled) | (nearest & ~filled);
      const auto step = static_cast<std::uint64_t>((nearest - k) & (kBins - 1));
      signature[k] = (bins_[k] & filled) | ((bins_[nearest] + (step << (64 - kBinBits))) & ~filled);
    }
    return signature;
  }

 private:
  Signature bins_;
};

CompactSignature compact(const Signature& signature) {
  CompactSignature out;
  for (std::size_t k = 0; k < kBins; ++k) out[k] = static_cast<std::uint16_t>(mix(signature[k]));
  return out;
}

// What the index needs of a text: its LSH band keys, all of them together (the key of its exact
// copies) and its signature as kept. Worked out with the signature, on the thread that checked the
// file, so the run's comparison, which takes the files one at a time, only looks up.
struct Fingerprint {
  std::array<std::uint64_t, kBands> keys{};
  std::uint64_t all_bands = 0;
  CompactSignature kept{};
};

Fingerprint fingerprint_of(const Signature& signature) {
  Fingerprint out;
  out.kept = compact(signature);
  for (std::size_t band = 0; band < kBands; ++band) {
    std::uint64_t& key = out.keys[band];
    key = mix(band + 1);
    for (std::size_t row = 0; row < kRows; ++row) key = mix(key ^ signature[band * kRows + row]);
    out.all_bands = (out.all_bands ^ key) * 0x9E3779B97F4A7C15ull;  // the keys are mixed already
  }
  return out;
}

double estimated_similarity(const CompactSignature& a, const CompactSignature& b) {
  std::size_t equal = 0;
  for (std::size_t k = 0; k < kBins; ++k) equal += a[k] == b[k];
  return static_cast<double>(equal) / kBins;
}

// The representatives filed under one LSH band key: the first in the slot itself, since most
// buckets hold a single text, any later ones in an overflow block.
struct Bucket {
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  std::uint64_t key = 0;           // 0 marks an empty slot
  std::uint32_t first = kNone;     // the bucket's first representative
  std::uint32_t overflow = kNone;  // index of the block holding the others
};

// Further representatives of a bucket, up to kBucketCap in all.
struct Overflow {
  std::array<std::uint32_t, kBucketCap - 1> ids{};
  std::uint8_t size = 0;
};

// Open addressing from a 64-bit band key to its bucket, in one flat array: a 200-day run has
// 100,000 keys, a node-based map's allocations dominated the rule's cost, and keeping key and
// members side by side makes a probe one cache miss. Filled up to three quarters: touching the
// table's fresh memory (page faults) cost more than the longer probes it saves.
class BucketTable {
 public:
  // Room for `count` more keys, so that references from bucket() stay valid until the next call.
  void make_room(std::size_t count) {
    while ((used_ + count) * 4 > buckets_.size() * 3) grow();
  }

  // Starts loading the slot where key's search begins: a text's bands are looked up one after
  // another, and their cache misses overlap instead of queueing.
  void prefetch(std::uint64_t key) const { __builtin_prefetch(&buckets_[home(key | 1)]); }

  // The bucket of key, or null when it has none.
  const Bucket* find(std::uint64_t key) const {
    if (buckets_.empty()) return nullptr;
    const Bucket& found = buckets_[slot_of(key | 1)];
    return found.key == 0 ? nullptr : &found;
  }

  // The bucket of key, empty when new; make_room() must have been called for it.
  Bucket& bucket(std::uint64_t key) {
    key |= 1;  // 0 marks an empty slot
    Bucket& found = buckets_[slot_of(key)];
    if (found.key == 0) {
      found.key = key;
      ++used_;
    }
    return found;
  }

 private:
  std::size_t home(std::uint64_t key) const { return key & (buckets_.size() - 1); }

  // The slot holding key, or the empty one where it would go.
  std::size_t slot_of(std::uint64_t key) const {
    std::size_t at = home(key);
    while (buckets_[at].key != 0 && buckets_[at].key != key) at = (at + 1) & (buckets_.size() - 1);
    return at;
  }

  void grow() {
    std::vector<Bucket> old = std::move(buckets_);
    buckets_.assign(std::max<std::size_t>(1024, old.size() * 2), Bucket{});
    for (const Bucket& bucket : old) {
      if (bucket.key != 0) buckets_[slot_of(bucket.key)] = bucket;
    }
  }

  std::vector<Bucket> buckets_;
  std::size_t used_ = 0;
};

// Where the text being checked is, its names viewed in its file's model: most texts are copies,
// which the index does not keep, and copying their names for each was a run's most frequent
// allocation.
struct Place {
  std::uint32_t file = 0;
  int entry = 0;  // 0-based index in its digest
  Span span;
  std::string_view title;
  std::string_view section;  // empty: the whole summary
};

// Where a representative is, as much as a report pointing at it needs once its file is gone.
struct Location {
  std::uint32_t file = 0;
  int entry = 0;
  Span span;
  std::string title;
  std::string section;
  std::shared_ptr<const Excerpt> excerpt = nullptr;  // for later files
};

// Texts of one entry are never reported against each other.
bool same_entry(const Location& a, const Place& b) {
  return a.file == b.file && a.entry == b.entry;
}

// The longest first line a representative keeps for the code frames of its copies: a summary
// bullet is well under it, and a longer line is read again from its file instead.
constexpr std::size_t kExcerptLineBytes = 4096;
// What one index keeps of excerpts at most: those of 10,000 recombined digests take 6 MiB, while
// a long archive of distinct summaries (whose copies are rare) would otherwise keep a line for
// every one of them; past the budget a copy's reporter reads its file again.
constexpr std::size_t kExcerptBudget = 8 << 20;

// The first text of each cluster, findable by LSH band.
class ClusterIndex {
 public:
  // The earliest representative at least `threshold` similar to signature, outside the
  // same entry; null when there is none, and then the text becomes a representative itself
  // (at `place`, with an excerpt of it in `source` while the index's excerpts stay within
  // kExcerptBudget bytes).
  const Location* match_or_add(const Fingerprint& text, const Place& place, double threshold,
                               double& similarity, const SourceFile& source) {
    const CompactSignature& kept = text.kept;
    table_.make_room(kBands);
    if (const Bucket* copied = copies_.find(text.all_bands)) {
      if (const Location* first = copy_of(copied->first, kept, place)) {
        similarity = estimated_similarity(signatures_[copied->first], kept);
        return first;
      }
    }
    // Not a plain copy: the sixteen buckets are read next, their cache misses overlapping. (A
    // copy needs none of them; prefetching them for every copy was where this function stalled.)
    for (const std::uint64_t key : text.keys) table_.prefetch(key);
    std::array<Bucket*, kBands> buckets{};
    candidates_.clear();
    for (std::size_t band = 0; band < kBands; ++band) {
      Bucket& bucket = table_.bucket(text.keys[band]);
      buckets[band] = &bucket;
      if (bucket.first != Bucket::kNone) candidates_.push_back(bucket.first);
      if (bucket.overflow != Bucket::kNone) {
        const Overflow& more = overflows_[bucket.overflow];
        candidates_.insert(candidates_.end(), more.ids.begin(), more.ids.begin() + more.size);
      }
    }
    std::sort(candidates_.begin(), candidates_.end());
    candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
    bool passed_own_entry = false;  // a similar representative was skipped as the same entry's
    for (const std::uint32_t id : candidates_) {
      // The signature first: most candidates are not similar, and their locations (cold
      // memory) need not be read.
      similarity = estimated_similarity(signatures_[id], kept);
      if (similarity < threshold) continue;
      const Location& first = firsts_[id];
      if (!same_entry(first, place)) return &first;
      passed_own_entry = true;
    }
    const auto id = static_cast<std::uint32_t>(firsts_.size());
    bool filed = false;
    for (Bucket* bucket : buckets) filed = add(*bucket, id) || filed;
    // A later copy meets the candidates this text met, and they all failed it but those of its
    // own entry: it is this text's copy when it is not in that entry (see copy_of).
    if (filed && !passed_own_entry) {
      copies_.make_room(1);
      copies_.bucket(text.all_bands).first = id;
    }
    Location& location = firsts_.emplace_back(Location{
        place.file, place.entry, place.span, std::string(place.title), std::string(place.section)});
    if (excerpt_bytes_ < kExcerptBudget) {
      location.excerpt = excerpt_of(source, location.span, kExcerptLineBytes);
      if (location.excerpt) excerpt_bytes_ += sizeof(Excerpt) + location.excerpt->first_line.size();
    }
    signatures_.push_back(kept);
    return nullptr;
  }

 private:
  // The representative `id` (filed under the same band keys as the text) when the text is its
  // copy: the same kept signature, from another entry. Such a text shares its buckets, so it meets
  // the candidates the representative met when it was filed, each as similar as it was then, and
  // the representative filed there, most similar: one probe gives the answer the sixteen bands
  // would, for the copies that make up most duplicates of a long archive.
  const Location* copy_of(std::uint32_t id, const CompactSignature& kept,
                          const Place& place) const {
    if (signatures_[id] != kept) return nullptr;
    const Location& first = firsts_[id];
    return same_entry(first, place) ? nullptr : &first;
  }

  // Files id under bucket unless it is full; whether it did.
  bool add(Bucket& bucket, std::uint32_t id) {
    if (bucket.first == Bucket::kNone) {
      bucket.first = id;
      return true;
    }
    if (bucket.overflow == Bucket::kNone) {
      bucket.overflow = static_cast<std::uint32_t>(overflows_.size());
      overflows_.emplace_back();
    }
    Overflow& more = overflows_[bucket.overflow];
    if (more.size == more.ids.size()) return false;
    more.ids[more.size++] = id;
    return true;
  }

  BucketTable table_;
  // By all of a representative's band keys together: `first` is the representative a copy of
  // it is reported against (see copy_of).
  BucketTable copies_;
  std::vector<Overflow> overflows_;
  std::vector<Location> firsts_;
  std::vector<CompactSignature> signatures_;
  std::vector<std::uint32_t> candidates_;
  std::size_t excerpt_bytes_ = 0;  // of the representatives' excerpts
};

// The fingerprints of a summary long enough to compare, and of its sections long enough (by
// section index).
struct SummaryFingerprints {
  Fingerprint whole;
  std::vector<std::pair<std::size_t, Fingerprint>> parts;
};

// An entry's, by its index in the digest (a prepared file outlives nothing, but holds no pointer
// into the model).
struct EntryFingerprints {
  std::size_t entry;
  // Shared with the memo when it keeps them: a copy is most summaries of a long archive, and
  // copying its fingerprints (a kilobyte or two) out of the memo was most of what it cost.
  std::shared_ptr<const SummaryFingerprints> summary;
};

// A file's, worked out on the thread that checked it (ComparesInOrder::prepare).
struct FileFingerprints final : PreparedFile {
  std::vector<EntryFingerprints> entries;
};

// The fingerprints of summaries met more than once, by what they are made from: a copy's
// shingles are not hashed again.
using FingerprintMemo = checks::TextMemo<SummaryFingerprints>;

// What the memo holds for a summary's fingerprints, blocks and all.
std::size_t bytes_of(const SummaryFingerprints& fingerprints) {
  const std::size_t parts = fingerprints.parts.capacity() * sizeof(fingerprints.parts[0]);
  return sizeof(SummaryFingerprints) + (parts > 0 ? FingerprintMemo::kBlockBytes + parts : 0);
}

// What a run keeps between files: the cluster indexes and the paths of the files so far.
struct Clusters final : RunState {
  ClusterIndex summaries;
  ClusterIndex sections;
  std::vector<std::string> paths;
};

class DuplicateSummary final : public Analyzer, public ComparesInOrder {
 public:
  explicit DuplicateSummary(const RuleSpec& rule) {
    const Params params(rule);
    similarity_ = params.number("similarity", 0.8);
    if (similarity_ <= 0 || similarity_ > 1) params.fail("similarity", "must be in (0, 1]");
    const double width = params.number("shingle", 5);
    if (width < 1 || width > 50) params.fail("shingle", "must be between 1 and 50");
    width_ = static_cast<std::size_t>(width);
    const double length = params.number("min-length", 60);
    if (length < 1) params.fail("min-length", "must be at least 1");
    min_length_ = static_cast<std::size_t>(length);
    sections_ = params.boolean("sections", true);
  }

  void check(const CheckContext&) const override {}

  std::unique_ptr<RunState> start_run() const override { return std::make_unique<Clusters>(); }

  std::unique_ptr<PreparedFile> prepare(const RunFile& input) const override {
    return std::make_unique<FileFingerprints>(fingerprints_of(*input.digest, input.analyses));
  }

  // Checks one file against the run so far; its findings land on this file only.
  void check_next(RunState& state, const RunFile& input,
                  const PreparedFile* prepared) const override {
    Clusters& run = static_cast<Clusters&>(state);
    const auto file = static_cast<std::uint32_t>(run.paths.size());
    run.paths.push_back(input.source->path());
    std::optional<FileFingerprints> computed;
    const FileFingerprints& fingerprints =
        prepared ? static_cast<const FileFingerprints&>(*prepared)
                 : computed.emplace(fingerprints_of(*input.digest, input.analyses));
    for (const EntryFingerprints& printed : fingerprints.entries) {
      const Entry& entry = input.digest->entries[printed.entry];
      const bool reported =
          check_text(run, run.summaries, input, file, entry, nullptr, printed.summary->whole, true);
      // A section of an entry whose whole summary was reported adds nothing, but may still be
      // the first of its own cluster.
      for (const auto& [section, fingerprint] : printed.summary->parts) {
        check_text(run, run.sections, input, file, entry, &entry.sections[section], fingerprint,
                   !reported);
      }
    }
  }

 private:
  // `analyses`: the file's, where the summary verdicts may have left its stripped summaries.
  FileFingerprints fingerprints_of(const Digest& digest, FileAnalyses* analyses) const {
    FileFingerprints fingerprints;
    const auto stripped = summary::stripped_summaries(digest, analyses);
    for (std::size_t index = 0; index < digest.entries.size(); ++index) {
      const Entry& entry = digest.entries[index];
      if (entry.sections.empty()) continue;
      // Which texts are long enough to compare, by the sections' code points (not the stripped
      // text's): the whole summary, and each section (a bit each).
      std::size_t whole_length = 0;
      std::vector<bool> signed_parts;
      for (const Section& section : entry.sections) {
        const std::size_t length = code_point_count(section.text.text);
        whole_length += length;
        signed_parts.push_back(sections_ && entry.sections.size() > 1 && length >= min_length_);
      }
      if (whole_length < min_length_) continue;
      const summary::StrippedSummary& text = (*stripped)[index];
      fingerprints.entries.push_back(
          {index, memo_.value_of(
                      memo_key(text, signed_parts), [&] { return compute(text, signed_parts); },
                      [](const SummaryFingerprints& kept) { return bytes_of(kept); })});
    }
    return fingerprints;
  }

  // Everything a summary's fingerprints are made from: its text, where its sections are, which
  // are long enough.
  FingerprintMemo::Key memo_key(const summary::StrippedSummary& stripped,
                                const std::vector<bool>& signed_parts) const {
    std::string layout;
    for (std::size_t part = 0; part < stripped.sections.size(); ++part) {
      const std::array<std::uint64_t, 3> words{stripped.sections[part].first,
                                               stripped.sections[part].second, signed_parts[part]};
      layout.append(reinterpret_cast<const char*>(words.data()), sizeof words);
    }
    return FingerprintMemo::key({layout}, stripped.hash);
  }

  // A summary's shingles are its sections' (the few spanning two sections aside), so one pass
  // over each section makes its signature, and the summary's is their merge.
  SummaryFingerprints compute(const summary::StrippedSummary& stripped,
                              const std::vector<bool>& signed_parts) const {
    MinHash whole;
    SummaryFingerprints fingerprints;
    // Exactly the room the parts take: the memo counts what it keeps by it.
    fingerprints.parts.reserve(
        static_cast<std::size_t>(std::count(signed_parts.begin(), signed_parts.end(), true)));
    for (std::size_t part_index = 0; part_index < stripped.sections.size(); ++part_index) {
      const auto [begin, end] = stripped.sections[part_index];
      MinHash part;
      summary::for_each_shingle_hash(std::string_view(stripped.text).substr(begin, end - begin),
                                     width_, [&part](std::uint64_t hash) { part.add(mix(hash)); });
      whole.merge(part);
      if (signed_parts[part_index]) {
        fingerprints.parts.emplace_back(part_index, fingerprint_of(part.signature()));
      }
    }
    fingerprints.whole = fingerprint_of(whole.signature());
    return fingerprints;
  }

  bool check_text(const Clusters& run, ClusterIndex& index, const RunFile& input,
                  std::uint32_t file, const Entry& entry, const Section* section,
                  const Fingerprint& fingerprint, bool report_it) const {
    const Place here{file, entry.index, section ? section->text.span : summary::summary_span(entry),
                     entry.title.text, section ? section->name.text : std::string_view()};
    double similarity = 0;
    const Location* first =
        index.match_or_add(fingerprint, here, similarity_, similarity, *input.source);
    if (first == nullptr) return false;  // `here` is a representative now
    if (report_it) report(run, input, *first, here, similarity);
    return true;
  }

  static std::string part_name(std::string_view section) {
    return section.empty() ? "summary" : fmt::format("section '{}'", section);
  }

  static void report(const Clusters& run, const RunFile& input, const Location& first,
                     const Place& later, double similarity) {
    const bool same_file = first.file == later.file;
    const std::string& first_path = run.paths[first.file];
    std::string where = same_file ? fmt::format("entry {}", first.entry + 1)
                                  : fmt::format("{} entry {}", first_path, first.entry + 1);
    RelatedLocation related{same_file ? std::string() : first_path, first.span,
                            fmt::format("first {} ('{}')", part_name(first.section), first.title),
                            same_file ? nullptr : first.excerpt};
    // Moved in rather than listed: an initializer list's strings are copied, and a run over a
    // long archive reports a copy for most of its summaries.
    MessageArgs args;
    args.reserve(4);
    args.emplace_back("part", part_name(later.section));
    args.emplace_back("other", first.title);
    args.emplace_back("where", std::move(where));
    args.emplace_back("similarity", fmt::format("{:.0f}%", similarity * 100));
    input.sink->report(later.span, args, std::nullopt, {std::move(related)});
  }

  double similarity_ = 0.8;
  std::size_t width_ = 5;
  std::size_t min_length_ = 60;
  bool sections_ = true;
  mutable FingerprintMemo memo_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<DuplicateSummary>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("duplicate-summary", false, make,
                             {"part", "other", "where", "similarity"}, {Scope::summary},
                             ParamNames{"similarity", "shingle", "min-length", "sections"})
}  // namespace digestlint
