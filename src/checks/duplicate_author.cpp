// authors/duplicate: an author is listed once per entry.
#include <algorithm>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/text_util.hpp"
#include "model/source.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

bool has_word(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    if (checks::is_word(decode_utf8(text, i, length))) return true;
    i += length;
  }
  return false;
}

// An author with a word in its name, as compared: where its key is in the entry's keys, and where
// it is listed.
struct Listed {
  std::size_t key_begin, key_size;  // in Keys::text
  std::size_t author;               // index in the entry's authors
  bool repeats_previous = false;    // the same key as the author with a word listed just before
};

class DuplicateAuthor final : public Analyzer {
 public:
  void check(const CheckContext& ctx) const override {
    const Profile* profile = ctx.digest.profile.get();
    const bool adjacent_repeats_allowed = profile && profile->adjacent_author_repeats;
    // Kept across entries: an entry's keys are written one after another in one string and
    // sorted by index, where a map allocated a node and a string for every author (a twentieth
    // of a run's allocations).
    std::string keys;
    std::vector<Listed> listed;
    std::vector<std::size_t> by_key;  // indices into listed, by key and then listing order
    std::vector<std::size_t> first;   // each listing's first: the earliest with its key
    const auto key_of = [&](std::size_t k) {
      return std::string_view(keys).substr(listed[k].key_begin, listed[k].key_size);
    };
    for (const Entry& entry : ctx.digest.entries) {
      keys.clear();
      listed.clear();
      for (std::size_t index = 0; index < entry.authors.size(); ++index) {
        const std::string_view name = entry.authors[index].name.text;
        // Placeholders such as "+" or "…" are authors/placeholder's business.
        if (!has_word(name)) continue;
        const std::size_t begin = keys.size();
        checks::append_normalized(keys, name, /*keep_spaces=*/false);
        listed.push_back({begin, keys.size() - begin, index});
        const std::size_t k = listed.size() - 1;
        listed[k].repeats_previous = k > 0 && key_of(k - 1) == key_of(k);
      }
      by_key.resize(listed.size());
      std::iota(by_key.begin(), by_key.end(), std::size_t{0});
      std::sort(by_key.begin(), by_key.end(), [&](std::size_t a, std::size_t b) {
        return std::pair(key_of(a), a) < std::pair(key_of(b), b);
      });
      first.resize(listed.size());
      for (std::size_t k = 0; k < by_key.size(); ++k) {
        const bool same_key = k > 0 && key_of(by_key[k - 1]) == key_of(by_key[k]);
        first[by_key[k]] = same_key ? first[by_key[k - 1]] : by_key[k];
      }
      for (std::size_t k = 0; k < listed.size(); ++k) {
        if (first[k] == k || (listed[k].repeats_previous && adjacent_repeats_allowed)) continue;
        const Author& author = entry.authors[listed[k].author];
        const Author& earlier = entry.authors[listed[first[k]].author];
        ctx.sink.report(author.name.span, {{"author", std::string(author.name.text)}},
                        Fix{author.item, "", /*safe=*/false, "remove the repeated author"},
                        {RelatedLocation{"", earlier.name.span, "first listed here"}});
      }
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& /*rule*/) {
  return std::make_unique<DuplicateAuthor>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("duplicate-author", /*declarative=*/false, make, {"author"},
                             {Scope::author}, ParamNames{}, {}, /*fixes=*/true)
}  // namespace digestlint
