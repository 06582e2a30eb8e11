#include "rules/did_you_mean.hpp"

#include <doctest/doctest.h>

namespace digestlint {

TEST_CASE("did_you_mean: close typos are suggested, unrelated words are not") {
  const std::vector<std::string> keys{"threshold", "phrases", "regex", "ignore-case"};
  CHECK(did_you_mean("treshold", keys) == " (did you mean 'threshold'?)");
  CHECK(did_you_mean("phrase", keys) == " (did you mean 'phrases'?)");
  CHECK(did_you_mean("colour", keys).empty());
  CHECK(did_you_mean("low-grouding", {"low-grounding", "weak-grounding"}) ==
        " (did you mean 'low-grounding'?)");
  CHECK(did_you_mean("x", {}).empty());
}

}  // namespace digestlint
