#pragma once
#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace digestlint {

// A summary section a profile knows: its canonical name and other spellings of it
// (`What’s New` with U+2019). Names are compared after checks::normalize().
struct SectionSpec {
  std::string name;
  std::vector<std::string> aliases;
};

// A kind of media line (`![](url)` or `[Watch Video](url)`), recognized by its URL.
struct MediaKind {
  std::string name;  // thumbnail, uploaded-figure, video, avatar …
  std::shared_ptr<const RE2> url;
  bool acceptable = true;        // false: the line is there but shows the wrong thing
  bool paper_thumbnail = false;  // named after the paper's arXiv id, so it can be rebuilt
};

// One format of digest, as data (rules/profiles.yaml): how to recognize a file of this format
// and how its parts are spelled. The parser builds the model through it, so rules never know
// a spelling.
struct Profile {
  enum class Heading { link, title_url };  // `### [Title](url)` or `### Title (url)`
  enum class AuthorSyntax { comma, python_list };

  std::string name;
  std::string description;

  // Detection.
  std::shared_ptr<const RE2> header;  // the heading line that starts a digest of this format
  std::string from, until;            // the header date range, inclusive ISO dates; "" = open
  std::shared_ptr<const RE2> marker;  // text that identifies the format when the date cannot
  bool header_has_date = true;
  bool fallback = false;  // the profile for files with paper headings but no header

  // Entries.
  Heading heading = Heading::link;
  std::vector<MediaKind> media;
  std::vector<std::string> vote_labels;
  std::vector<std::string> unknown_votes;  // values that say "no count" (`Vote: -`), not a defect
  std::vector<std::string> author_labels;
  std::vector<AuthorSyntax> author_syntaxes;
  // The generator of some eras lists a name again right after itself (once per account that
  // claimed the paper); such adjacent repeats are the format there, not a duplicate author.
  bool adjacent_author_repeats = false;
  std::vector<std::string> comment_labels;  // `Comments:` lines, kept out of the summary

  // The summary: named sections, or untitled bullets.
  bool untitled_summary = false;
  int min_bullets = 1;
  std::vector<SectionSpec> sections;
  std::vector<int> emphasis;    // star counts a section label may use: 2 `**X**:`, 3 `***X***:`
  bool extra_sections = false;  // other titled sections are allowed

  std::vector<std::string> required;  // header, media, votes, authors, summary

  bool requires_field(std::string_view field) const;
  // The known section spelled name (or as one of its aliases), or null. Loosely: ignoring case,
  // spacing and the apostrophe's shape.
  const SectionSpec* section_named(std::string_view name, bool loosely = false) const;
  // The media kind of a URL, or null when no kind matches.
  const MediaKind* media_kind(std::string_view url) const;
  bool accepts_emphasis(int stars) const;
  bool is_unknown_vote(std::string_view value) const;
  std::vector<std::string> section_names() const;
};

}  // namespace digestlint
