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

struct Finding {
  std::string rule_id;
  Severity severity = Severity::warning;
  std::string message;
  std::string hint;
  Span span;
  std::optional<Fix> fix;
  std::vector<RelatedLocation> related;
  // The rule's analyzer failed on this file: the finding stands for its lost results, cannot be
  // suppressed and makes the run exit with 2.
  bool internal = false;
};

}  // namespace digestlint
