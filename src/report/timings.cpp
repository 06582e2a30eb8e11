#include "report/timings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace digestlint {

void RunTimings::add(const FileResult& file) {
  if (!file.timings) {
    ++untimed_;
    return;
  }
  ++timed_;
  only_compared_ += file.timings->own_recalled;
  parse_ += file.timings->parse;
  for (const auto& [rule, spent] : file.timings->rules) rules_[rule->id] += spent;
}

void RunTimings::write(std::ostream& out) const {
  std::vector<std::pair<std::chrono::nanoseconds, std::string>> rows{{parse_, "parse"}};
  for (const auto& [id, spent] : rules_) rows.emplace_back(spent, id);
  // The costliest first; equal times by name, so the order does not depend on the run.
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::chrono::nanoseconds total{0};
  for (const auto& row : rows) total += row.first;
  const auto milliseconds = [](std::chrono::nanoseconds time) {
    return std::chrono::duration<double, std::milli>(time).count();
  };
  out << fmt::format(
      "timings: CPU time of {} file(s) ({} from the cache, not timed{}): {:.1f} ms\n", timed_,
      untimed_,
      only_compared_ > 0 ? fmt::format("; {} parsed again only to compare files", only_compared_)
                         : "",
      milliseconds(total));
  for (const auto& [spent, name] : rows) {
    const double share = total.count() > 0 ? 100.0 * spent.count() / total.count() : 0.0;
    out << fmt::format("  {:5.1f}%  {:9.1f} ms  {}\n", share, milliseconds(spent), name);
  }
}

}  // namespace digestlint
