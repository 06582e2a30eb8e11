#pragma once
// --timings: where a run's time went, by rule, summed from its files' timings
// (FileResult::timings): the CPU time of parsing and of each rule's analyzer, on whichever thread
// ran it. Printed to stderr, whatever the report format, so a report stays as it was.
#include <chrono>
#include <cstddef>
#include <map>
#include <ostream>
#include <string>

#include "rules/engine.hpp"

namespace digestlint {

class RunTimings {
 public:
  // A file's result as linted; one taken from a cache has no timings and is only counted.
  void add(const FileResult& file);
  // "timings: CPU time of 42 file(s) (3 from the cache, not timed; 2 parsed again only to compare
  // files): 153.2 ms", then a row per step, the costliest first: share, milliseconds, "parse" or
  // the rule id.
  void write(std::ostream& out) const;

 private:
  std::chrono::nanoseconds parse_{0};
  std::map<std::string, std::chrono::nanoseconds> rules_;
  std::size_t timed_ = 0;
  std::size_t only_compared_ = 0;  // of timed_: their own findings came from the cache
  std::size_t untimed_ = 0;
};

}  // namespace digestlint
