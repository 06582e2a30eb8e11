#include "rules/kinds/regex.hpp"

#include <fmt/format.h>

namespace digestlint {
namespace {

// RE2 guarantees linear time, so it lacks what needs backtracking; say so instead of leaving
// "invalid perl operator: (?<" to be decoded.
std::string regex_help(const std::string& text, RE2::ErrorCode code) {
  if (code == RE2::ErrorBadPerlOp &&
      (text.find("(?<=") != std::string::npos || text.find("(?<!") != std::string::npos))
    return "; RE2 has no lookbehind: match the context too and capture the part you want";
  if (code == RE2::ErrorBadPerlOp &&
      (text.find("(?=") != std::string::npos || text.find("(?!") != std::string::npos))
    return "; RE2 has no lookahead: match the context too and capture the part you want";
  return "";
}

}  // namespace

bool matches_empty_inside_text(const RE2& re) {
  // Punctuation at both ends, words, a space and an empty line: where `^\B`, `\b`, `\B$` and
  // `(?m)^$` find an empty match. One probe: the check runs as every pack loads.
  constexpr std::string_view kProbe = "(a b)\n\n.";
  const re2::StringPiece text(kProbe.data(), kProbe.size());
  re2::StringPiece match;
  for (std::size_t at = 0; at <= kProbe.size(); ++at) {
    if (re.Match(text, at, kProbe.size(), RE2::UNANCHORED, &match, 1) && match.empty()) {
      return true;
    }
  }
  return false;
}

std::unique_ptr<RE2> compile_rule_regex(const std::string& text,
                                        const std::function<void(const std::string&)>& fail) {
  // An empty expression matches at every position: surely not what the rule meant.
  if (text.empty()) fail("empty regular expression (it would match everywhere)");
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(text, options);
  if (!re->ok()) {
    fail(fmt::format("invalid regular expression: {}{}", re->error(),
                     regex_help(text, re->error_code())));
  }
  return re;
}

std::unique_ptr<RE2> compile_param_regex(const Params& params, const std::string& key) {
  return compile_rule_regex(params.string(key),
                            [&](const std::string& problem) { params.fail(key, problem); });
}

}  // namespace digestlint
