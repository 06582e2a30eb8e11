// structure/duplicate-entry: a paper is listed once per digest, by arXiv id and by title.
#include <fmt/format.h>

#include <map>

#include "checks/arxiv_id.hpp"
#include "checks/text_util.hpp"
#include "model/source.hpp"
#include "model/text.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

// Words of the title, case-folded and joined by single spaces: punctuation and spacing do not
// make two titles different ("Next-Token Prediction" == "next token prediction"). Read as it is
// decoded, ASCII (most titles) without decoding.
std::string title_key(std::string_view title) {
  std::string key;
  key.reserve(title.size());
  bool gap = false;
  // Before a word character: one space for the characters between it and the word before.
  const auto separate = [&] {
    if (gap) key += ' ';
    gap = false;
  };
  for (std::size_t i = 0; i < title.size();) {
    if (const char byte = title[i]; static_cast<unsigned char>(byte) < 0x80) {
      ++i;
      if (!is_ascii_alnum(byte)) {
        gap = !key.empty();
        continue;
      }
      separate();
      key += ascii_lowered(byte);
      continue;
    }
    std::size_t length = 0;
    const char32_t cp = decode_utf8(title, i, length);
    i += length;
    if (!checks::is_word(cp)) {
      gap = !key.empty();
      continue;
    }
    separate();
    checks::append_utf8(key, checks::fold_case(cp));
  }
  return key;
}

class DuplicateEntry final : public Analyzer {
 public:
  void check(const CheckContext& ctx) const override {
    std::map<std::string, const Entry*, std::less<>> by_id;
    std::map<std::string, const Entry*, std::less<>> by_title;
    const auto links = checks::entry_links(ctx.digest, ctx.analyses);
    for (const Entry& entry : ctx.digest.entries) {
      const Entry* first = nullptr;
      std::string key;
      if (const auto linked = checks::linked_id(entry, *links)) {
        const auto [it, inserted] = by_id.emplace(std::string(linked->id.base), &entry);
        if (!inserted) first = it->second, key = fmt::format("arXiv id {}", linked->id.base);
      }
      if (std::string title = title_key(entry.title.text); !title.empty()) {
        const auto [it, inserted] = by_title.emplace(std::move(title), &entry);
        if (!inserted && first == nullptr) {
          first = it->second, key = fmt::format("title '{}'", entry.title.text);
        }
      }
      if (first == nullptr) continue;
      const int first_line = ctx.source.line_of(first->heading.span.begin);
      ctx.sink.report(entry.heading.span,
                      {{"key", key},
                       {"first_line", std::to_string(first_line)},
                       {"first_entry", std::to_string(first->index + 1)}},
                      std::nullopt,
                      {RelatedLocation{"", first->heading.span, "first listed here"}});
    }
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& /*rule*/) {
  return std::make_unique<DuplicateEntry>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("duplicate-entry", /*declarative=*/false, make,
                             {"key", "first_line", "first_entry"}, {Scope::entry}, ParamNames{})
}  // namespace digestlint
