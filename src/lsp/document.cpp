#include "lsp/document.hpp"

#include <algorithm>

#include "model/source.hpp"
#include "model/text.hpp"

namespace digestlint::lsp {
namespace {

// [begin, end) of a 0-based line without its terminator; a line past the end is empty at the end.
std::pair<std::size_t, std::size_t> line_bounds(std::string_view text, int line) {
  std::size_t begin = 0;
  for (int i = 0; i < line; ++i) {
    const std::size_t after = next_line_break(text, begin).second;
    if (after == std::string_view::npos) return {text.size(), text.size()};
    begin = after;
  }
  return {begin, std::min(next_line_break(text, begin).first, text.size())};
}

}  // namespace

std::size_t byte_offset(std::string_view text, TextPosition position) {
  if (position.line < 0) return 0;
  const auto [begin, end] = line_bounds(text, position.line);
  std::size_t offset = begin;
  int units = 0;
  while (offset < end && units < position.character) {
    std::size_t length = 0;
    const char32_t cp = decode_utf8(text, offset, length);
    const int width = cp >= 0x10000 ? 2 : 1;
    if (units + width > position.character) break;  // inside a surrogate pair
    units += width;
    offset += length;
  }
  return std::min(offset, end);
}

TextPosition text_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const LineStart line = line_start_of(text, offset);
  return {line.line, utf16_length(text.substr(line.start, offset - line.start))};
}

void apply_change(std::string& text, const TextChange& change) {
  if (!change.range) {
    text = change.text;
    return;
  }
  const std::size_t begin = byte_offset(text, change.range->start);
  const std::size_t end = std::max(begin, byte_offset(text, change.range->end));
  text.replace(begin, end - begin, change.text);
}

Document& DocumentStore::open(const std::string& uri, std::string path, int version,
                              std::string text) {
  Document& document = documents_[uri];
  document = Document{uri, std::move(path), version, std::move(text)};
  return document;
}

Document* DocumentStore::change(const std::string& uri, int version,
                                const std::vector<TextChange>& changes) {
  Document* document = find(uri);
  if (!document) return nullptr;
  for (const TextChange& change : changes) apply_change(document->text, change);
  document->version = version;
  return document;
}

Document* DocumentStore::find(const std::string& uri) {
  const auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

}  // namespace digestlint::lsp
