// authors/duplicate: an author is listed once per entry.
#include <map>

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

class DuplicateAuthor final : public Analyzer {
 public:
  void check(const CheckContext& ctx) const override {
    const Profile* profile = ctx.digest.profile.get();
    const bool adjacent_repeats_allowed = profile && profile->adjacent_author_repeats;
    for (const Entry& entry : ctx.digest.entries) {
      std::map<std::string, const Author*, std::less<>> seen;
      std::string previous;
      for (const Author& author : entry.authors) {
        // Placeholders such as "+" or "…" are authors/placeholder's business.
        if (!has_word(author.name.text)) continue;
        std::string key = checks::normalize_without_spaces(author.name.text);
        const bool adjacent_repeat = key == previous;
        previous = key;
        const auto [it, inserted] = seen.emplace(std::move(key), &author);
        if (inserted || (adjacent_repeat && adjacent_repeats_allowed)) continue;
        ctx.sink.report(author.name.span, {{"author", std::string(author.name.text)}},
                        Fix{author.item, "", /*safe=*/false, "remove the repeated author"},
                        {RelatedLocation{"", it->second->name.span, "first listed here"}});
      }
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& /*rule*/) {
  return std::make_unique<DuplicateAuthor>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("duplicate-author", /*declarative=*/false, make, {"author"},
                             {Scope::author}, ParamNames{})
}  // namespace digestlint
