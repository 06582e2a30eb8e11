// FileAnalyses: the first rule of a file to ask builds an analysis, the others read it.
#include "rules/analyzer.hpp"

#include <doctest/doctest.h>

#include <string>

namespace digestlint {
namespace {

TEST_CASE("FileAnalyses builds each owner's analysis once and keeps owners apart") {
  FileAnalyses analyses;
  const int first_owner = 0, second_owner = 0;
  int builds = 0;
  const auto build = [&] {
    ++builds;
    return std::string("analysis ") + std::to_string(builds);
  };
  std::string& first = analyses.get<std::string>(&first_owner, build);
  CHECK(first == "analysis 1");
  CHECK(&analyses.get<std::string>(&first_owner, build) == &first);
  CHECK(builds == 1);
  CHECK(analyses.get<std::string>(&second_owner, build) == "analysis 2");
  CHECK(builds == 2);
  CHECK(analyses.get<std::string>(&first_owner, build) == "analysis 1");
}

}  // namespace
}  // namespace digestlint
