// summary/duplicate-summary: the same or a near-duplicate summary (or section) under two entries,
// in one digest or across the files of a run. Texts are compared as sets of character shingles;
// MinHash with banding finds candidate pairs without comparing every pair, and the exact Jaccard
// similarity of the shingle sets decides. The later text is reported, pointing at the first.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "checks/summary_signals.hpp"
#include "checks/summary_text.hpp"
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

struct Unit {
  std::size_t file = 0;
  const Entry* entry = nullptr;
  const Section* section = nullptr;  // null: the whole summary
  Span span;
  std::vector<std::uint64_t> shingles;
};

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
    std::vector<Unit> units;
    for (std::size_t f = 0; f < files.size(); ++f) {
      for (const Entry& entry : files[f].digest->entries) {
        if (entry.sections.empty()) continue;
        add(units, f, entry, nullptr, summary::summary_of(entry), summary::summary_span(entry));
        if (!sections_ || entry.sections.size() < 2) continue;
        for (const Section& section : entry.sections) {
          add(units, f, entry, &section, summary::strip_markup(section.text.text),
              section.text.span);
        }
      }
    }
    // Units are in run order; each is compared with earlier candidates from the LSH buckets.
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
    std::unordered_set<const Entry*> reported_entries;
    std::vector<std::array<std::uint64_t, kHashes>> signatures;
    signatures.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
      signatures.push_back(minhash(units[i].shingles));
      const std::array<std::uint64_t, kHashes>& signature = signatures.back();
      std::vector<std::size_t> candidates;
      for (std::size_t band = 0; band < kBands; ++band) {
        std::uint64_t key = mix(band + 1);
        for (std::size_t row = 0; row < kRows; ++row)
          key = mix(key ^ signature[band * kRows + row]);
        auto& bucket = buckets[key];
        candidates.insert(candidates.end(), bucket.begin(), bucket.end());
        bucket.push_back(i);
      }
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      const Unit& unit = units[i];
      // A section of an entry whose whole summary was already reported adds nothing.
      if (unit.section && reported_entries.contains(unit.entry)) continue;
      for (const std::size_t j : candidates) {
        const Unit& first = units[j];
        if (first.entry == unit.entry || (first.section == nullptr) != (unit.section == nullptr)) {
          continue;
        }
        // The share of agreeing signature values estimates the similarity (standard error about
        // 0.05 at 0.8); only plausible pairs pay for the exact comparison.
        std::size_t agree = 0;
        for (std::size_t k = 0; k < kHashes; ++k) agree += signatures[j][k] == signature[k];
        if (static_cast<double>(agree) / kHashes < similarity_ - 0.2) continue;
        const double similarity = summary::jaccard(first.shingles, unit.shingles);
        if (similarity < similarity_) continue;
        report(files, first, unit, similarity);
        if (!unit.section) reported_entries.insert(unit.entry);
        break;
      }
    }
  }

 private:
  void add(std::vector<Unit>& units, std::size_t file, const Entry& entry, const Section* section,
           const std::string& text, Span span) const {
    if (summary::char_count(text) < min_length_) return;
    units.push_back({file, &entry, section, span, summary::shingles(text, width_)});
  }

  // One-permutation MinHash: each shingle's hash picks a bin by its top bits and competes for
  // that bin's minimum, so a signature costs one pass however many values it holds. Empty bins
  // borrow from the next non-empty one (rotation densification), keeping signatures comparable.
  static std::array<std::uint64_t, kHashes> minhash(const std::vector<std::uint64_t>& shingles) {
    std::array<std::uint64_t, kHashes> signature;
    signature.fill(~0ull);
    for (const std::uint64_t shingle : shingles) {
      const std::uint64_t h = mix(shingle);
      const std::size_t bin = static_cast<std::size_t>(h >> 58);  // kHashes == 64 bins
      signature[bin] = std::min<std::uint64_t>(signature[bin], h & ((1ull << 58) - 1));
    }
    for (std::size_t k = 0; k < kHashes; ++k) {
      if (signature[k] != ~0ull) continue;
      for (std::size_t step = 1; step < kHashes; ++step) {
        const std::uint64_t borrowed = signature[(k + step) % kHashes];
        if (borrowed != ~0ull && borrowed < (1ull << 58)) {
          signature[k] = borrowed + (static_cast<std::uint64_t>(step) << 58);
          break;
        }
      }
    }
    return signature;
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
                             {"part", "other", "where", "similarity"})
}  // namespace digestlint
