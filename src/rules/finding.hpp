#pragma once
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

// Another place the message refers to ("first seen here"), possibly in another file.
struct RelatedLocation {
  std::string path;  // empty: the same file
  Span span;
  std::string message;
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
