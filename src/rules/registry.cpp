#include <map>
#include <string>

#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

// Keyed by (declarative, name): a builtin analyzer may share a name with a kind.
using Registry = std::map<std::pair<bool, std::string>, AnalyzerInfo, std::less<>>;

Registry& registry() {
  static Registry analyzers;
  return analyzers;
}

}  // namespace

bool register_analyzer(AnalyzerInfo info) {
  registry().emplace(std::pair{info.declarative, std::string(info.name)}, std::move(info));
  return true;
}

const AnalyzerInfo* find_analyzer(std::string_view name, bool declarative) {
  const auto it = registry().find(std::pair{declarative, std::string(name)});
  return it == registry().end() ? nullptr : &it->second;
}

const std::vector<std::string_view>& common_placeholders() {
  static const std::vector<std::string_view> names{"rule",    "title", "entry",
                                                   "section", "where", "scope"};
  return names;
}

}  // namespace digestlint
