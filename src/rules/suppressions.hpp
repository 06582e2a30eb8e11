#pragma once
#include <functional>
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
// RULE is an id or a category; none means every rule. Any other comment starting with
// `digestlint` is an invalid directive, as is one naming an unknown rule: it suppresses nothing.
struct Directive {
  enum class Kind { disable, enable, disable_next_line, disable_file };
  Span comment;
  Kind kind = Kind::disable;
  std::vector<std::string> rules;  // empty: all rules
  std::string problem;             // why the directive is invalid; empty when it is valid
};

struct Suppression {
  Span comment;                    // where it was written
  std::vector<std::string> rules;  // empty: all rules
  std::size_t begin = 0;           // byte range it covers
  std::size_t end = 0;
  bool used = false;
};

// What analyzers that judge the inline configuration itself see (CheckContext::inline_config).
struct InlineConfig {
  std::vector<Directive> directives;
  std::vector<Suppression> suppressions;  // `used` is set once the findings were suppressed
  // Whether a rule selector names a rule that ran on this file.
  std::function<bool(const std::string& selector)> ran;
};

// `known_ids`: every rule id of the packs, to reject directives naming none of them. A directive
// written after text on its line, or not in lower case, is read as invalid (it does nothing).
std::vector<Directive> read_directives(const SourceFile& source, const Digest& digest,
                                       const std::vector<std::string>& known_ids);
// The ranges the valid directives cover.
std::vector<Suppression> read_suppressions(const SourceFile& source,
                                           const std::vector<Directive>& directives);

// Removes suppressed findings and marks the suppressions that removed something.
void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Finding>& findings);

}  // namespace digestlint
