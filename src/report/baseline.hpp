#pragma once
#include <iosfwd>
#include <map>
#include <string>
#include <tuple>

#include "report/report.hpp"

namespace digestlint {

// Known findings recorded by --write-baseline, so a CI gate fails only on new ones. Findings are
// keyed by (path relative to the source root, rule id, line hash; see report/fingerprint.hpp),
// which does not change when unrelated lines move.
class Baseline {
 public:
  // Throws std::runtime_error with a message naming the file when it is unreadable or invalid.
  static Baseline load(const std::string& path);
  static void write(std::ostream& out, const Report& report);

  // Removes the findings of a file of `report` the baseline knows; returns how many. Each entry
  // matches once: what it matched is used up for the files after.
  std::size_t filter(FileResult& file, const Report& report);

 private:
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, int> counts_;
};

}  // namespace digestlint
