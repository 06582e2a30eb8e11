#pragma once
#include <string>
#include <vector>

#include "rules/engine.hpp"

namespace digestlint {

struct FixOptions {
  bool unsafe = false;      // also apply fixes marked unsafe (--unsafe-fixes)
  int max_iterations = 10;  // re-lint and fix again until nothing changes, at most this often
};

// Applies the fixes of the findings to text: only each fix's own span changes; a fix that
// overlaps one already taken waits for the next round. Returns how many were applied; their rules
// are added to `applied_rules` when given.
int apply_fixes(std::string& text, const std::vector<Finding>& findings, const FixOptions& options,
                std::vector<std::string>* applied_rules = nullptr);

struct FixOutcome {
  std::string bytes;  // the fixed file, byte order mark and a classic Mac OS file's CRs restored
  int applied = 0;
  // False when the last round allowed still applied fixes: a fix that re-creates what it fixes
  // (a rule pack's `replace` that its own pattern matches again) never settles.
  bool settled = true;
  // When it did not settle: the rules whose fixes the last round applied, sorted, each once.
  std::vector<std::string> unsettled_rules;
  bool changed() const { return applied > 0; }
};

// Lints, fixes and lints again until no fix applies (or the iteration cap is reached).
FixOutcome fix_until_stable(const Engine& engine, const SourceFile& source,
                            const FixOptions& options);

// Writes bytes to path through a temporary file in the same directory and a rename, so a crash
// never leaves a truncated digest. Keeps the file's permissions; when a rename would change the
// owner or split hard links, writes in place instead. A read-only file (no write bit at all) is
// not written. Returns an error message or "".
std::string write_atomically(const std::string& path, const std::string& bytes);

// A unified diff (---/+++ headers, @@ hunks, 3 lines of context) of two texts.
std::string unified_diff(const std::string& path, std::string_view before, std::string_view after);

}  // namespace digestlint
