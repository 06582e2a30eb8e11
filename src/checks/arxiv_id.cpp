#include "checks/arxiv_id.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "checks/text_util.hpp"
#include "model/text.hpp"
#include "rules/analyzer.hpp"

namespace digestlint::checks {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_ascii_digit);
}

int two_digits(std::string_view s) {
  return (s[0] - '0') * 10 + (s[1] - '0');
}

// arXiv's archives before the 2007 identifier change.
constexpr std::array<std::string_view, 36> kOldArchives = {
    "acc-phys", "adap-org", "alg-geom", "ao-sci",   "astro-ph", "atom-ph", "bayes-an", "chao-dyn",
    "chem-ph",  "cmp-lg",   "comp-gas", "cond-mat", "cs",       "dg-ga",   "funct-an", "gr-qc",
    "hep-ex",   "hep-lat",  "hep-ph",   "hep-th",   "math",     "math-ph", "mtrl-th",  "nlin",
    "nucl-ex",  "nucl-th",  "patt-sol", "physics",  "plasm-ph", "q-alg",   "q-bio",    "quant-ph",
    "solv-int", "supr-con", "q-fin",    "stat"};

std::string set(std::string* problem, std::string message) {
  if (problem != nullptr) *problem = message;
  return message;
}

// Splits "NNNNNvK" into number and version; returns false with a problem for a bad suffix.
bool split_version(std::string_view token, std::string_view rest, std::string_view& number,
                   int& version, std::string* problem) {
  std::size_t digits = 0;
  while (digits < rest.size() && is_ascii_digit(rest[digits])) ++digits;
  number = rest.substr(0, digits);
  const std::string_view suffix = rest.substr(digits);
  version = 0;
  if (suffix.empty()) return true;
  if ((suffix[0] == 'v' || suffix[0] == 'V') && all_digits(suffix.substr(1))) {
    if (suffix[0] == 'V') {
      set(problem, fmt::format("the version in '{}' must use a lower-case 'v'", token));
      return false;
    }
    if (suffix[1] == '0') {
      set(problem,
          fmt::format("version '{}' in '{}' is not valid (versions start at v1)", suffix, token));
      return false;
    }
    if (suffix.size() > 4) {
      set(problem, fmt::format("version '{}' in '{}' is not plausible", suffix, token));
      return false;
    }
    version = std::stoi(std::string(suffix.substr(1)));
    return true;
  }
  set(problem, fmt::format("unexpected '{}' after the paper number in '{}'", suffix, token));
  return false;
}

bool real_month(int month, std::string_view token, std::string* problem) {
  if (month >= 1 && month <= 12) return true;
  set(problem, fmt::format("month {:02} does not exist in '{}'", month, token));
  return false;
}

std::optional<ArxivId> parse_old_style(std::string_view token, std::size_t slash,
                                       std::string* problem) {
  std::string_view archive = token.substr(0, slash);
  if (const std::size_t dot = archive.find('.'); dot != std::string_view::npos) {
    const std::string_view subject = archive.substr(dot + 1);
    archive = archive.substr(0, dot);
    if (subject.size() != 2 ||
        !std::all_of(subject.begin(), subject.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      set(problem, fmt::format("'{}' is not a valid subject class in '{}'", subject, token));
      return std::nullopt;
    }
  }
  if (std::find(kOldArchives.begin(), kOldArchives.end(), archive) == kOldArchives.end()) {
    set(problem,
        fmt::format("'{}' is not an arXiv archive, so '{}' is not an arXiv id", archive, token));
    return std::nullopt;
  }
  std::string_view number;
  int version = 0;
  if (!split_version(token, token.substr(slash + 1), number, version, problem)) return std::nullopt;
  if (number.size() != 7) {
    set(problem, fmt::format("old-style id '{}' needs 7 digits (YYMMNNN) after the '/'", token));
    return std::nullopt;
  }
  const int yy = two_digits(number);
  const int month = two_digits(number.substr(2));
  const int year = yy >= 91 ? 1900 + yy : 2000 + yy;
  if (!real_month(month, token, problem)) return std::nullopt;
  if (year > 2007 || (year == 2007 && month > 3)) {
    set(problem, fmt::format("old-style ids like '{}' ended in March 2007", token));
    return std::nullopt;
  }
  return ArxivId{token, token.substr(0, slash + 1 + number.size()), year, month, version, true};
}

// text.find_first_of(set, from) for a set of a few bytes, compared inline: the library's version
// calls memchr on the set for each byte of the text (a link is parsed by several rules, so that
// was more than two million calls over 1,000 digests).
std::size_t first_of(std::string_view text, std::string_view set, std::size_t from = 0) {
  for (std::size_t i = from; i < text.size(); ++i) {
    for (const char c : set) {
      if (text[i] == c) return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<ArxivId> parse_arxiv_id(std::string_view token, std::string* problem) {
  if (token.empty()) {
    set(problem, "the link has no paper id");
    return std::nullopt;
  }
  if (const std::size_t slash = token.find('/'); slash != std::string_view::npos) {
    return parse_old_style(token, slash, problem);
  }
  const std::size_t dot = token.find('.');
  if (dot == std::string_view::npos) {
    if (all_digits(token) && (token.size() == 8 || token.size() == 9)) {
      set(problem, fmt::format("'{}' lacks the '.' after YYMM", token));
    } else {
      set(problem, fmt::format("'{}' is not an arXiv id (expected YYMM.NNNNN)", token));
    }
    return std::nullopt;
  }
  const std::string_view yymm = token.substr(0, dot);
  std::string_view number;
  int version = 0;
  if (yymm.size() != 4 || !all_digits(yymm) || dot + 1 >= token.size() ||
      !is_ascii_digit(token[dot + 1])) {
    set(problem, fmt::format("'{}' is not an arXiv id (expected YYMM.NNNNN)", token));
    return std::nullopt;
  }
  if (!split_version(token, token.substr(dot + 1), number, version, problem)) return std::nullopt;
  const int month = two_digits(yymm.substr(2));
  const int year = 2000 + two_digits(yymm);
  if (!real_month(month, token, problem)) return std::nullopt;
  const int year_month = year * 100 + month;
  if (year_month < 200704) {
    set(problem, fmt::format("'{}' predates new-style ids, which start at 0704", token));
    return std::nullopt;
  }
  const std::size_t want = year_month >= 201501 ? 5 : 4;
  if (number.size() != want) {
    set(problem,
        fmt::format("'{}' has {} digits after the dot; ids from {} have {}", token, number.size(),
                    want == 5 ? "2015 on" : "April 2007 to December 2014", want));
    return std::nullopt;
  }
  if (std::all_of(number.begin(), number.end(), [](char c) { return c == '0'; })) {
    set(problem, fmt::format("paper number {} in '{}' does not exist", number, token));
    return std::nullopt;
  }
  return ArxivId{token, token.substr(0, dot + 1 + number.size()), year, month, version, false};
}

ArxivLink parse_arxiv_link(std::string_view url) {
  ArxivLink link;
  const auto fail = [&](std::size_t offset, std::size_t length, std::string problem) {
    link.kind = LinkKind::malformed;
    link.problem_offset = std::min(offset, url.size());
    link.problem_length = std::min(length, url.size() - link.problem_offset);
    link.problem = std::move(problem);
    return link;
  };

  // Scheme.
  std::size_t host_begin = 0;
  const std::size_t scheme_end = url.find("://");
  std::string scheme;
  if (scheme_end != std::string_view::npos &&
      first_of(url, "/?#") > scheme_end) {  // "://" belongs to the scheme, not the path
    for (char c : url.substr(0, scheme_end)) scheme += ascii_lowered(c);
    host_begin = scheme_end + 3;
  } else if (url.substr(0, 2) == "//") {
    host_begin = 2;
  }
  std::size_t host_end = first_of(url, "/?#", host_begin);
  if (host_end == std::string_view::npos) host_end = url.size();
  for (char c : url.substr(host_begin, host_end - host_begin)) link.host += ascii_lowered(c);
  if (const std::size_t colon = link.host.find(':'); colon != std::string::npos) {
    link.host.resize(colon);  // port
  }
  const bool arxiv_host = link.host.find("arxiv") != std::string::npos;

  if (host_begin == 0) {
    // No scheme: "arxiv.org/abs/…" is a broken arXiv link; anything else is not a URL we know.
    if (arxiv_host) return fail(0, host_end, "the link has no https:// scheme");
    link.host.clear();
  }
  if (!arxiv_host) {
    link.kind = LinkKind::other_host;
    link.problem_offset = 0;
    link.problem_length = url.size();
    link.problem = link.host.empty()
                       ? std::string("the link is not an absolute arxiv.org URL")
                       : fmt::format("the link points to {}, not arxiv.org", link.host);
    return link;
  }
  if (scheme != "http" && scheme != "https") {
    return fail(0, scheme_end == std::string_view::npos ? 0 : scheme_end,
                scheme.empty() ? "the link has no https:// scheme"
                               : fmt::format("scheme '{}' should be https", scheme));
  }
  if (link.host != "arxiv.org") {
    return fail(host_begin, host_end - host_begin,
                fmt::format("host '{}' should be 'arxiv.org'", link.host));
  }

  // Path: /abs/ID or /pdf/ID[.pdf].
  const std::string_view path = url.substr(host_end);
  const std::size_t path_end = std::min(first_of(path, "?#"), path.size());
  if (path_end < path.size()) {
    return fail(host_end + path_end, path.size() - path_end,
                fmt::format("unexpected '{}' after the id", path.substr(path_end)));
  }
  const bool abs = path.substr(0, 5) == "/abs/";
  const bool pdf = path.substr(0, 5) == "/pdf/";
  if (!abs && !pdf) {
    std::size_t segment_end = path.find('/', 1);
    if (segment_end == std::string_view::npos) segment_end = path.size();
    const std::string_view segment = path.substr(0, segment_end);
    return fail(host_end, segment.size(),
                segment.size() <= 1 ? std::string("the link has no /abs/ID path")
                                    : fmt::format("path '{}' should be /abs/ or /pdf/", segment));
  }
  const std::size_t id_begin = host_end + 5;
  std::string_view token = url.substr(id_begin);
  if (pdf && token.size() > 4 && token.substr(token.size() - 4) == ".pdf") {
    token.remove_suffix(4);
  }
  std::string problem;
  link.id = parse_arxiv_id(token, &problem);
  if (!link.id) {
    return fail(id_begin, token.empty() ? url.size() - id_begin : token.size(), std::move(problem));
  }
  link.kind = LinkKind::arxiv;
  link.problem_offset = id_begin;
  link.problem_length = token.size();
  return link;
}

std::vector<IdToken> find_id_tokens(std::string_view text) {
  std::vector<IdToken> tokens;
  const auto digit_at = [&](std::size_t i) { return i < text.size() && is_ascii_digit(text[i]); };
  for (std::size_t i = 0; i + 9 <= text.size(); ++i) {
    if (i > 0 && (is_ascii_digit(text[i - 1]) || text[i - 1] == '.')) continue;
    std::size_t k = i;
    while (digit_at(k)) ++k;
    if (k - i != 4 || k >= text.size() || text[k] != '.') continue;
    std::size_t end = k + 1;
    while (digit_at(end)) ++end;
    if (end - k - 1 < 4 || end - k - 1 > 5) continue;
    const std::size_t base_end = end;
    if (end < text.size() && text[end] == 'v' && digit_at(end + 1)) {
      ++end;
      while (digit_at(end)) ++end;
    }
    tokens.push_back({text.substr(i, end - i), text.substr(i, base_end - i), i});
    i = end - 1;
  }
  return tokens;
}

namespace {

std::optional<LinkedId> linked_id_of(const Entry& entry, const ArxivLink& link) {
  if (!entry.url || link.kind != LinkKind::arxiv) return std::nullopt;
  return LinkedId{*link.id, sub_span(*entry.url, link.problem_offset, link.problem_length)};
}

}  // namespace

std::optional<LinkedId> linked_id(const Entry& entry) {
  if (!entry.url) return std::nullopt;
  return linked_id_of(entry, parse_arxiv_link(entry.url->text));
}

const std::optional<ArxivLink>& link_of(const Entry& entry, const EntryLinks& links) {
  return links.at(static_cast<std::size_t>(entry.index));
}

std::optional<LinkedId> linked_id(const Entry& entry, const EntryLinks& links) {
  const std::optional<ArxivLink>& link = link_of(entry, links);
  return link ? linked_id_of(entry, *link) : std::nullopt;
}

std::shared_ptr<const EntryLinks> entry_links(const Digest& digest, FileAnalyses* analyses) {
  const auto read = [&] {
    EntryLinks links;
    links.reserve(digest.entries.size());
    for (const Entry& entry : digest.entries) {
      links.push_back(entry.url ? std::optional(parse_arxiv_link(entry.url->text)) : std::nullopt);
    }
    return std::make_shared<const EntryLinks>(std::move(links));
  };
  static const char kOwner = 0;  // files the links in `analyses`
  using Shared = std::shared_ptr<const EntryLinks>;
  return analyses ? analyses->get<Shared>(&kOwner, read) : read();
}

}  // namespace digestlint::checks
