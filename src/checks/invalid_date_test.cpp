#include <doctest/doctest.h>

#include "checks/calendar.hpp"
#include "checks/testing.hpp"

namespace digestlint {
namespace {

using testing::parse;
using testing::run;

TEST_CASE("parse_date accepts real dates and explains bad ones") {
  CHECK(checks::parse_date("2024-09-30"));
  CHECK(checks::parse_date("2024-02-29"));  // leap year
  CHECK(checks::parse_date("2000-02-29"));  // divisible by 400
  std::string problem;
  CHECK_FALSE(checks::parse_date("1900-02-29", &problem));
  CHECK(problem == "'1900-02-29' is not a real date: February 1900 has 28 days");
  CHECK_FALSE(checks::parse_date("2024-02-30", &problem));
  CHECK(problem == "'2024-02-30' is not a real date: February 2024 has 29 days");
  CHECK_FALSE(checks::parse_date("2024-04-31", &problem));
  CHECK(problem == "'2024-04-31' is not a real date: April 2024 has 30 days");
  CHECK_FALSE(checks::parse_date("2024-13-01", &problem));
  CHECK(problem == "'2024-13-01' is not a real date: month 13 does not exist");
  CHECK_FALSE(checks::parse_date("2024-00-10"));
  CHECK_FALSE(checks::parse_date("2024-09-00"));
  CHECK_FALSE(checks::parse_date("2024-9-30", &problem));
  CHECK(problem == "'2024-9-30' is not in YYYY-MM-DD form");
  CHECK_FALSE(checks::parse_date("2024/09/30"));
  CHECK_FALSE(checks::parse_date("2024-0a-30"));
  CHECK_FALSE(checks::parse_date(""));
}

TEST_CASE("invalid-date reports an impossible header date on the date span") {
  const auto digest =
      parse("## Daily Papers (2024-02-30)\n\n### [T](https://arxiv.org/abs/2402.01234)\n");
  const auto found = run("invalid-date", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "2024-02-30");
  CHECK(found[0].arg("date") == "2024-02-30");
  CHECK(found[0].arg("problem") == "'2024-02-30' is not a real date: February 2024 has 29 days");
}

TEST_CASE("invalid-date accepts a valid date") {
  const auto digest = parse("## Daily Papers (2024-09-30)\n");
  CHECK(run("invalid-date", digest).empty());
}

TEST_CASE("invalid-date reports the header line when the date is missing") {
  const auto digest = parse("## Daily Papers\n");
  const auto found = run("invalid-date", digest);
  REQUIRE(found.size() == 1);
  CHECK(digest.slice(found[0].span) == "## Daily Papers");
  CHECK(found[0].arg("problem") == "the header has no (YYYY-MM-DD) date");
}

TEST_CASE("invalid-date ignores a digest without a header") {
  const auto digest = parse("### [T](https://arxiv.org/abs/2402.01234)\n");
  CHECK(run("invalid-date", digest).empty());
}

}  // namespace
}  // namespace digestlint
