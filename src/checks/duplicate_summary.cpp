// summary/duplicate-summary: the same or a near-duplicate summary (or section) under two entries,
// in one digest or across the files of a run. Texts are compared as sets of character shingles;
// MinHash with banding finds candidate pairs without comparing every pair, and the exact Jaccard
// similarity of the shingle sets decides. The later text is reported, pointing at the first.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "checks/summary_text.hpp"
#include "checks/summary_verdict.hpp"
#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

constexpr std::size_t kBands = 16;
constexpr std::size_t kRows = 4;
constexpr std::size_t kHashes = kBands * kRows;
static_assert(kHashes == 64, "minhash() uses the top 6 hash bits as the bin");

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// One-permutation MinHash: each shingle's hash picks a bin by its top bits and competes for that
// bin's minimum, so a signature costs one pass however many values it holds, and repeated or
// unsorted hashes change nothing. Empty bins borrow from the next non-empty one (rotation
// densification), keeping signatures comparable.
class MinHash {
 public:
  MinHash() { bins_.fill(~0ull); }

  void add(const std::vector<std::uint64_t>& hashes) {
    for (const std::uint64_t shingle : hashes) {
      const std::uint64_t h = mix(shingle);
      const std::size_t bin = static_cast<std::size_t>(h >> 58);  // kHashes == 64 bins
      bins_[bin] = std::min<std::uint64_t>(bins_[bin], h & ((1ull << 58) - 1));
    }
  }

  std::array<std::uint64_t, kHashes> signature() const {
    std::array<std::uint64_t, kHashes> signature = bins_;
    for (std::size_t k = 0; k < kHashes; ++k) {
      if (signature[k] != ~0ull) continue;
      for (std::size_t step = 1; step < kHashes; ++step) {
        const std::uint64_t borrowed = bins_[(k + step) % kHashes];
        if (borrowed != ~0ull) {
          signature[k] = borrowed + (static_cast<std::uint64_t>(step) << 58);
          break;
        }
      }
    }
    return signature;
  }

 private:
  std::array<std::uint64_t, kHashes> bins_;
};

// The newest unit seen per LSH bucket key: open addressing in two flat arrays, because a run
// has tens of thousands of keys and a node-based map's allocations dominated the rule's cost.
class BucketTable {
 public:
  // The unit stored under key (~0 when none yet), writable until the next call.
  std::size_t& slot(std::uint64_t key) {
    if ((used_ + 1) * 2 > keys_.size()) grow();
    key |= 1;  // 0 marks an empty slot
    std::size_t at = find(key);
    if (keys_[at] == 0) {
      keys_[at] = key;
      ++used_;
    }
    return units_[at];
  }

 private:
  std::size_t find(std::uint64_t key) const {
    std::size_t at = key & (keys_.size() - 1);
    while (keys_[at] != 0 && keys_[at] != key) at = (at + 1) & (keys_.size() - 1);
    return at;
  }

  void grow() {
    std::vector<std::uint64_t> keys = std::move(keys_);
    std::vector<std::size_t> units = std::move(units_);
    keys_.assign(std::max<std::size_t>(1024, keys.size() * 2), 0);
    units_.assign(keys_.size(), ~std::size_t{0});
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (keys[k] == 0) continue;
      const std::size_t at = find(keys[k]);
      keys_[at] = keys[k];
      units_[at] = units[k];
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::size_t> units_;
  std::size_t used_ = 0;
};

struct Unit {
  std::size_t file = 0;
  const Entry* entry = nullptr;
  const Section* section = nullptr;  // null: the whole summary
  Span span;
};

std::vector<std::uint64_t> merged(const std::vector<std::vector<std::uint64_t>>& sets) {
  std::vector<std::uint64_t> all;
  for (const auto& set : sets) all.insert(all.end(), set.begin(), set.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

class DuplicateSummary final : public Analyzer {
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
  bool needs_whole_run() const override { return true; }

  void check_run(const std::vector<RunFile>& files) const override {
    Matcher matcher(*this, files);
    for (std::size_t f = 0; f < files.size(); ++f) {
      for (const Entry& entry : files[f].digest->entries) {
        if (entry.sections.empty()) continue;
        // A summary's shingles are its sections' (the few spanning two sections aside), so one
        // pass over each section feeds both signatures.
        MinHash whole;
        std::size_t whole_length = 0;
        std::vector<std::pair<Unit, MinHash>> parts;
        for (const Section& section : entry.sections) {
          const std::vector<std::uint64_t> hashes = section_hashes(section);
          const std::size_t length = summary::char_count(section.text.text);
          whole.add(hashes);
          whole_length += length;
          if (!sections_ || entry.sections.size() < 2 || length < min_length_) continue;
          MinHash part;
          part.add(hashes);
          parts.emplace_back(Unit{f, &entry, &section, section.text.span}, part);
        }
        if (whole_length < min_length_) continue;
        matcher.add({f, &entry, nullptr, summary::summary_span(entry)}, whole.signature());
        for (const auto& [unit, part] : parts) matcher.add(unit, part.signature());
      }
    }
  }

 private:
  // Takes units in run order and compares each with the earlier ones that share an LSH bucket.
  // Only the units and one table of bucket chains are kept for the whole run, not signatures or
  // shingle sets: the rare candidate pairs recompute their shingles for the exact comparison.
  class Matcher {
   public:
    Matcher(const DuplicateSummary& rule, const std::vector<RunFile>& files)
        : rule_(rule), files_(files) {}

    void add(const Unit& unit, const std::array<std::uint64_t, kHashes>& signature) {
      const std::size_t i = units_.size();
      units_.push_back(unit);
      candidates_.clear();
      for (std::size_t band = 0; band < kBands; ++band) {
        std::uint64_t key = mix(band + 1);
        for (std::size_t row = 0; row < kRows; ++row)
          key = mix(key ^ signature[band * kRows + row]);
        std::size_t& newest = newest_.slot(key);
        for (std::size_t j = newest; j != kNone; j = earlier_[j * kBands + band])
          candidates_.push_back(j);
        earlier_.push_back(newest);  // earlier_[i * kBands + band]
        newest = i;
      }
      // A section of an entry whose whole summary was already reported adds nothing.
      if (unit.section && reported_entries_.contains(unit.entry)) return;
      std::sort(candidates_.begin(), candidates_.end());
      candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
      for (const std::size_t j : candidates_) {
        const Unit& first = units_[j];
        if (first.entry == unit.entry || (first.section == nullptr) != (unit.section == nullptr))
          continue;
        const double similarity =
            summary::jaccard(rule_.shingles_of(first), rule_.shingles_of(unit));
        if (similarity < rule_.similarity_) continue;
        report(files_, first, unit, similarity);
        if (!unit.section) reported_entries_.insert(unit.entry);
        return;
      }
    }

   private:
    static constexpr std::size_t kNone = ~std::size_t{0};
    const DuplicateSummary& rule_;
    const std::vector<RunFile>& files_;
    std::vector<Unit> units_;
    BucketTable newest_;
    std::vector<std::size_t> earlier_;  // per (unit, band): the previous unit in that bucket
    std::unordered_set<const Entry*> reported_entries_;
    std::vector<std::size_t> candidates_;
  };

 private:
  std::vector<std::uint64_t> section_shingles(const Section& section) const {
    return summary::shingles(summary::strip_markup(section.text.text), width_);
  }

  std::vector<std::uint64_t> section_hashes(const Section& section) const {
    return summary::shingle_hashes(summary::strip_markup(section.text.text), width_);
  }

  std::vector<std::uint64_t> shingles_of(const Unit& unit) const {
    if (unit.section) return section_shingles(*unit.section);
    std::vector<std::vector<std::uint64_t>> sets;
    for (const Section& section : unit.entry->sections) sets.push_back(section_shingles(section));
    return merged(sets);
  }

  static void report(const std::vector<RunFile>& files, const Unit& first, const Unit& later,
                     double similarity) {
    const bool same_file = first.file == later.file;
    const std::string where =
        same_file
            ? fmt::format("entry {}", first.entry->index + 1)
            : fmt::format("{} entry {}", files[first.file].source->path(), first.entry->index + 1);
    const std::string part =
        later.section ? fmt::format("section '{}'", later.section->name.text) : "summary";
    const std::string first_part =
        first.section ? fmt::format("section '{}'", first.section->name.text) : "summary";
    RelatedLocation related{same_file ? std::string() : files[first.file].source->path(),
                            first.span,
                            fmt::format("first {} ('{}')", first_part, first.entry->title.text)};
    files[later.file].sink->report(later.span,
                                   {{"part", part},
                                    {"other", std::string(first.entry->title.text)},
                                    {"where", where},
                                    {"similarity", fmt::format("{:.0f}%", similarity * 100)}},
                                   std::nullopt, {std::move(related)});
  }

  double similarity_ = 0.8;
  std::size_t width_ = 5;
  std::size_t min_length_ = 60;
  bool sections_ = true;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<DuplicateSummary>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("summary-duplicate", false, make,
                             {"part", "other", "where", "similarity"}, {Scope::summary},
                             ParamNames{"similarity", "shingle", "min-length", "sections"})
}  // namespace digestlint
