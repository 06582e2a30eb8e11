// Human-readable output in the style of rustc and ruff:
//
//   digest.md:12:9: warning[links/insecure-url]: insecure URL 'http://arxiv.org/abs/2401.00001'
//      |
//   12 | [Paper](http://arxiv.org/abs/2401.00001)
//      |         ^^^^^^^
//      = hint: use https://
//      = fix (safe): replace with https://
//
// Columns in the header line are 1-based UTF-16 code units (what editors such as VS Code show);
// the underline is placed by display width, so it stays aligned under double-width characters.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "report/common.hpp"
#include "report/report.hpp"

namespace digestlint {
namespace {

using report_detail::describe_fix;

constexpr int kTabWidth = 4;
constexpr int kLongLine = 200;      // lines wider than this are shown as a window…
constexpr int kWindowWidth = 120;   // …of this many columns…
constexpr int kWindowContext = 40;  // …starting this far before the span
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026, one column
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD, one column

// Text as it is written in a colour (none: `code` empty). Views its text, which must outlive
// the expression that writes it: each finding is drawn in dozens of pieces, and a string made for
// each was most of a report's allocations.
struct Painted {
  std::string_view code;
  std::string_view text;

  std::string str() const;
};

std::ostream& operator<<(std::ostream& out, const Painted& painted) {
  if (painted.code.empty() || painted.text.empty()) return out << painted.text;
  return out << "\x1b[" << painted.code << 'm' << painted.text << "\x1b[0m";
}

// As operator<< writes it, for a line assembled with fmt (the statistics).
std::string Painted::str() const {
  std::ostringstream out;
  out << *this;
  return std::move(out).str();
}

struct Style {
  bool color = false;
  Painted paint(std::string_view code, std::string_view text) const {
    return {color ? code : std::string_view(), text};
  }
  Painted bold(std::string_view t) const { return paint("1", t); }
  Painted gutter(std::string_view t) const { return paint("1;34", t); }
  Painted severity(Severity s, std::string_view t) const {
    switch (s) {
      case Severity::error:
        return paint("1;31", t);
      case Severity::warning:
        return paint("1;33", t);
      case Severity::note:
        return paint("1;36", t);
    }
    return paint({}, t);
  }
  Painted label(std::string_view t) const { return paint("1;36", t); }
  Painted fix(std::string_view t) const { return paint("1;32", t); }
};

// Characters that would disturb a terminal (controls, escape sequences, bidirectional overrides)
// are shown as U+FFFD.
bool is_unprintable(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// One character of a source line as it is drawn; text points into the line or a constant.
struct Cell {
  std::size_t offset;  // byte offset in the file
  std::string_view text;
  int width;
};

// A place between two cells of a line: the byte offset of the next cell and its display column.
struct CellCursor {
  std::size_t offset;
  int column;
};

// Whether the three bytes at `at` are a Hangul syllable (U+AC00..U+D7A3: EA B0 80..ED 9E A3).
[[gnu::always_inline]] inline bool is_hangul_syllable(const unsigned char* at) {
  const unsigned lead = at[0], second = at[1], third = at[2];
  if (lead < 0xEA || lead > 0xED || (second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) return false;
  const unsigned cp = (lead & 0x0Fu) << 12 | (second & 0x3Fu) << 6 | (third & 0x3Fu);
  return cp >= 0xAC00 && cp <= 0xD7A3;
}

// Advances the cursor past the cell at cursor.offset (before line_end); whether the cell is drawn
// as its own bytes (a tab is drawn as spaces, an unprintable character as U+FFFD). A report of
// many findings lays out a hundred or more cells for each: printable ASCII, most of an author line
// or a link, and Hangul syllables, most of a summary's, are measured without decoding.
[[gnu::always_inline]] inline bool advance_cell(std::string_view text, std::size_t line_end,
                                                CellCursor& cursor) {
  const auto* at = reinterpret_cast<const unsigned char*>(text.data() + cursor.offset);
  if (at[0] >= 0x20 && at[0] < 0x7F) {
    ++cursor.offset;
    ++cursor.column;
    return true;
  }
  if (line_end - cursor.offset >= 3 && is_hangul_syllable(at)) {
    cursor.offset += 3;
    cursor.column += 2;
    return true;
  }
  std::size_t length = 0;
  const char32_t cp = decode_utf8(text.substr(0, line_end), cursor.offset, length);
  cursor.offset += length;
  if (cp == '\t') {
    cursor.column += kTabWidth - cursor.column % kTabWidth;
    return false;
  }
  if (is_unprintable(cp)) {
    ++cursor.column;
    return false;
  }
  cursor.column += display_width(cp);
  return true;
}

// The cell at cursor.offset (before line_end) as it is drawn; advances the cursor past it.
Cell next_cell(std::string_view text, std::size_t line_end, CellCursor& cursor) {
  static constexpr std::string_view kSpaces = "    ";
  static_assert(kSpaces.size() == kTabWidth);
  const CellCursor before = cursor;
  const bool as_written = advance_cell(text, line_end, cursor);
  const int width = cursor.column - before.column;
  const std::string_view drawn =
      as_written                    ? text.substr(before.offset, cursor.offset - before.offset)
      : text[before.offset] == '\t' ? kSpaces.substr(0, static_cast<std::size_t>(width))
                                    : kReplacement;
  return {before.offset, drawn, width};
}

// The display columns of one line, laid out only as far as it has been asked about, with a cursor
// saved every kStride bytes: finding the column of an offset (or the offset of a column) costs a
// bounded walk however long the line is, so a line with thousands of findings is measured once,
// not once per finding; and a frame near the start of a long summary line measures the columns
// it shows, not the whole line (which was most of the report's cost for a run of many findings).
class LineLayout {
 public:
  static constexpr std::size_t kStride = 64;

  LineLayout(std::string_view text, Span line)
      : text_(text),
        end_(line.end),
        reached_{line.begin, 0},
        next_checkpoint_(line.begin + kStride),
        checkpoints_{reached_} {}

  // Display columns before the first cell at or after offset (the line's width past its end), or
  // `limit` when that is more.
  int column_of(std::size_t offset, int limit = std::numeric_limits<int>::max()) const {
    extend([&](const CellCursor& at) { return at.offset >= offset || at.column >= limit; });
    if (reached_.offset < offset && reached_.column >= limit) return limit;
    CellCursor cursor = *std::prev(std::upper_bound(
        checkpoints_.begin(), checkpoints_.end(), offset,
        [](std::size_t at, const CellCursor& point) { return at < point.offset; }));
    while (cursor.offset < end_ && cursor.offset < offset) advance_cell(text_, end_, cursor);
    return std::min(cursor.offset < offset ? reached_.column : cursor.column, limit);
  }

  // The first cell boundary at or after display column `column` (the line's end when narrower).
  CellCursor cursor_at(int column) const {
    extend([&](const CellCursor& at) { return at.column >= column; });
    CellCursor cursor = *std::prev(
        std::upper_bound(checkpoints_.begin(), checkpoints_.end(), column,
                         [](int at, const CellCursor& point) { return at < point.column; }));
    while (cursor.offset < end_ && cursor.column < column) advance_cell(text_, end_, cursor);
    return cursor;
  }

  // Whether the line takes more than `columns` columns; when not, it is laid out to its end.
  bool wider_than(int columns) const {
    extend([&](const CellCursor& at) { return at.column > columns; });
    return reached_.column > columns;
  }

  // The line's width: lays it out to its end (nothing more after wider_than() answered no).
  int total() const {
    extend([](const CellCursor&) { return false; });
    return reached_.column;
  }

  std::size_t end() const { return end_; }
  std::string_view text() const { return text_; }
  // Whether every cell laid out so far is drawn as its own bytes (no tab, no unprintable
  // character): then a line laid out to its end is drawn as it is written.
  bool plain() const { return plain_; }

 private:
  // Lays out cell after cell until `stop` holds at the next boundary or the line ends.
  template <typename Stop>
  void extend(Stop stop) const {
    while (reached_.offset < end_ && !stop(reached_)) {
      if (reached_.offset >= next_checkpoint_) {
        checkpoints_.push_back(reached_);
        next_checkpoint_ = reached_.offset + kStride;
      }
      plain_ = advance_cell(text_, end_, reached_) && plain_;
    }
  }

  std::string_view text_;
  std::size_t end_;
  mutable bool plain_ = true;
  mutable CellCursor reached_;           // how far the line is laid out
  mutable std::size_t next_checkpoint_;  // the offset from which the next checkpoint is saved
  mutable std::vector<CellCursor> checkpoints_;
};

// A source line ready to print with the underline beneath it.
struct FrameLine {
  int line = 1;
  std::string text;
  int caret_start = 0;  // display columns before the first '^'
  int caret_width = 1;
};

// The layouts of the long lines of the file being written (short ones are measured on demand).
class LayoutCache {
 public:
  // Valid until the next call.
  const LineLayout& layout(const SourceFile& source, int line) {
    const Span span = source.line_span(line);
    if (span.size() > 16 * LineLayout::kStride) {
      return layouts_.try_emplace({&source, line}, source.text(), span).first->second;
    }
    // The findings of a file come in source order: a short line's next finding is often on it too.
    if (!short_line_ || short_key_ != std::pair{&source, line}) {
      short_line_.emplace(source.text(), span);
      short_key_ = {&source, line};
    }
    return *short_line_;
  }
  // Called between files, so the cache holds one file's lines (and those its findings point to).
  void clear() {
    layouts_.clear();
    short_line_.reset();
  }

 private:
  std::optional<LineLayout> short_line_;
  std::pair<const SourceFile*, int> short_key_{nullptr, 0};
  std::map<std::pair<const SourceFile*, int>, LineLayout> layouts_;
};

// The frame of line number `line`, laid out as `layout`, underlining span (offsets as the
// layout's).
FrameLine frame_line(const LineLayout& layout, int line, Span span) {
  FrameLine frame;
  frame.line = line;
  const int begin_col = layout.column_of(span.begin);
  int window_begin = 0;
  int window_end = 0;
  bool whole_line = false;
  if (layout.wider_than(kLongLine)) {
    // The window starts kWindowContext columns before the span, unless that would show fewer than
    // kWindowWidth columns: then it ends at the line's end.
    window_begin = std::max(0, begin_col - kWindowContext);
    if (!layout.wider_than(window_begin + kWindowWidth - 1)) {
      window_begin = std::min(window_begin, std::max(0, layout.total() - kWindowWidth));
    }
    window_end = window_begin + kWindowWidth;
  } else {
    window_end = layout.total();
    whole_line = true;
  }
  // Past the window the span's end is not drawn: the underline stops at the ellipsis.
  const int end_col = layout.column_of(span.end, window_end + 1);
  int caret_width = std::max(1, end_col - begin_col);

  const bool cut_before = window_begin > 0;
  bool cut_after = false;
  CellCursor cursor = layout.cursor_at(window_begin);
  const int first_shown = cursor.column;
  // Cells drawn as their own bytes are copied a run at a time; a tab or an unprintable
  // character ends a run. A whole line of such cells (most lines) is one run, known without
  // reading it again.
  std::size_t run = cursor.offset, shown_end = cursor.offset;
  if (whole_line && layout.plain()) shown_end = cursor.offset = layout.end();
  while (cursor.offset < layout.end()) {
    CellCursor before = cursor;
    const bool as_written = advance_cell(layout.text(), layout.end(), cursor);
    if (cursor.column > window_end) {
      cut_after = true;
      break;
    }
    if (!as_written) {
      frame.text.append(layout.text().substr(run, before.offset - run));
      frame.text += next_cell(layout.text(), layout.end(), before).text;
      run = cursor.offset;
    }
    shown_end = cursor.offset;
  }
  frame.text.append(layout.text().substr(run, shown_end - run));
  const int lead = cut_before ? 1 : 0;
  if (cut_before) frame.text.insert(0, kEllipsis);
  if (cut_after) frame.text += kEllipsis;
  frame.caret_start = lead + std::max(0, begin_col - first_shown);
  if (cut_after) {
    // Stop the underline at the ellipsis; it marks that the span goes on.
    const int visible_end = lead + (window_end - first_shown) + 1;
    caret_width = std::clamp(caret_width, 1, std::max(1, visible_end - frame.caret_start));
  }
  frame.caret_width = caret_width;
  return frame;
}

FrameLine frame_line(const SourceFile& source, Span span, LayoutCache& layouts) {
  const int line = source.line_of(span.begin);
  return frame_line(layouts.layout(source, line), line, span);
}

int digits(int n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

// A piece of a finding's text assembled in fmt's inline buffer, to be painted as one: a finding's
// header made three strings on the heap.
class Assembled {
 public:
  template <typename... Args>
  explicit Assembled(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
  }
  std::string_view view() const { return {buffer_.data(), buffer_.size()}; }

 private:
  fmt::memory_buffer buffer_;
};

// "path:line:column:", the head of a finding or a related location.
Assembled location(std::string_view path, Position p) {
  return Assembled("{}:{}:{}:", path, p.line, p.utf16_column);
}

// `count` copies of C, viewed in a constant when there are few enough (else in `storage`): a
// frame's blanks and underline are drawn for every finding.
template <char C>
std::string_view repeated(int count, std::string& storage) {
  static constexpr std::size_t kKept = 256;
  static const std::string kept(kKept, C);
  const auto size = static_cast<std::size_t>(std::max(0, count));
  if (size <= kKept) return std::string_view(kept).substr(0, size);
  storage.assign(size, C);
  return storage;
}

void write_frame(std::ostream& out, const Style& style, const FrameLine& frame, int gutter_width,
                 Severity severity) {
  const std::string blank_gutter = std::string(static_cast<std::size_t>(gutter_width), ' ') + " |";
  fmt::memory_buffer numbered;
  fmt::format_to(std::back_inserter(numbered), "{:>{}} |", frame.line, gutter_width);
  out << style.gutter(blank_gutter) << '\n';
  out << style.gutter({numbered.data(), numbered.size()});
  if (!frame.text.empty()) out << ' ' << frame.text;
  out << '\n';
  std::string storage;
  out << style.gutter(blank_gutter) << ' ' << repeated<' '>(frame.caret_start, storage);
  out << style.severity(severity, repeated<'^'>(frame.caret_width, storage)) << '\n';
}

// The other files the findings of the file being written point into: held until the next file,
// since the layout cache knows them by address.
using HeldSources = std::vector<std::shared_ptr<const SourceFile>>;

// A related location as drawn: where it is in its file, and its code frame, from the file or, in
// another file, from the excerpt its analyzer kept (the file is read again only when there is
// none). Neither: the file is not part of the report.
struct Related {
  const RelatedLocation* location = nullptr;
  const SourceFile* source = nullptr;
  const Excerpt* excerpt = nullptr;
  Span span;  // in *source
  Position begin;

  bool placed() const { return source != nullptr || excerpt != nullptr; }
};

Related related_of(const RelatedLocation& r, const SourceFile& source, const SourceLookup& sources,
                   HeldSources& held) {
  Related related;
  related.location = &r;
  related.source = &source;
  if (!r.in(source.path())) {
    if (r.excerpt) {
      related.source = nullptr;
      related.excerpt = r.excerpt.get();
      related.begin = r.excerpt->begin;
      return related;
    }
    held.push_back(sources.find(r.path));
    related.source = held.back().get();
  }
  if (related.source != nullptr) {
    related.span = related.source->clamp(r.span);
    related.begin = related.source->position(related.span.begin);
  }
  return related;
}

// An excerpt's frame: its first line, laid out on its own, underlined from the span's start to
// the span's end when that is on the line, else to the line's end.
FrameLine excerpt_frame(const Excerpt& excerpt) {
  const std::string_view line = excerpt.first_line;
  const LineLayout layout(line, Span{0, line.size()});
  const auto begin = static_cast<std::size_t>(excerpt.begin.byte_column - 1);
  const std::size_t end = excerpt.end.line == excerpt.begin.line
                              ? static_cast<std::size_t>(excerpt.end.byte_column - 1)
                              : line.size();
  return frame_line(layout, excerpt.begin.line, Span{begin, end});
}

// The frames of other files' excerpts, kept across files: every copy of a summary points at its
// first's excerpt, and a run over a long archive drew that frame again for each copy (half the
// frames of 10,000 recombined digests). Holding an excerpt keeps its address from being reused.
class ExcerptFrames {
 public:
  const FrameLine& of(const std::shared_ptr<const Excerpt>& excerpt) {
    if (const auto found = frames_.find(excerpt.get()); found != frames_.end()) {
      return found->second.frame;
    }
    if (frames_.size() == kMaxFrames) frames_.clear();
    return frames_.emplace(excerpt.get(), Kept{excerpt, excerpt_frame(*excerpt)})
        .first->second.frame;
  }

 private:
  // About a megabyte of frames; past it the cache starts again.
  static constexpr std::size_t kMaxFrames = 4096;
  struct Kept {
    std::shared_ptr<const Excerpt> excerpt;
    FrameLine frame;
  };
  std::unordered_map<const Excerpt*, Kept> frames_;
};

void write_finding(std::ostream& out, const Style& style, const SourceLookup& sources,
                   const SourceFile& source, const Finding& finding, bool show_fixes,
                   LayoutCache& layouts, ExcerptFrames& excerpts, HeldSources& held) {
  const Span span = source.clamp(finding.span);
  const FrameLine frame = frame_line(source, span, layouts);

  std::vector<Related> related;
  int max_line = frame.line;
  for (const RelatedLocation& r : finding.related) {
    related.push_back(related_of(r, source, sources, held));
    if (related.back().placed()) max_line = std::max(max_line, related.back().begin.line);
  }
  const int gutter_width = digits(max_line);
  const std::string pad(static_cast<std::size_t>(gutter_width), ' ');

  const Assembled head = location(source.path(), source.position(span.begin));
  const Assembled label("{}[{}]", to_string(finding.severity), finding.rule_id);
  const Assembled message(": {}", finding.message);
  out << style.bold(head.view()) << ' ' << style.severity(finding.severity, label.view())
      << style.bold(message.view()) << '\n';
  write_frame(out, style, frame, gutter_width, finding.severity);

  const auto equals_line = [&](std::string_view label, std::string_view text) {
    out << style.gutter(pad + " =") << ' ' << style.label(label) << ": " << text << '\n';
  };
  const Position end = source.position(report_detail::end_without_newline(source, span));
  if (end.line > frame.line) {
    equals_line("note", fmt::format("the span continues to line {}, column {}", end.line,
                                    end.utf16_column));
  }
  if (!finding.hint.empty()) equals_line("hint", finding.hint);
  if (show_fixes && finding.fix) {
    const std::string label = finding.fix->safe ? "fix (safe)" : "fix (unsafe)";
    out << style.gutter(pad + " =") << ' ' << style.fix(label) << ": "
        << describe_fix(source, *finding.fix) << '\n';
  }
  for (const Related& r : related) {
    const std::string_view message =
        r.location->message.empty() ? "related location" : std::string_view(r.location->message);
    if (!r.placed()) {
      out << style.bold(r.location->path + ":") << ' ' << style.label("note") << ": " << message
          << '\n';
      continue;
    }
    const Assembled head = location(r.source ? r.source->path() : r.location->path, r.begin);
    out << style.bold(head.view()) << ' ' << style.label("note") << ": " << message << '\n';
    write_frame(
        out, style,
        r.source ? frame_line(*r.source, r.span, layouts) : excerpts.of(r.location->excerpt),
        gutter_width, Severity::note);
  }
}

std::string plural(int n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// What the summary line and --statistics say, added up file by file.
struct Tally {
  struct Row {
    int count = 0;
    int fixable = 0;
  };

  int files = 0;    // linted: skipped ones not counted
  int skipped = 0;  // not digests (a note on stderr says why)
  int files_with_findings = 0;
  int safe_fixes = 0;
  int unsafe_fixes = 0;
  report_detail::Counts counts;
  // By rule id and severity: a rule whose confidence bands make warnings and notes has a row of
  // each, so the rows add up to the summary line.
  std::map<std::pair<std::string, Severity>, Row> rows;

  void add(const FileResult& file) {
    // A skipped file may still hold findings (a rule's internal error): they are counted, the
    // file is not.
    if (!file.skipped.empty()) {
      ++skipped;
    } else {
      ++files;
      if (!file.findings.empty()) ++files_with_findings;
    }
    report_detail::count_findings(file, counts);
    for (const Finding& finding : file.findings) {
      if (finding.fix) ++(finding.fix->safe ? safe_fixes : unsafe_fixes);
      Row& row = rows[{finding.rule_id, finding.severity}];
      ++row.count;
      if (finding.fix) ++row.fixable;
    }
  }
};

std::string summary_line(const Tally& tally, int unread_inputs) {
  const report_detail::Counts& counts = tally.counts;
  // "No problems" must not be said of inputs that were never read, nor of files no rule ran
  // on: a file whose headings all went wrong is skipped as not a digest.
  std::vector<std::string> not_linted;
  if (unread_inputs > 0)
    not_linted.push_back(fmt::format("{} failed (see above)", plural(unread_inputs, "input")));
  if (tally.skipped > 0) {
    not_linted.push_back(fmt::format("{} skipped (not {})", plural(tally.skipped, "file"),
                                     tally.skipped == 1 ? "a digest" : "digests"));
  }
  if (counts.total() == 0 && tally.files == 0) {
    // Every file excluded by the configuration, say: "no problems in 0 files" would sound clean.
    if (not_linted.empty()) return "Nothing linted.";
    return fmt::format("Nothing linted: {}.", fmt::join(not_linted, "; "));
  }
  const std::string aside =
      not_linted.empty() ? std::string() : fmt::format("; {}", fmt::join(not_linted, "; "));
  if (counts.total() == 0) {
    return fmt::format("No problems found in {}{}.", plural(tally.files, "file"), aside);
  }
  std::vector<std::string> parts;
  if (counts.of(Severity::error) > 0) parts.push_back(plural(counts.of(Severity::error), "error"));
  if (counts.of(Severity::warning) > 0) {
    parts.push_back(plural(counts.of(Severity::warning), "warning"));
  }
  if (counts.of(Severity::note) > 0) parts.push_back(plural(counts.of(Severity::note), "note"));
  std::string line = fmt::format("Found {} in {}", fmt::join(parts, ", "),
                                 plural(tally.files_with_findings, "file"));
  if (tally.safe_fixes > 0 && tally.unsafe_fixes > 0) {
    line += fmt::format(" ({} fixable with --fix, {} more with --unsafe-fixes)", tally.safe_fixes,
                        tally.unsafe_fixes);
  } else if (tally.safe_fixes > 0) {
    line += fmt::format(" ({} fixable with --fix)", tally.safe_fixes);
  } else if (tally.unsafe_fixes > 0) {
    line += fmt::format(" ({} fixable with --unsafe-fixes)", tally.unsafe_fixes);
  }
  return line + aside + ".";
}

void write_statistics(std::ostream& out, const Style& style, const Tally& tally) {
  std::vector<std::pair<std::pair<std::string, Severity>, Tally::Row>> sorted(tally.rows.begin(),
                                                                              tally.rows.end());
  // By count, then the graver severity first, then by id (the map's order).
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(b.second.count, b.first.second) < std::tie(a.second.count, a.first.second);
  });
  std::size_t id_width = 4;
  int count_width = 1;
  for (const auto& [key, row] : sorted) {
    id_width = std::max(id_width, key.first.size());
    count_width = std::max(count_width, digits(row.count));
  }
  out << style.bold("Statistics:") << '\n';
  for (const auto& [key, row] : sorted) {
    const auto& [id, severity] = key;
    std::string line =
        fmt::format("  {:>{}}  {:<{}}  {}", row.count, count_width, id, id_width,
                    style.severity(severity, fmt::format("{:<7}", to_string(severity))).str());
    if (row.fixable > 0) line += fmt::format("  ({} fixable)", row.fixable);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

// A stream that appends to a string, kept across files for its capacity.
class StringBuffer final : public std::streambuf {
 public:
  std::string& text() { return text_; }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) text_ += traits_type::to_char_type(c);
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize count) override {
    text_.append(s, static_cast<std::size_t>(count));
    return count;
  }

 private:
  std::string text_;
};

class HumanWriter final : public ReportWriter {
 public:
  HumanWriter(std::ostream& out, const Report& report, const SourceLookup& sources,
              const HumanOptions& options)
      : out_(out), report_(report), sources_(sources), options_(options), style_{options.color} {}

  // Findings are drawn into a string and written a file, or kDrawnBytes, at a time: piece by
  // piece, std::cout (synchronised with stdio) took a call and a lock for each of the dozens of
  // pieces a finding is drawn in.
  void file(const FileResult& file) override {
    tally_.add(file);
    if (options_.quiet || !file.source) return;
    layouts_.clear();
    held_.clear();
    for (const Finding& finding : file.findings) {
      if (wrote_) drawing_ << '\n';
      write_finding(drawing_, style_, sources_, *file.source, finding, options_.show_fixes,
                    layouts_, excerpts_, held_);
      wrote_ = true;
      if (drawn_.text().size() >= kDrawnBytes) write_drawn();
    }
    write_drawn();
  }

  void end() override {
    if (options_.statistics && tally_.counts.total() > 0) {
      if (wrote_) out_ << '\n';
      write_statistics(out_, style_, tally_);
      wrote_ = true;
    }
    if (wrote_) out_ << '\n';
    out_ << style_.bold(summary_line(tally_, static_cast<int>(report_.unread_inputs.size())))
         << '\n';
  }

 private:
  std::ostream& out_;
  const Report& report_;
  const SourceLookup& sources_;
  HumanOptions options_;
  Style style_;
  Tally tally_;
  LayoutCache layouts_;
  ExcerptFrames excerpts_;
  HeldSources held_;
  // Writes what was drawn since the last call.
  void write_drawn() {
    out_.write(drawn_.text().data(), static_cast<std::streamsize>(drawn_.text().size()));
    drawn_.text().clear();
  }

  // The most a report holds before writing it (a file with thousands of findings, say).
  static constexpr std::size_t kDrawnBytes = 64 << 10;
  StringBuffer drawn_;
  std::ostream drawing_{&drawn_};
  bool wrote_ = false;
};

}  // namespace

std::unique_ptr<ReportWriter> human_writer(std::ostream& out, const Report& report,
                                           const SourceLookup& sources,
                                           const HumanOptions& options) {
  return std::make_unique<HumanWriter>(out, report, sources, options);
}

void write_human(std::ostream& out, const Report& report, const HumanOptions& options) {
  report_detail::write_all(report, [&](const SourceLookup& sources) {
    return human_writer(out, report, sources, options);
  });
}

}  // namespace digestlint
