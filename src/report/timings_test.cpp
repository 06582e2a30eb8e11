#include "report/timings.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

namespace digestlint {
namespace {

using std::chrono::milliseconds;

RuleSpec rule(std::string id) {
  RuleSpec spec;
  spec.id = std::move(id);
  return spec;
}

FileResult timed(milliseconds parse, std::vector<std::pair<const RuleSpec*, milliseconds>> rules) {
  FileResult file;
  file.timings.emplace();
  file.timings->parse = parse;
  for (const auto& [spec, spent] : rules) file.timings->rules.emplace_back(spec, spent);
  return file;
}

TEST_CASE("--timings sums each rule over files, costliest first, with its share") {
  const RuleSpec slow = rule("text/slow"), fast = rule("text/fast"), tied = rule("links/tied");
  RunTimings timings;
  timings.add(timed(milliseconds(10), {{&slow, milliseconds(20)}, {&fast, milliseconds(5)}}));
  // A rule that compares files appears twice in a file: its preparation and its comparison.
  timings.add(
      timed(milliseconds(10),
            {{&slow, milliseconds(30)}, {&slow, milliseconds(10)}, {&tied, milliseconds(5)}}));
  timings.add(FileResult{});  // from the cache: no timings
  std::ostringstream out;
  timings.write(out);
  CHECK(out.str() ==
        "timings: CPU time of 2 file(s) (1 from the cache, not timed): 90.0 ms\n"
        "   66.7%       60.0 ms  text/slow\n"
        "   22.2%       20.0 ms  parse\n"
        "    5.6%        5.0 ms  links/tied\n"
        "    5.6%        5.0 ms  text/fast\n");
}

TEST_CASE("--timings says how many files were parsed again only to compare files") {
  const RuleSpec comparing = rule("summary/duplicate-summary");
  RunTimings timings;
  FileResult recalled = timed(milliseconds(2), {{&comparing, milliseconds(1)}});
  recalled.timings->own_recalled = true;
  timings.add(recalled);
  timings.add(timed(milliseconds(2), {{&comparing, milliseconds(1)}}));
  std::ostringstream out;
  timings.write(out);
  CHECK(
      out.str().starts_with("timings: CPU time of 2 file(s) (0 from the cache, not timed; 1 "
                            "parsed again only to compare files): 6.0 ms\n"));
}

TEST_CASE("--timings of a run that timed nothing") {
  RunTimings timings;
  std::ostringstream out;
  timings.write(out);
  CHECK(out.str() ==
        "timings: CPU time of 0 file(s) (0 from the cache, not timed): 0.0 ms\n"
        "    0.0%        0.0 ms  parse\n");
}

}  // namespace
}  // namespace digestlint
