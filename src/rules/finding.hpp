#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/source.hpp"

namespace digestlint {

enum class Severity { note, warning, error };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// A text edit that repairs a finding. Safe fixes keep the meaning of the digest and are applied
// by --fix; unsafe ones need --unsafe-fixes.
struct Fix {
  Span span;
  std::string replacement;
  bool safe = true;
  std::string description;  // e.g. "replace with https://"
};

// Where a related location is and the text of its first line, taken while its file was at hand.
// A run-long analysis (summary/duplicate-summary) points into files released long before its
// findings are written; with an excerpt, reporters need not read those files again (a run over
// 10,000 recombined digests read 26,000 files a second time for its code frames).
struct Excerpt {
  Position begin, end;          // of the span, clamped to the file
  std::size_t byte_offset = 0;  // of the span in the file as stored, a byte order mark counted
  std::size_t byte_length = 0;
  bool has_bom = false;
  std::string first_line;  // the line the span starts on, without its terminator
};

// The excerpt of span in source, or none when the span's first line is longer than max_line_bytes
// (a reporter then reads the file again rather than the run keeping a huge line). Shared: every
// copy of a summary points at its first.
std::shared_ptr<const Excerpt> excerpt_of(const SourceFile& source, Span span,
                                          std::size_t max_line_bytes);

// Another place the message refers to ("first seen here"), possibly in another file.
struct RelatedLocation {
  std::string path;  // empty: the same file
  Span span;
  std::string message;
  std::shared_ptr<const Excerpt> excerpt = nullptr;  // for another file, when its analyzer kept one

  // Whether it is in the file at `file_path`, the file of the finding it belongs to.
  bool in(std::string_view file_path) const { return path.empty() || path == file_path; }
};

// How sure an analyzer is of a finding that rests on evidence rather than on syntax (the summary
// rules): a confidence in [0, 1], and whether it falls below the rule's band for its severity,
// in which case it is reported as a note whatever the rule's severity.
struct Confidence {
  double value = 1;
  bool tentative = false;
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::warning;
  std::string message;
  std::string hint;
  Span span;
  std::optional<Fix> fix;
  std::vector<RelatedLocation> related;
  std::optional<double> confidence = std::nullopt;  // set by analyzers that weigh evidence
  // The rule's analyzer failed on this file: the finding stands for its lost results, cannot be
  // suppressed and makes the run exit with 2.
  bool internal = false;
};

}  // namespace digestlint
