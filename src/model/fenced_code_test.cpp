// FencedCode: which lines are inside a fenced code block, fed one after another.
#include "model/fenced_code.hpp"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

namespace digestlint {
namespace {

std::vector<bool> inside(std::vector<std::string_view> lines) {
  FencedCode code;
  std::vector<bool> out;
  for (const std::string_view line : lines) out.push_back(code.inside_next(line));
  return out;
}

TEST_CASE("a fenced block's lines are inside it, its fences are not") {
  CHECK(inside({"text", "```python", "x = 1  ", "```", "text"}) ==
        std::vector<bool>{false, false, true, false, false});
  // Closed only by the same character, at least as long; a fence of the other kind is code.
  CHECK(inside({"````", "~~~", "```", "`````", "after"}) ==
        std::vector<bool>{false, true, true, false, false});
  // Up to three spaces before a fence; four make an indented line, two backticks a code span.
  CHECK(inside({"   ~~~", "a", "    ~~~", "b", "~~~", "``", "c"}) ==
        std::vector<bool>{false, true, true, true, false, false, false});
  // Unclosed: to the end.
  CHECK(inside({"```", "a", "b"}) == std::vector<bool>{false, true, true});
}

}  // namespace
}  // namespace digestlint
