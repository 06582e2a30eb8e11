#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace digestlint::lsp {

// An LSP position: 0-based line and UTF-16 code unit offset in that line.
struct TextPosition {
  int line = 0;
  int character = 0;
};

struct TextRange {
  TextPosition start;
  TextPosition end;
};

// One entry of didChange's contentChanges: a range edit, or the whole text when range is empty.
struct TextChange {
  std::optional<TextRange> range;
  std::string text;
};

// Byte offset of an LSP position in UTF-8 text. Lines end at '\n', "\r\n" or a lone '\r', as
// the protocol counts them (the line break is not part of the line). Out-of-range positions clamp
// as the protocol asks: a character past the end of its line means the line end, a line past the
// last line means the end of the text. A character inside a surrogate pair rounds down to the start
// of the code point.
std::size_t byte_offset(std::string_view text, TextPosition position);

// The LSP position of a byte offset (inverse of byte_offset for offsets at code point starts).
TextPosition text_position(std::string_view text, std::size_t offset);

// Applies one change in place; a range whose end precedes its start is treated as empty.
void apply_change(std::string& text, const TextChange& change);

// An open document, as the client sees it.
struct Document {
  std::string uri;
  std::string path;  // file system path, or the URI for non-file documents
  int version = 0;
  std::string text;
  bool lintable = false;  // a Markdown document (by languageId); others are only kept
};

// The documents the client has opened, by URI.
class DocumentStore {
 public:
  Document& open(const std::string& uri, std::string path, int version, std::string text);
  // Applies changes in order; returns nullptr for a document that is not open.
  Document* change(const std::string& uri, int version, const std::vector<TextChange>& changes);
  void close(const std::string& uri) { documents_.erase(uri); }
  Document* find(const std::string& uri);
  const std::map<std::string, Document>& all() const { return documents_; }

 private:
  std::map<std::string, Document> documents_;
};

}  // namespace digestlint::lsp
