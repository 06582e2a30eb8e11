#include "rules/kinds/declarative_fix.hpp"

#include <fmt/format.h>

#include "rules/params.hpp"

namespace digestlint {

DeclarativeFix::DeclarativeFix(const RuleSpec& rule) {
  const YAML::Node& fix = rule.fix;
  if (!fix.IsDefined() || fix.IsNull()) return;
  const auto fail = [&](const YAML::Node& at, const std::string& message) {
    throw RuleError(location_of(rule.defined_at.path, at),
                    fmt::format("rule '{}': fix: {}", rule.id, message));
  };
  if (!fix.IsMap()) fail(fix, "expected a map such as {replace: \"…\", safe: true}");
  for (const auto& item : fix) {
    const std::string key = item.first.as<std::string>();
    if (key != "replace" && key != "remove" && key != "safe" && key != "description") {
      fail(item.first,
           fmt::format("unknown key '{}' (expected replace, remove, safe, description)", key));
    }
  }
  if (fix["replace"] && fix["remove"]) fail(fix, "use either replace or remove, not both");
  if (fix["replace"]) {
    action_ = Action::replace;
    rewrite_ = fix["replace"].as<std::string>();
  } else if (fix["remove"]) {
    if (fix["remove"].as<std::string>() != "item") fail(fix["remove"], "the only value is 'item'");
    action_ = Action::remove_item;
    description_ = "remove it";
  } else {
    fail(fix, "needs replace or remove");
  }
  if (fix["safe"]) safe_ = fix["safe"].as<bool>();
  if (fix["description"]) description_ = fix["description"].as<std::string>();
}

std::optional<Fix> DeclarativeFix::for_match(const Target& target, std::size_t begin,
                                             std::size_t end, const RE2* pattern,
                                             const std::vector<re2::StringPiece>& groups) const {
  if (action_ == Action::none) return std::nullopt;
  if (action_ == Action::remove_item) {
    const Span item = target.author    ? target.author->item
                      : target.section ? target.section->item
                                       : target.to_source(begin, end);
    return Fix{item, "", safe_, description_};
  }
  std::string replacement = rewrite_;
  if (pattern && !groups.empty()) {
    replacement.clear();
    pattern->Rewrite(&replacement, rewrite_, groups.data(), static_cast<int>(groups.size()));
  }
  // Described by what it writes, rewrites (\1) resolved.
  std::string description = description_;
  if (description.empty()) {
    description = replacement.empty() ? "remove it" : fmt::format("replace with '{}'", replacement);
  }
  return Fix{target.to_source(begin, end), std::move(replacement), safe_, std::move(description)};
}

}  // namespace digestlint
