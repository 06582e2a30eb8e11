#include "checks/glossary.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace digestlint::summary {

void Glossary::add(std::string_view stem, std::size_t id, std::string_view text) {
  if (text.size() > kMaxRenderingBytes || id > std::numeric_limits<std::uint32_t>::max() ||
      added_text_.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("glossary too large");
  }
  Record& record = records_[stem];
  if (record.begin == 0) record.begin = static_cast<std::uint32_t>(records_.size());
  added_.push_back({record.begin, static_cast<std::uint32_t>(id),
                    static_cast<std::uint32_t>(added_text_.size()),
                    static_cast<std::uint32_t>(text.size())});
  added_text_ += text;
}

void Glossary::reserve(std::size_t renderings) {
  records_.reserve(records_.size() + renderings);
  added_.reserve(added_.size() + renderings);
}

void Glossary::build() {
  // Each stem's renderings together, in the order given: counted, then placed (a counting sort),
  // then written in the order of the stems' numbers.
  const std::size_t stems = records_.size();
  std::vector<std::uint32_t> starts(stems + 2, 0);
  for (const Added& added : added_) ++starts[added.stem + 1];
  for (std::size_t stem = 1; stem <= stems; ++stem) starts[stem + 1] += starts[stem];
  std::vector<const Added*> placed(added_.size());
  std::vector<std::uint32_t> next = starts;
  for (const Added& added : added_) placed[next[added.stem]++] = &added;
  std::array<std::size_t, 256> frequency{};  // of each byte in all renderings
  for (const char c : added_text_) ++frequency[static_cast<unsigned char>(c)];
  const auto rarest = [&](std::string_view text) {
    std::size_t probe = 0;
    for (std::size_t i = 1; i < std::min<std::size_t>(text.size(), 256); ++i) {
      if (frequency[static_cast<unsigned char>(text[i])] <
          frequency[static_cast<unsigned char>(text[probe])]) {
        probe = i;
      }
    }
    return static_cast<std::uint8_t>(probe);
  };
  std::vector<std::uint32_t> offsets(stems + 2, 0);  // by stem number: its record's start
  pool_.reserve(added_text_.size() + added_.size() * kHeaderBytes);
  for (std::size_t stem = 1; stem <= stems; ++stem) {
    offsets[stem] = static_cast<std::uint32_t>(pool_.size());
    for (std::uint32_t i = starts[stem]; i < starts[stem + 1]; ++i) {
      const Added& added = *placed[i];
      const auto length = static_cast<std::uint16_t>(added.length);
      const std::uint8_t probe =
          rarest(std::string_view(added_text_).substr(added.offset, added.length));
      pool_.append(reinterpret_cast<const char*>(&added.id), sizeof added.id);
      pool_.append(reinterpret_cast<const char*>(&length), sizeof length);
      pool_.push_back(static_cast<char>(probe));
      pool_.append(added_text_, added.offset, added.length);
    }
    if (pool_.size() > std::numeric_limits<std::uint32_t>::max()) {
      throw std::length_error("glossary too large");
    }
  }
  offsets[stems + 1] = static_cast<std::uint32_t>(pool_.size());
  records_.for_each_value([&](Record& record) {
    record = {offsets[record.begin], offsets[record.begin + 1]};
  });
  added_ = {};
  added_text_ = {};
}

Glossary::Renderings Glossary::find(std::string_view stem) const {
  const Record* record = records_.find(stem);
  if (!record) return {};
  return {pool_.data() + record->begin, pool_.data() + record->end};
}

}  // namespace digestlint::summary
