// text/trailing-whitespace: spaces or tabs at the end of a line, reported with the line's `\r` (a
// CRLF file's) and fixed by keeping only that `\r`. The same findings as the pattern
// `(?m)[ \t]+(\r?)$`, found by looking back from each line break instead of running a regular
// expression over every byte of the document: the pattern was a twentieth of a run over real
// digests, nearly all of it reading text that ends no line.
#include <cstring>
#include <string>
#include <string_view>

#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

class TrailingWhitespace final : public Analyzer {
 public:
  explicit TrailingWhitespace(const RuleSpec&) {}

  void check(const CheckContext& context) const override {
    const std::string_view text = context.source.text();
    std::size_t line_end = 0;
    for (std::size_t from = 0; from <= text.size(); from = line_end + 1) {
      const void* newline =
          from < text.size() ? std::memchr(text.data() + from, '\n', text.size() - from) : nullptr;
      line_end = newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data())
                         : text.size();
      check_line_end(context, text, from, line_end);
    }
  }

 private:
  // The blanks before line_end (a `\n`, or the end of the text) in the line from line_begin,
  // and the `\r` between them and it.
  static void check_line_end(const CheckContext& context, std::string_view text,
                             std::size_t line_begin, std::size_t line_end) {
    const bool crlf = line_end > line_begin && text[line_end - 1] == '\r';
    const std::size_t blanks_end = line_end - (crlf ? 1 : 0);
    std::size_t begin = blanks_end;
    while (begin > line_begin && is_blank(text[begin - 1])) --begin;
    if (begin == blanks_end) return;
    const Span span{begin, line_end};
    context.sink.report(span, {{"match", std::string(text.substr(begin, line_end - begin))}},
                        Fix{span, crlf ? "\r" : "", /*safe=*/true, "remove trailing whitespace"});
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<TrailingWhitespace>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("trailing-whitespace", /*declarative=*/false, make, {"match"},
                             {Scope::document}, ParamNames{})
}  // namespace digestlint
