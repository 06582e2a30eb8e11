#include "parse/inline_syntax.hpp"

namespace digestlint {
namespace {

// Offset of the bracket closing the one at `open`, honouring nesting and escapes.
std::optional<std::size_t> matching(std::string_view text, std::size_t open, std::size_t end,
                                    char opening, char closing) {
  int depth = 0;
  for (std::size_t i = open; i < end; ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == opening) {
      ++depth;
    } else if (text[i] == closing && --depth == 0) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<LinkSyntax> parse_link(std::string_view text, std::size_t begin, std::size_t end) {
  if (begin >= end || text[begin] != '[') return std::nullopt;
  const auto close_text = matching(text, begin, end, '[', ']');
  if (!close_text || *close_text + 1 >= end || text[*close_text + 1] != '(') return std::nullopt;
  const std::size_t open = *close_text + 1;
  const auto close = matching(text, open, end, '(', ')');
  if (!close) return std::nullopt;
  std::size_t dest_begin = open + 1;
  std::size_t dest_end = *close;
  text = text.substr(0, dest_end);  // the searches below stop at the destination's end
  while (dest_begin < dest_end && text[dest_begin] == ' ') ++dest_begin;
  if (dest_begin < dest_end && text[dest_begin] == '<') {
    const auto angle = text.find('>', dest_begin);
    if (angle < dest_end) return LinkSyntax{{begin + 1, *close_text}, {dest_begin + 1, angle}};
  }
  // A link title ("…") after a space is not part of the destination.
  const auto space = text.find(' ', dest_begin);
  if (space < dest_end) dest_end = space;
  return LinkSyntax{{begin + 1, *close_text}, {dest_begin, dest_end}};
}

std::optional<SectionLabel> parse_section_label(std::string_view text, std::size_t begin,
                                                std::size_t end) {
  const auto count_stars = [&](std::size_t& pos) {
    int stars = 0;
    while (pos < end && text[pos] == '*') ++pos, ++stars;
    return stars;
  };
  std::size_t pos = begin;
  const int open = count_stars(pos);
  if (open == 0 || open > 3) return std::nullopt;
  const std::size_t name_begin = pos;
  while (pos < end && text[pos] != '*' && text[pos] != '\n') ++pos;
  std::size_t name_end = pos;
  const bool colon_inside = name_end > name_begin && text[name_end - 1] == ':';  // **Name:**
  if (colon_inside) --name_end;
  while (name_end > name_begin && text[name_end - 1] == ' ') --name_end;
  if (name_end == name_begin || pos == end) return std::nullopt;
  const int close = count_stars(pos);
  if (!colon_inside) {
    while (pos < end && text[pos] == ' ') ++pos;
    if (pos == end || text[pos] != ':') return std::nullopt;
    ++pos;
  }
  return SectionLabel{{name_begin, name_end}, open, close, pos};
}

std::string_view arxiv_id_in(std::string_view url) {
  const auto host = url.find("arxiv.org/");
  if (host == std::string_view::npos) return {};
  std::string_view path = url.substr(host + 10);
  for (const std::string_view prefix : {"abs/", "pdf/", "html/"}) {
    if (!path.starts_with(prefix)) continue;
    std::string_view id = path.substr(prefix.size());
    id = id.substr(0, id.find_first_of("?#"));
    if (id.ends_with(".pdf")) id.remove_suffix(4);
    while (id.ends_with('/')) id.remove_suffix(1);
    return id;
  }
  return {};
}

}  // namespace digestlint
