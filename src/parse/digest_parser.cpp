#include "parse/digest_parser.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include "parse/inline_syntax.hpp"
#include "parse/parser_arena.hpp"

namespace digestlint {
namespace {

// Sections most entries have (What's New, Technical Details, Performance Highlights).
constexpr std::size_t kUsualSections = 3;

// The block structure of a text: the digest is built from it and its lines. Of the GFM
// extensions only the table makes blocks; strikethrough and autolink work inside them (autolink
// walking every text node) and tagfilter acts on rendered HTML, so they would change nothing.
// The nodes live in this thread's parser arena until the tree goes.
class BlockTree {
 public:
  explicit BlockTree(std::string_view text)
      : parser_(cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, arena_.allocator())) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    if (cmark_syntax_extension* table = cmark_find_syntax_extension("table")) {
      cmark_parser_attach_syntax_extension(parser_, table);
    }
    cmark_parser_feed(parser_, text.data(), text.size());
    document_ = cmark_parser_finish(parser_);
  }

  ~BlockTree() {
    if (!arena_.needs_free()) return;  // the arena takes it all back at once
    cmark_node_free(document_);
    cmark_parser_free(parser_);
  }

  BlockTree(const BlockTree&) = delete;
  BlockTree& operator=(const BlockTree&) = delete;

  cmark_node* document() const { return document_; }

 private:
  ParserArena arena_;
  cmark_parser* parser_;
  cmark_node* document_;
};

class DigestBuilder {
 public:
  DigestBuilder(const SourceFile& source, std::shared_ptr<const Profile> profile)
      : source_(source), profile_(*profile) {
    digest_.profile = std::move(profile);
  }

  Digest build() {
    const BlockTree blocks(source_.text());
    for (cmark_node* node = cmark_node_first_child(blocks.document()); node;
         node = cmark_node_next(node)) {
      visit(node);
    }
    close_entry(source_.text().size());
    return std::move(digest_);
  }

 private:
  void visit(cmark_node* node) {
    const auto [first, last] = lines_of(node);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
        heading(cmark_node_get_heading_level(node), first);
        break;
      case CMARK_NODE_PARAGRAPH:
        if (entry()) {
          for (int line = first; line <= last; ++line) metadata_line(line);
        }
        break;
      case CMARK_NODE_LIST:
        if (!entry()) break;
        if (continues_last_section(node, first)) {
          extend_last_section(first, last);
          break;
        }
        for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
          section(cmark_node_get_start_line(item), cmark_node_get_end_line(item));
        }
        break;
      case CMARK_NODE_HTML_BLOCK:
        // libcmark-gfm ends a block of several lines one line early when the line with its end
        // condition ("-->") is its last: a comment's close may be on the line after `last`.
        comments(source_.line_span(first).begin, source_.line_span(last).end,
                 source_.line_span(std::min(last + 1, source_.line_count())).end);
        if (entry() && !entry()->media) video_element(first, last);
        break;
      default:
        break;
    }
  }

  // The first and last line of a top-level block. libcmark-gfm (0.29.0.gfm.6) gets one case
  // wrong: lines that a table header ends (`Vote: 3` right above `| a | b |`) become a paragraph
  // of line 0, and the table takes their first line. Their lines run from there to the line
  // before the header, which is the one before the delimiter row.
  static std::pair<int, int> lines_of(cmark_node* node) {
    const int first = cmark_node_get_start_line(node);
    const int last = std::max(first, cmark_node_get_end_line(node));
    cmark_node* table = cmark_node_next(node);
    if (first != 0 || cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH || table == nullptr ||
        std::string_view(cmark_node_get_type_string(table)) != "table") {
      return {first, last};
    }
    cmark_node* header = cmark_node_first_child(table);
    cmark_node* body = header != nullptr ? cmark_node_next(header) : nullptr;
    const int delimiter =
        body != nullptr ? cmark_node_get_start_line(body) - 1 : cmark_node_get_end_line(table);
    const int begin = cmark_node_get_start_line(table);
    return {begin, std::max(begin, delimiter - 2)};
  }

  Entry* entry() { return digest_.entries.empty() ? nullptr : &digest_.entries.back(); }

  Field field(Span span) const { return {source_.slice(span), span}; }
  Field line_field(int line) const { return field(source_.line_span(line)); }

  void heading(int level, int line) {
    const Field text = line_field(line);
    if (level <= 2 && profile_.header && RE2::PartialMatch(text.text, *profile_.header)) {
      // A newsletter repeats its header per arXiv category; the first one is the digest's.
      close_entry(text.span.begin);
      if (!digest_.header && digest_.entries.empty()) {
        digest_.header =
            Header{text, profile_.header_has_date ? parenthesized(text) : std::nullopt};
      }
    } else if (level <= 2) {
      close_entry(text.span.begin);
    } else if (level == 3) {
      const Span content = heading_content(text);
      const std::optional<LinkSyntax> link = paper_link(content);
      // Without a digest header only paper headings count as entries, so an ordinary
      // README's `### Installation` is not linted as a paper.
      if (!digest_.header && !link) return;
      close_entry(text.span.begin);
      Entry& e = digest_.entries.emplace_back();
      e.index = static_cast<int>(digest_.entries.size()) - 1;
      e.span.begin = text.span.begin;
      e.heading = text;
      if (link) {
        e.title = field(link->text);
        e.url = field(link->destination);
        e.arxiv_id = arxiv_id_in(e.url->text);
      } else {
        e.title = field(content);
      }
    }
  }

  // The title and link of a paper heading in the profile's form: `[Title](url)`, or
  // `Title (url)` in newsletters.
  std::optional<LinkSyntax> paper_link(Span content) const {
    if (profile_.heading == Profile::Heading::link) {
      return parse_link(source_.text(), content.begin, content.end);
    }
    const std::string_view text = source_.slice(content);
    if (!text.ends_with(')')) return std::nullopt;
    const std::size_t open = text.rfind(" (");
    if (open == std::string_view::npos || text.substr(open + 2, 4) != "http") return std::nullopt;
    return LinkSyntax{trim_span(content.begin, content.begin + open),
                      {content.begin + open + 2, content.end - 1}};
  }

  // The entry ends where the next one starts; trailing blank lines are not part of it.
  void close_entry(std::size_t next_start) {
    if (Entry* e = entry(); e && e->span.end == 0)
      e->span.end = trim_span(e->span.begin, next_start).end;
  }

  std::optional<Field> parenthesized(const Field& text) const {
    const auto open = text.text.rfind('(');
    const auto close = text.text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
      return std::nullopt;
    }
    return field(trim_span(text.span.begin + open + 1, text.span.begin + close));
  }

  Span heading_content(const Field& heading) const {
    std::size_t begin = heading.span.begin;
    std::size_t end = heading.span.end;
    const std::string_view text = source_.text();
    while (begin < end && (text[begin] == ' ' || text[begin] == '#')) ++begin;
    // A closing sequence of #s is only syntax when a space precedes it.
    std::size_t close = end;
    while (close > begin && text[close - 1] == '#') --close;
    if (close < end && close > begin && text[close - 1] == ' ') end = close;
    return trim_span(begin, end);
  }

  void metadata_line(int line) {
    const Field text = line_field(line);
    const Span content = trim_span(text.span.begin, text.span.end);
    const std::string_view rest = source_.slice(content);
    Entry& e = *entry();
    if (rest.starts_with("![")) {
      if (const auto image = parse_link(source_.text(), content.begin + 1, content.end)) {
        e.thumbnail = field(image->destination);
        set_media(e, *e.thumbnail);
      }
    } else if (rest.starts_with("[")) {
      // `[Watch Video](….mp4)`: a link line is media when its URL is one of the profile's kinds.
      const auto link = parse_link(source_.text(), content.begin, content.end);
      if (link && !e.media && profile_.media_kind(source_.slice(link->destination))) {
        set_media(e, field(link->destination));
      }
    } else if (const auto value = after_label(content, profile_.vote_labels)) {
      e.votes = field(*value);
    } else if (const auto list = after_label(content, profile_.author_labels)) {
      e.authors_line = field(*list);
      e.authors = split_authors(*list);
    } else if (const auto remark = after_label(content, profile_.comment_labels)) {
      e.comments = field(*remark);
    }
  }

  // `- **Technical Details**: 세 가지입니다:` followed by `1. …` / `1) …` lines: cmark starts a
  // new (ordered) list, but the numbered items are the labelled section's own enumeration.
  bool continues_last_section(cmark_node* list, int first) const {
    const Entry& e = *digest_.entries.rbegin();
    if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST || e.sections.empty() ||
        e.sections.back().label.empty()) {
      return false;
    }
    const Span between{e.sections.back().item.end, source_.line_span(first).begin};
    return between.begin <= between.end && trim_span(between.begin, between.end).empty();
  }

  void extend_last_section(int first, int last) {
    Section& s = entry()->sections.back();
    const std::size_t end =
        trim_span(source_.line_span(first).begin, source_.line_span(last).end).end;
    s.text = field({s.text.span.begin, end});
    s.item = {s.item.begin, end_of_line_break(end)};
  }

  // `<div><video controls src="….mp4"></video></div>`: the video is the entry's media even when
  // the `[Watch Video](…)` line before it is broken.
  void video_element(int first, int last) {
    const Span block{source_.line_span(first).begin, source_.line_span(last).end};
    const std::string_view html = source_.slice(block);
    const std::size_t video = html.find("<video");
    const std::size_t src = html.find("src=\"", video);
    if (video == std::string_view::npos || src == std::string_view::npos) return;
    const std::size_t begin = src + 5;
    const std::size_t end = html.find('"', begin);
    if (end == std::string_view::npos) return;
    const Field url = field({block.begin + begin, block.begin + end});
    if (profile_.media_kind(url.text)) set_media(*entry(), url);
  }

  void set_media(Entry& e, const Field& url) const {
    e.media = url;
    e.media_kind = profile_.media_kind(url.text);
  }

  std::optional<Span> after_label(Span content, const std::vector<std::string>& labels) const {
    for (const std::string_view label : labels) {
      if (source_.slice(content).starts_with(label)) {
        return trim_span(content.begin + label.size(), content.end);
      }
    }
    return std::nullopt;
  }

  bool allows(Profile::AuthorSyntax syntax) const {
    const auto& syntaxes = profile_.author_syntaxes;
    return std::find(syntaxes.begin(), syntaxes.end(), syntax) != syntaxes.end();
  }

  std::vector<Author> split_authors(Span list) const {
    std::vector<Author> authors;
    if (list.empty()) return authors;
    const std::string_view text = source_.text();
    const bool python_list = allows(Profile::AuthorSyntax::python_list) &&
                             text[list.begin] == '[' && text[list.end - 1] == ']';
    if (python_list) list = {list.begin + 1, list.end - 1};
    std::size_t start = list.begin;
    for (std::size_t i = list.begin; i <= list.end; ++i) {
      if (i < list.end && text[i] != ',') continue;
      const Span name = trim_span(start, i);
      authors.push_back({field(python_list ? unquoted(name) : name), {}});
      start = i + 1;
    }
    // Removing an author deletes it with the separator after it (or before it, for the last one).
    for (std::size_t k = 0; k < authors.size(); ++k) {
      const Span name = authors[k].name.span;
      if (k + 1 < authors.size()) {
        authors[k].item = {name.begin, authors[k + 1].name.span.begin};
      } else if (k > 0) {
        authors[k].item = {authors[k - 1].name.span.end, name.end};
      } else {
        authors[k].item = name;
      }
    }
    return authors;
  }

  // `'Ada Lovelace'` → `Ada Lovelace`; a name without matching quotes stays as it is.
  Span unquoted(Span name) const {
    const std::string_view text = source_.slice(name);
    const bool quoted = text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
                        text.back() == text.front();
    return quoted ? Span{name.begin + 1, name.end - 1} : name;
  }

  void section(int first, int last) {
    const Span item =
        trim_span(source_.line_span(first).begin, source_.line_span(std::max(first, last)).end);
    const std::string_view text = source_.text();
    std::size_t pos = item.begin;
    while (pos < item.end && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    while (pos < item.end &&
           (text[pos] == '-' || text[pos] == '*' || text[pos] == '+' ||
            (text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.' || text[pos] == ')')) {
      ++pos;
    }
    pos = trim_span(pos, item.end).begin;
    Section s;
    // Removing a section removes its line break too, so no empty line is left behind.
    s.item = {item.begin, end_of_line_break(item.end)};
    // An untitled-bullet summary has no labels: a bullet that starts with `**X**:` is text.
    const auto label =
        profile_.untitled_summary ? std::nullopt : parse_section_label(text, pos, item.end);
    if (label) {
      s.name = field(label->name);
      s.text = field(trim_span(label->after, item.end));
      s.label = {pos, label->after};
      s.open_stars = label->open_stars;
      s.close_stars = label->close_stars;
      s.spec = profile_.section_named(s.name.text);
    } else {
      s.name = field({pos, pos});
      s.text = field({pos, item.end});
    }
    // Room for the three sections most entries have, at the first: growing one by one took
    // three allocations an entry.
    if (entry()->sections.empty()) entry()->sections.reserve(kUsualSections);
    entry()->sections.push_back(s);
  }

  // The comments opened in [begin, end) and closed before `close_limit`.
  void comments(std::size_t begin, std::size_t end, std::size_t close_limit) {
    // Within the block: a search past it would make many blocks quadratic.
    const std::string_view text = source_.text().substr(0, close_limit);
    for (std::size_t open = text.find("<!--", begin); open < end;
         open = text.find("<!--", open + 4)) {
      const std::size_t close = text.find("-->", open + 4);
      if (close == std::string_view::npos) break;
      digest_.comments.push_back(field({open, close + 3}));
      open = close;
    }
  }

  std::size_t end_of_line_break(std::size_t offset) const {
    const std::string_view text = source_.text();
    if (offset < text.size() && text[offset] == '\r') ++offset;
    if (offset < text.size() && text[offset] == '\n') ++offset;
    return offset;
  }

  Span trim_span(std::size_t begin, std::size_t end) const {
    const std::string_view text = source_.text();
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (begin < end && blank(text[begin])) ++begin;
    while (end > begin && blank(text[end - 1])) --end;
    return {begin, end};
  }

  const SourceFile& source_;
  const Profile& profile_;
  Digest digest_;
};

}  // namespace

Digest parse_digest(const SourceFile& source, std::shared_ptr<const Profile> profile) {
  if (!profile) return {};
  return DigestBuilder(source, std::move(profile)).build();
}

}  // namespace digestlint
