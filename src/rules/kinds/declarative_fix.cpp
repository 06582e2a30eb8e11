#include "rules/kinds/declarative_fix.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules/did_you_mean.hpp"
#include "rules/kinds/regex.hpp"
#include "rules/params.hpp"

namespace digestlint {

DeclarativeFix::DeclarativeFix(const RuleSpec& rule, const RE2& pattern) {
  const YAML::Node& fix = rule.fix;
  if (!fix.IsDefined() || fix.IsNull()) return;
  const auto fail = [&](const YAML::Node& at, const std::string& message) {
    throw RuleError(location_of(rule.defined_at.path, at),
                    fmt::format("rule '{}': fix: {}", rule.id, message));
  };
  // Checked here rather than by YAML's as<>(), whose exception names no place.
  const auto text = [&](const char* key) {
    if (!fix[key].IsScalar()) fail(fix[key], fmt::format("'{}' must be a string", key));
    return fix[key].Scalar();
  };
  if (!fix.IsMap()) fail(fix, "expected a map such as {replace: \"…\", safe: true}");
  static const std::vector<std::string> keys{"replace", "remove", "safe", "safe-where",
                                             "description"};
  for (const auto& item : fix) {
    const std::string key = item.first.IsScalar() ? item.first.Scalar() : "?";
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      fail(item.first, fmt::format("unknown key '{}' (expected {}){}", key, fmt::join(keys, ", "),
                                   did_you_mean(key, keys)));
    }
  }
  if (fix["replace"] && fix["remove"]) fail(fix, "use either replace or remove, not both");
  if (fix["replace"]) {
    action_ = Action::replace;
    rewrite_ = text("replace");
    if (std::string error; !pattern.CheckRewriteString(rewrite_, &error))
      fail(fix["replace"], fmt::format("invalid rewrite '{}': {}", rewrite_, error));
  } else if (fix["remove"]) {
    if (text("remove") != "item") fail(fix["remove"], "the only value is 'item'");
    action_ = Action::remove_item;
    description_ = "remove it";
  } else {
    fail(fix, "needs replace or remove");
  }
  if (fix["safe"]) {
    const std::string safe = text("safe");
    if (safe != "true" && safe != "false") fail(fix["safe"], "'safe' must be true or false");
    safe_ = safe == "true";
  }
  if (fix["safe-where"]) {
    if (fix["safe"]) fail(fix, "use either safe or safe-where, not both");
    safe_where_ = compile_rule_regex(text("safe-where"), [&](const std::string& problem) {
      fail(fix["safe-where"], "safe-where: " + problem);
    });
  }
  if (fix["description"]) description_ = text("description");
}

bool DeclarativeFix::safe_for(const Target& target) const {
  return safe_where_ ? RE2::PartialMatch(target.text, *safe_where_) : safe_;
}

std::optional<Fix> DeclarativeFix::for_match(const Target& target, std::size_t begin,
                                             std::size_t end, const RE2* pattern,
                                             const std::vector<re2::StringPiece>& groups) const {
  if (action_ == Action::none) return std::nullopt;
  if (action_ == Action::remove_item) {
    const Span item = target.author    ? target.author->item
                      : target.section ? target.section->item
                                       : target.to_source(begin, end);
    return Fix{item, "", safe_for(target), description_};
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
  return Fix{target.to_source(begin, end), std::move(replacement), safe_for(target),
             std::move(description)};
}

}  // namespace digestlint
