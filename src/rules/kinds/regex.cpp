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

std::unique_ptr<RE2> compile_param_regex(const Params& params, const std::string& key) {
  RE2::Options options;
  options.set_log_errors(false);
  const std::string text = params.string(key);
  // An empty expression matches at every position: surely not what the rule meant.
  if (text.empty()) params.fail(key, "empty regular expression (it would match everywhere)");
  auto re = std::make_unique<RE2>(text, options);
  if (!re->ok())
    params.fail(key, fmt::format("invalid regular expression: {}{}", re->error(),
                                 regex_help(text, re->error_code())));
  return re;
}

}  // namespace digestlint
