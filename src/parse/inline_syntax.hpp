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

// A section label starting at text[begin]: `**Name**:`, `***Name***:`, `**Name:**`, or one with
// unbalanced emphasis such as `***Name*:`. The colon is required, so a bullet that merely starts
// with bold text is not a label. `after` is the offset past the label.
struct SectionLabel {
  Span name;
  int open_stars;
  int close_stars;
  std::size_t after;
};
std::optional<SectionLabel> parse_section_label(std::string_view text, std::size_t begin,
                                                std::size_t end);

// The arXiv id named by an arxiv.org abs/pdf URL ("2409.18869v2"), or empty.
std::string_view arxiv_id_in(std::string_view url);

}  // namespace digestlint
