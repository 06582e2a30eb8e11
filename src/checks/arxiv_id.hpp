#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/digest.hpp"

// arXiv identifiers and abs/pdf links, shared by the links/* analyzers.
//
// Accepted identifiers (https://info.arxiv.org/help/arxiv_identifier.html):
//   - new style YYMM.NNNN  for April 2007 (0704) to December 2014 (1412),
//               YYMM.NNNNN from January 2015 (1501) on; month 01-12, number not all zeros;
//   - old style archive[.SC]/YYMMNNN from 1991 to March 2007, e.g. hep-th/9901001 or
//               math.AG/0601001, with the archive one of arXiv's historical archive names.
// Either may carry a version suffix vN (N >= 1, no leading zero). Old-style ids are valid arXiv
// links, so reporting them as malformed would be a false positive even though daily digests
// only list new papers.
namespace digestlint {
class FileAnalyses;
}

namespace digestlint::checks {

struct ArxivId {
  std::string_view text;  // as written, with the version
  std::string_view base;  // without the version: what identifies the paper
  int year = 0;           // four digits
  int month = 0;          // 1-12
  int version = 0;        // 0 when absent
  bool old_style = false;

  int year_month() const { return year * 100 + month; }
};

// Parses a whole token as an identifier. On failure returns nullopt and, if problem is given,
// says what is wrong ("month 13 does not exist in '2413.01234'").
std::optional<ArxivId> parse_arxiv_id(std::string_view token, std::string* problem = nullptr);

enum class LinkKind {
  arxiv,      // https?://arxiv.org/(abs|pdf)/ID, valid
  malformed,  // meant to be an arXiv link but wrong scheme, host, path or id
  other_host  // a link to another site, or not an absolute URL at all
};

struct ArxivLink {
  LinkKind kind = LinkKind::malformed;
  std::string host;                // lower-cased; empty when there is none
  std::optional<ArxivId> id;       // for LinkKind::arxiv
  std::size_t problem_offset = 0;  // the part of the URL the problem is about
  std::size_t problem_length = 0;
  std::string problem;  // what is wrong, for LinkKind::malformed
};

ArxivLink parse_arxiv_link(std::string_view url);

// New-style id tokens (YYMM.NNNN or YYMM.NNNNN with optional vN) inside arbitrary text such as
// a thumbnail URL. Only syntax is checked: tokens need not be valid ids.
struct IdToken {
  std::string_view text;  // with the version
  std::string_view base;
  std::size_t offset;  // of text within the searched string
};
std::vector<IdToken> find_id_tokens(std::string_view text);

// The id of an entry's paper, from its link when that is a valid arXiv link, with the span of
// the id in the source.
struct LinkedId {
  ArxivId id;
  Span span;
};
std::optional<LinkedId> linked_id(const Entry& entry);

// Each entry's link as parse_arxiv_link reads it, by entry index (none for an entry without one).
using EntryLinks = std::vector<std::optional<ArxivLink>>;
// The digest's entry links, read once for the file's rules when `analyses` is given: four
// default rules read every link, and reading it for each was a fiftieth of a run's instructions.
std::shared_ptr<const EntryLinks> entry_links(const Digest& digest, FileAnalyses* analyses);
// The entry's link from its digest's entry_links().
const std::optional<ArxivLink>& link_of(const Entry& entry, const EntryLinks& links);
// linked_id(entry) from its digest's entry_links().
std::optional<LinkedId> linked_id(const Entry& entry, const EntryLinks& links);

}  // namespace digestlint::checks
