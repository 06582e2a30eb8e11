#include "checks/calendar.hpp"

#include <fmt/format.h>

#include <array>

#include "model/text.hpp"

namespace digestlint::checks {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::optional<Date> parse_date(std::string_view text, std::string* problem) {
  const auto fail = [&](std::string message) -> std::optional<Date> {
    if (problem != nullptr) *problem = std::move(message);
    return std::nullopt;
  };
  text = trim(text);
  const auto digits = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!is_ascii_digit(text[i])) return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.empty()) return fail("the date is empty");
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return fail(fmt::format("'{}' is not in YYYY-MM-DD form", text));
  }
  Date date{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (date.year < 0 || date.month < 0 || date.day < 0) {
    return fail(fmt::format("'{}' is not in YYYY-MM-DD form", text));
  }
  if (date.month < 1 || date.month > 12) {
    return fail(
        fmt::format("'{}' is not a real date: month {:02} does not exist", text, date.month));
  }
  const int days = days_in_month(date.year, date.month);
  if (date.day < 1 || date.day > days) {
    return fail(fmt::format("'{}' is not a real date: {} {} has {} days", text,
                            kMonths[date.month - 1], date.year, days));
  }
  return date;
}

}  // namespace digestlint::checks
