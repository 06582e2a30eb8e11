#pragma once
#include <string>
#include <vector>

#include "rules/engine.hpp"

namespace digestlint {

// A finding's line hash (SARIF partialFingerprints.primaryLocationLineHash, and the key of
// --baseline) identifies a result independently of its line number, so that moving unrelated
// lines keeps alerts matched:
//   "<16 hex digits>:<occurrence>"
//   hash       = FNV-1a 64 of  rule id + '\0' + normalized text of the first line of the region,
//                where normalized means leading/trailing whitespace removed and every run of
//                inner whitespace collapsed to one space (so re-indentation and CRLF don't matter)
//   occurrence = 1 for the first result of that rule on an identical normalized line in the
//                file, 2 for the next one (in position order), and so on.
// A result's fingerprint changes only when its own line is edited, or when a line with identical
// text flagged by the same rule is added or removed before it.
//
// Returns one hash per finding of the file, in the order of file.findings.
std::vector<std::string> line_hashes(const FileResult& file);

}  // namespace digestlint
