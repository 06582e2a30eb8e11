#pragma once
#include <optional>
#include <string>
#include <string_view>

// Calendar dates as digests write them (YYYY-MM-DD), shared by analyzers that read the header.
namespace digestlint::checks {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};

int days_in_month(int year, int month);

// Parses exactly YYYY-MM-DD (surrounding spaces allowed) as a real Gregorian date. On failure
// returns nullopt and, if problem is given, says why
// ("'2023-02-29' is not a real date: February 2023 has 28 days").
std::optional<Date> parse_date(std::string_view text, std::string* problem = nullptr);

}  // namespace digestlint::checks
