// text/trailing-whitespace: spaces or tabs at the end of a line, reported with the line's `\r` (a
// CRLF file's) and fixed by keeping only that `\r`. The same findings as the pattern
// `(?m)[ \t]+(\r?)$`, found by looking back from each line break instead of running a regular
// expression over every byte of the document: the pattern was a twentieth of a run over real
// digests, nearly all of it reading text that ends no line.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "model/fenced_code.hpp"
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// Whether a line holds nothing but blanks (and a CRLF's `\r`): a blank line to Markdown.
bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return is_blank(c) || c == '\r'; });
}

class TrailingWhitespace final : public Analyzer {
 public:
  explicit TrailingWhitespace(const RuleSpec&) {}

  void check(const CheckContext& context) const override {
    const std::string_view text = context.source.text();
    FencedCode code;
    for (std::size_t line_begin = 0;;) {
      const std::size_t line_end = std::min(text.find('\n', line_begin), text.size());
      const bool in_code = code.inside_next(text.substr(line_begin, line_end - line_begin));
      check_line_end(context, text, line_begin, line_end, in_code);
      if (line_end == text.size()) return;
      line_begin = line_end + 1;
    }
  }

 private:
  // The blanks before line_end (a `\n`, or the end of the text) in the line from line_begin,
  // and the `\r` between them and it.
  // `in_code`: the line is inside a fenced code block, where the blanks are the code's own.
  static void check_line_end(const CheckContext& context, std::string_view text,
                             std::size_t line_begin, std::size_t line_end, bool in_code) {
    const bool crlf = line_end > line_begin && text[line_end - 1] == '\r';
    const std::size_t blanks_end = line_end - (crlf ? 1 : 0);
    std::size_t begin = blanks_end;
    while (begin > line_begin && is_blank(text[begin - 1])) --begin;
    if (begin == blanks_end) return;
    const Span span{begin, line_end};
    const bool hard_break =
        !in_code && is_hard_break(text, line_begin, begin, blanks_end, line_end);
    const std::string_view why = in_code      ? " (inside a fenced code block)"
                                 : hard_break ? " (a Markdown hard line break)"
                                              : "";
    context.sink.report(span, {{"match", std::string(text.substr(begin, line_end - begin))}},
                        Fix{span, crlf ? "\r" : "", /*safe=*/!in_code && !hard_break,
                            fmt::format("remove trailing whitespace{}", why)});
  }

  // Whether the blanks [begin, blanks_end) end in two spaces after text and before a line that
  // is not blank: Markdown then breaks the line there, and removing them joins the two lines,
  // which the author may have meant to keep apart.
  static bool is_hard_break(std::string_view text, std::size_t line_begin, std::size_t begin,
                            std::size_t blanks_end, std::size_t line_end) {
    const bool two_spaces =
        blanks_end - begin >= 2 && text[blanks_end - 1] == ' ' && text[blanks_end - 2] == ' ';
    if (!two_spaces || begin == line_begin || line_end == text.size()) return false;
    const std::size_t next_begin = line_end + 1;
    const std::size_t next_end = std::min(text.find('\n', next_begin), text.size());
    return !is_blank_line(text.substr(next_begin, next_end - next_begin));
  }
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<TrailingWhitespace>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("trailing-whitespace", /*declarative=*/false, make, {"match"},
                             {Scope::document}, ParamNames{}, {}, /*fixes=*/true)
}  // namespace digestlint
