#pragma once
#include <string>
#include <vector>

#include "model/digest.hpp"
#include "rules/finding.hpp"

namespace digestlint {

// Inline configuration, each comment on its own line:
//   <!-- digestlint-disable RULE… -->            until <!-- digestlint-enable --> (or end of file)
//   <!-- digestlint-enable [RULE…] -->
//   <!-- digestlint-disable-next-line RULE… -->  the next non-blank line
//   <!-- digestlint-disable-file RULE… -->       the whole file
// RULE is an id or a category; none means every rule.
struct Suppression {
  Span comment;                    // where it was written
  std::vector<std::string> rules;  // empty: all rules
  std::size_t begin = 0;           // byte range it covers
  std::size_t end = 0;
  bool used = false;
};

std::vector<Suppression> read_suppressions(const SourceFile& source, const Digest& digest);

// Removes suppressed findings and marks the suppressions that removed something.
void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Finding>& findings);

}  // namespace digestlint
