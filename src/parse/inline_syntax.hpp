#pragma once
#include <optional>
#include <string_view>

#include "model/source.hpp"

namespace digestlint {

// `[text](destination)` starting at text[begin] == '['; brackets may nest, `\` escapes.
struct LinkSyntax {
  Span text;
  Span destination;
};
std::optional<LinkSyntax> parse_link(std::string_view text, std::size_t begin, std::size_t end);

// `**Name**:` or `**Name:**` starting at text[begin]; `after` is the offset past the colon.
struct BoldLabel {
  Span name;
  std::size_t after;
};
std::optional<BoldLabel> parse_bold_label(std::string_view text, std::size_t begin,
                                          std::size_t end);

// The arXiv id named by an arxiv.org abs/pdf URL ("2409.18869v2"), or empty.
std::string_view arxiv_id_in(std::string_view url);

}  // namespace digestlint
