#include "rules/params.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

namespace digestlint {
namespace {

// Walks every map below `node`. Aliases share nodes, so the walk is bounded in depth and in
// size: a small file must not make it run forever.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(const std::string& path) : path_(path) {}

  void visit(const YAML::Node& node, int depth) {
    if (depth > 100 || ++visited_ > 1'000'000)
      throw RuleError(location_of(path_, node), "YAML nested or aliased too deeply");
    if (node.IsSequence()) {
      for (const YAML::Node& item : node) visit(item, depth + 1);
    } else if (node.IsMap()) {
      std::map<std::string, YAML::Mark> seen;
      for (const auto& item : node) {
        if (item.first.IsScalar()) check_key(item.first, seen);
        visit(item.second, depth + 1);
      }
    }
  }

 private:
  void check_key(const YAML::Node& key, std::map<std::string, YAML::Mark>& seen) const {
    const auto [first, inserted] = seen.emplace(key.Scalar(), key.Mark());
    if (inserted) return;
    throw RuleError(location_of(path_, key),
                    fmt::format("duplicate key '{}' (first at line {}); YAML would keep only the "
                                "first one, so remove or merge one of them",
                                key.Scalar(), first->second.line + 1));
  }

  const std::string& path_;
  long visited_ = 0;
};

}  // namespace

YAML::Node load_yaml(const std::string& text, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw RuleError({path, e.mark.line + 1, e.mark.column + 1},
                    fmt::format("invalid YAML: {} (check the indentation here and on the line "
                                "before; quote values that contain ': ', ' #' or start with "
                                "'{{', '[', '*', '&', '!', '@' or '`')",
                                e.msg));
  }
  DuplicateKeyCheck(path).visit(root, 0);
  return root;
}

YamlLocation location_of(const std::string& path, const YAML::Node& node) {
  if (!node.IsDefined() || node.Mark().is_null()) return {path, 0, 0};
  return {path, node.Mark().line + 1, node.Mark().column + 1};
}

std::string RuleError::describe() const {
  if (where_.line == 0) return fmt::format("{}: error: {}", where_.path, what());
  return fmt::format("{}:{}:{}: error: {}", where_.path, where_.line, where_.column, what());
}

namespace {
thread_local ParamReads* active_reads = nullptr;
}  // namespace

ParamReads::ParamReads() : outer_(std::exchange(active_reads, this)) {}
ParamReads::~ParamReads() {
  active_reads = outer_;
}

void ParamReads::record(const std::string& name) {
  if (active_reads) active_reads->names_.insert(name);
}

YAML::Node Params::node(const std::string& key) const {
  ParamReads::record(key);
  const YAML::Node& params = rule_.params;
  if (!params.IsDefined() || !params.IsMap()) return YAML::Node();
  return params[key];
}

bool Params::has(const std::string& key) const {
  return node(key).IsDefined();
}

void Params::fail(const std::string& key, const std::string& message) const {
  const YAML::Node value = node(key);
  const auto file = rule_.param_files.find(key);
  const std::string& path = file != rule_.param_files.end() ? file->second : rule_.defined_at.path;
  const YamlLocation where = value.IsDefined() ? location_of(path, value) : rule_.defined_at;
  throw RuleError(where, fmt::format("rule '{}': parameter '{}': {}", rule_.id, key, message));
}

std::string Params::string(const std::string& key) const {
  const YAML::Node value = node(key);
  if (!value.IsDefined()) fail(key, "missing (required)");
  if (!value.IsScalar()) fail(key, "expected a string");
  return value.Scalar();
}

std::string Params::string(const std::string& key, const std::string& fallback) const {
  return has(key) ? string(key) : fallback;
}

std::optional<double> Params::optional_number(const std::string& key) const {
  const YAML::Node value = node(key);
  if (!value.IsDefined()) return std::nullopt;
  try {
    return value.as<double>();
  } catch (const YAML::Exception&) {
    fail(key, fmt::format("expected a number, got '{}'", value.IsScalar() ? value.Scalar() : "…"));
  }
}

double Params::number(const std::string& key, double fallback) const {
  return optional_number(key).value_or(fallback);
}

bool Params::boolean(const std::string& key, bool fallback) const {
  const YAML::Node value = node(key);
  if (!value.IsDefined()) return fallback;
  try {
    return value.as<bool>();
  } catch (const YAML::Exception&) {
    fail(key, "expected true or false");
  }
}

std::vector<std::string> Params::strings(const std::string& key) const {
  const YAML::Node value = node(key);
  if (!value.IsDefined()) fail(key, "missing (required)");
  auto result = strings(key, {});
  if (result.empty()) fail(key, "expected a non-empty list");
  return result;
}

std::vector<std::pair<std::string, const std::vector<std::string>*>> Params::lexicons_of(
    const std::string& key) const {
  std::vector<std::pair<std::string, const std::vector<std::string>*>> found;
  const YAML::Node value = node(key);
  const auto add = [&](const YAML::Node& item) {
    if (!item.IsScalar() || !item.Scalar().starts_with('@') || !rule_.lexicons) return;
    const std::string name = item.Scalar().substr(1);
    if (const auto lexicon = rule_.lexicons->find(name); lexicon != rule_.lexicons->end())
      found.emplace_back(name, &lexicon->second);
  };
  if (value.IsSequence()) {
    for (const YAML::Node& item : value) add(item);
  } else if (value.IsDefined()) {
    add(value);
  }
  return found;
}

std::vector<std::string> Params::strings(const std::string& key,
                                         std::vector<std::string> fallback) const {
  const YAML::Node value = node(key);
  if (!value.IsDefined()) return fallback;
  std::vector<std::string> result;
  const auto add = [&](const YAML::Node& item) {
    if (!item.IsScalar()) fail(key, "expected a list of strings");
    const std::string& text = item.Scalar();
    if (!text.starts_with('@')) {
      result.push_back(text);
      return;
    }
    const auto lexicon =
        rule_.lexicons ? rule_.lexicons->find(text.substr(1)) : Lexicons::const_iterator{};
    if (!rule_.lexicons || lexicon == rule_.lexicons->end()) {
      fail(key, fmt::format("unknown lexicon '{}'", text));
    }
    result.insert(result.end(), lexicon->second.begin(), lexicon->second.end());
  };
  if (value.IsSequence()) {
    for (const YAML::Node& item : value) add(item);
  } else {
    add(value);
  }
  return result;
}

}  // namespace digestlint
