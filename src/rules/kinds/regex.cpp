#include "rules/kinds/regex.hpp"

#include <fmt/format.h>

namespace digestlint {

std::unique_ptr<RE2> compile_param_regex(const Params& params, const std::string& key) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(params.string(key), options);
  if (!re->ok()) params.fail(key, fmt::format("invalid regular expression: {}", re->error()));
  return re;
}

}  // namespace digestlint
