#pragma once
#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/finding.hpp"
#include "rules/rule.hpp"
#include "rules/scope.hpp"

namespace digestlint {

// A fix written in a rule's YAML:
//   fix: {replace: "https://", safe: true}   replaces the match (RE2 rewrite: \0, \1 …)
//   fix: {remove: item, safe: true}          deletes the whole author or section item
//   fix: {replace: "https://", safe-where: '^(?i)http://arxiv\.org/'}
//                                            safe only where the target's text matches
class DeclarativeFix {
 public:
  // Throws RuleError for an invalid fix, including a rewrite naming a group `pattern` lacks.
  DeclarativeFix(const RuleSpec& rule, const RE2& pattern);

  // The fix for a match [begin, end) in the target's text, if the rule has one; `groups` are
  // the match's submatches for the rewrite (empty when there is no pattern).
  std::optional<Fix> for_match(const Target& target, std::size_t begin, std::size_t end,
                               const RE2* pattern = nullptr,
                               const std::vector<re2::StringPiece>& groups = {}) const;

 private:
  bool safe_for(const Target& target) const;

  enum class Action { none, replace, remove_item };
  Action action_ = Action::none;
  std::string rewrite_;
  bool safe_ = true;
  // Set by safe-where: the fix is safe for a target whose text it matches, unsafe elsewhere.
  std::shared_ptr<const RE2> safe_where_;
  std::string description_;
};

}  // namespace digestlint
