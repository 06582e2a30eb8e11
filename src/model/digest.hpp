#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/source.hpp"
#include "profile/profile.hpp"

namespace digestlint {

// A piece of source text and where it is. Text views point into the SourceFile, which must
// outlive the Digest built from it.
struct Field {
  std::string_view text;
  Span span;
};

// `## Daily Papers (2024-09-30)`
struct Header {
  Field line;                 // the whole heading line
  std::optional<Field> date;  // the text between the parentheses, if any
};

struct Author {
  Field name;  // trimmed name; an empty name has an empty span at its position
  Span item;   // the name with one adjacent ", " separator: what removing the author deletes
};

// `- **What's New**: text`, or an untitled bullet `- text` (empty name and label).
struct Section {
  Field name;  // `What's New`
  Field text;  // everything after `**: ` up to the end of the list item, trimmed
  Span item;   // the whole list item line(s)
  Span label;  // `**What's New**:` with its emphasis and colon; empty for an untitled bullet
  const SectionSpec* spec = nullptr;  // the profile's section this names, if any
  int open_stars = 0;                 // emphasis around the name: 3 and 3 for `***X***:`
  int close_stars = 0;
};

struct Entry {
  int index = 0;                          // 0-based position in the digest
  Span span;                              // from the `###` line to the line before the next entry
  Field heading;                          // the whole `### …` line
  Field title;                            // link text, or the heading text when it is not a link
  std::optional<Field> url;               // link destination
  std::string_view arxiv_id;              // id from the link (e.g. 2409.18869v2), empty when none
  std::optional<Field> thumbnail;         // image destination
  std::optional<Field> media;             // image or video destination
  const MediaKind* media_kind = nullptr;  // what the profile says the media is; null: unknown
  std::optional<Field> votes;             // text after `Vote:`
  std::optional<Field> authors_line;      // text after `Authors:`
  std::optional<Field> comments;          // text after a newsletter's `Comments:`
  std::vector<Author> authors;
  std::vector<Section> sections;
};

struct Digest {
  // The format the file was read with, and why it was chosen ("header date 2024-10-02 is in
  // 2024-06-12..2024-10-17"). Hand-built test digests may have none.
  std::shared_ptr<const Profile> profile;
  std::string profile_reason;
  std::optional<Header> header;
  std::vector<Entry> entries;
  // `<!-- … -->` comments, in source order: suppressions and fixture annotations read them.
  std::vector<Field> comments;
};

}  // namespace digestlint
