// kind: metric — a number measured on each target, checked against `min` and/or `max`.
#include <fmt/format.h>

#include <functional>
#include <map>

#include "model/text.hpp"
#include "rules/kinds/scoped.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

using Measure = std::function<double(const Target&)>;

double count_chars(const Target& t) {
  return static_cast<double>(code_point_count(t.text));
}

double count_words(const Target& t) {
  double n = 0;
  bool in_word = false;
  for (const char c : t.text) {
    const bool space = is_ascii_space(c);
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

double count_sentences(const Target& t) {
  double n = 0;
  for (std::size_t i = 0; i < t.text.size(); ++i) {
    const char c = t.text[i];
    const bool boundary = i + 1 == t.text.size() || t.text[i + 1] == ' ' || t.text[i + 1] == '\n';
    n += (c == '.' || c == '!' || c == '?') && boundary;
  }
  return n;
}

struct Metric {
  Measure measure;
  bool needs_entry;  // available in the entry, authors and summary scopes only
  // The profile field whose absence the metric measures: below `min` is only a finding when the
  // file's format profile requires the field (the 2023 digests have no votes).
  std::string_view field = {};
};

const std::map<std::string, Metric, std::less<>>& metrics() {
  static const std::map<std::string, Metric, std::less<>> table{
      {"chars", {count_chars, false}},
      {"bytes", {[](const Target& t) { return static_cast<double>(t.text.size()); }, false}},
      {"words", {count_words, false}},
      {"sentences", {count_sentences, false}},
      {"lines",
       {[](const Target& t) {
          return 1.0 + static_cast<double>(std::count(t.text.begin(), t.text.end(), '\n'));
        },
        false}},
      {"authors",
       {[](const Target& t) { return static_cast<double>(t.entry->authors.size()); }, true,
        "authors"}},
      {"sections",
       {[](const Target& t) { return static_cast<double>(t.entry->sections.size()); }, true,
        "summary"}},
      {"thumbnail-present",
       {[](const Target& t) { return t.entry->media ? 1.0 : 0.0; }, true, "media"}},
      {"votes-present",
       {[](const Target& t) { return t.entry->votes ? 1.0 : 0.0; }, true, "votes"}},
      {"url-present", {[](const Target& t) { return t.entry->url ? 1.0 : 0.0; }, true}},
      {"header-present",
       {[](const Target& t) { return t.digest->header ? 1.0 : 0.0; }, false, "header"}},
      {"entries",
       {[](const Target& t) { return static_cast<double>(t.digest->entries.size()); }, false}},
  };
  return table;
}

bool field_optional(const Target& target, std::string_view field) {
  const Profile* profile = target.digest ? target.digest->profile.get() : nullptr;
  return !field.empty() && profile && !profile->requires_field(field);
}

std::string format_number(double value) {
  return fmt::format("{:g}", value);
}

class MetricKind final : public ScopedAnalyzer {
 public:
  explicit MetricKind(const RuleSpec& rule) : ScopedAnalyzer(rule) {
    const Params params(rule);
    name_ = params.string("metric");
    const auto found = metrics().find(name_);
    if (found == metrics().end()) {
      std::vector<std::string> names;
      for (const auto& [name, info] : metrics()) names.push_back(name);
      params.fail("metric",
                  fmt::format("unknown metric '{}' (known: {})", name_, fmt::join(names, ", ")));
    }
    measure_ = found->second.measure;
    field_ = found->second.field;
    for (const Scope scope : rule.scopes) {
      const bool has_entry = scope != Scope::document && scope != Scope::header;
      if (found->second.needs_entry && !has_entry) {
        params.fail("metric", fmt::format("metric '{}' needs an entry scope, not '{}'", name_,
                                          to_string(scope)));
      }
    }
    min_ = params.optional_number("min");
    max_ = params.optional_number("max");
    if (!min_ && !max_) params.fail("metric", "needs a 'min' or 'max' bound");
    if (min_ && max_ && *min_ > *max_)
      params.fail("min", fmt::format("{} is above max {}: no value could pass",
                                     format_number(*min_), format_number(*max_)));
  }

 protected:
  void check_target(const CheckContext& context, const Target& target) const override {
    const double value = measure_(target);
    const bool too_small = min_ && value < *min_ && !field_optional(target, field_);
    const bool too_large = max_ && value > *max_;
    if (!too_small && !too_large) return;
    context.sink.report(anchor(target),
                        {{"metric", name_},
                         {"value", format_number(value)},
                         {"bound", format_number(too_small ? *min_ : *max_)},
                         {"comparison", too_small ? "below the minimum" : "above the maximum"}});
  }

 private:
  std::string name_;
  Measure measure_;
  std::string_view field_;
  std::optional<double> min_;
  std::optional<double> max_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<MetricKind>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("metric", true, make, {"metric", "value", "bound", "comparison"}, {},
                             ParamNames{"metric", "min", "max"})
}  // namespace digestlint
