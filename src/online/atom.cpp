#include "online/atom.hpp"

#include <pugixml.hpp>

#include "model/text.hpp"

namespace digestlint::online {
namespace {

// "http://arxiv.org/abs/2409.18869v1" → "2409.18869"; empty for anything else.
std::string id_from_url(std::string_view url) {
  const std::size_t abs = url.find("/abs/");
  if (abs == std::string_view::npos) return {};
  return strip_version(url.substr(abs + 5));
}

}  // namespace

std::string strip_version(std::string_view id) {
  std::size_t end = id.size();
  while (end > 0 && is_ascii_digit(id[end - 1])) --end;
  if (end > 0 && end < id.size() && id[end - 1] == 'v') return std::string(id.substr(0, end - 1));
  return std::string(id);
}

std::optional<std::map<std::string, ArxivRecord>> parse_arxiv_feed(std::string_view xml) {
  pugi::xml_document document;
  if (!document.load_buffer(xml.data(), xml.size())) return std::nullopt;
  const pugi::xml_node feed = document.child("feed");
  if (!feed) return std::nullopt;
  std::map<std::string, ArxivRecord> records;
  for (const pugi::xml_node entry : feed.children("entry")) {
    const std::string id = id_from_url(entry.child_value("id"));
    if (id.empty()) continue;
    // Atom wraps long titles and names with a newline and indentation; a reader sees one space.
    ArxivRecord record{true, collapse_whitespace(entry.child_value("title")), {}};
    for (const pugi::xml_node author : entry.children("author"))
      record.authors.push_back(collapse_whitespace(author.child_value("name")));
    records[id] = std::move(record);
  }
  return records;
}

}  // namespace digestlint::online
