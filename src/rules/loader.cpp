#include "rules/loader.hpp"

#include <fmt/args.h>
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "model/file_bytes.hpp"
#include "rules/did_you_mean.hpp"
#include "rules/embedded.hpp"
#include "rules/message_template.hpp"
#include "rules/pack_image.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

// Built-in analyzers renamed after their rules (0.1.0): a pack that names one the old way is
// told the new name rather than only that the old one is unknown.
std::string renamed_analyzer(std::string_view name) {
  static const std::map<std::string_view, std::string_view> renamed = {
      {"arxiv-link", "arxiv-malformed"},
      {"calendar-date", "invalid-date"},
      {"known-sections", "unknown-section"},
      {"required-sections", "missing-section"},
      {"summary-duplicate", "duplicate-summary"}};
  const auto it = renamed.find(name);
  return it == renamed.end() ? "" : fmt::format(" (renamed to '{}')", it->second);
}

const std::set<std::string, std::less<>> kRuleKeys{"id",          "severity", "message", "hint",
                                                   "description", "docs",     "scope",   "kind",
                                                   "analyzer",    "params",   "fix"};

// Calls visit(line, number) for each entry line of a data file (not empty, not a `#` comment; a
// CR before the LF dropped) until it returns false.
template <typename Visit>
void for_each_data_line(const std::string& text, Visit visit) {
  std::istringstream lines(text);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    if (!visit(line, number)) return;
  }
}

// A data file "rules/NAME.tsv" is the lexicon NAME: one entry "key: value, value" per line
// from its first two tab-separated columns; `#` lines are comments. Large generated lexicons
// live in such files because they load far faster than YAML.
void read_data_file(const PackSource& pack, Lexicons& lexicons) {
  std::string name = pack.path.substr(pack.path.find_last_of('/') + 1);
  name.resize(name.size() - 4);
  auto& entries = lexicons[name];
  entries.clear();
  for_each_data_line(pack.text, [&](const std::string& line, int number) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      throw RuleError({pack.path, number, 1}, "a data line is 'key<TAB>value, value…'");
    const std::size_t end = line.find('\t', tab + 1);
    entries.push_back(line.substr(0, tab) + ": " + line.substr(tab + 1, end - tab - 1));
    return true;
  });
}

class PackReader {
 public:
  PackReader(const PackSource& pack, std::shared_ptr<const Lexicons> inherited)
      : path_(pack.path), root_(pack.yaml()), inherited_(std::move(inherited)) {}

  std::vector<RuleSpec> read() {
    if (root_.IsNull()) return {};
    if (!root_.IsMap())
      fail(root_, "a rule pack is a map with 'rules' (and optionally 'lexicons', 'profiles')");
    for (const auto& item : root_) {
      const std::string key = scalar(item.first, "key");
      // `profiles` are read by load_profiles().
      if (key != "rules" && key != "lexicons" && key != "profiles")
        fail(item.first, fmt::format("unknown key '{}' (expected rules, lexicons, profiles){}", key,
                                     did_you_mean(key, {"rules", "lexicons", "profiles"})));
    }
    read_lexicons(root_["lexicons"]);
    const YAML::Node rules = root_["rules"];
    if (!rules) return {};
    if (!rules.IsSequence()) fail(rules, "'rules' must be a list");
    std::vector<RuleSpec> specs;
    std::set<std::string> seen;
    for (const YAML::Node& node : rules) {
      RuleSpec spec = read_rule(node);
      if (!seen.insert(spec.id).second)
        fail(node["id"], fmt::format("duplicate rule id '{}'", spec.id));
      specs.push_back(std::move(spec));
    }
    return specs;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
    throw RuleError(location_of(path_, at), message);
  }

  std::string scalar(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) fail(node, fmt::format("{} must be a string", what));
    return node.Scalar();
  }

  // The pack's lexicons over those of the packs loaded before it (a pack may use or redefine
  // the default pack's lexicons).
  void read_lexicons(const YAML::Node& node) {
    auto lexicons = std::make_shared<Lexicons>(*inherited_);
    if (node) {
      if (!node.IsMap()) fail(node, "'lexicons' must map names to lists of strings");
      for (const auto& item : node) {
        const std::string name = scalar(item.first, "lexicon name");
        if (!item.second.IsSequence())
          fail(item.second, fmt::format("lexicon '{}' must be a list", name));
        // A pack's lexicon replaces one of the same name from an earlier pack: a copy of a
        // default pack, edited, must not count each default entry twice.
        auto& words = (*lexicons)[name];
        words.clear();
        for (const YAML::Node& word : item.second) words.push_back(scalar(word, "lexicon entry"));
      }
    }
    lexicons_ = std::move(lexicons);
  }

 public:
  const std::shared_ptr<const Lexicons>& lexicons() const { return lexicons_; }

 private:
  RuleSpec read_rule(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node, "each rule must be a map");
    for (const auto& item : node) {
      const std::string key = scalar(item.first, "key");
      if (!kRuleKeys.contains(key)) {
        fail(item.first, fmt::format("unknown key '{}' in rule{}", key,
                                     did_you_mean(key, {kRuleKeys.begin(), kRuleKeys.end()})));
      }
    }
    RuleSpec spec;
    spec.defined_at = location_of(path_, node);
    spec.lexicons = lexicons_;
    spec.id = required(node, "id");
    static const RE2 id_syntax("[a-z][a-z0-9]*(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*");
    if (!RE2::FullMatch(spec.id, id_syntax)) {
      fail(node["id"], fmt::format("rule id '{}' must look like category/kebab-name", spec.id));
    }
    const std::string severity = required(node, "severity");
    const auto parsed = parse_severity(severity);
    if (!parsed)
      fail(node["severity"],
           fmt::format("unknown severity '{}' (expected error, warning or note)", severity));
    spec.severity = *parsed;
    spec.message = required(node, "message");
    spec.description = required(node, "description");
    spec.hint = optional(node, "hint");
    spec.docs = optional(node, "docs");
    spec.kind = required(node, "kind");
    spec.scopes = read_scopes(node);
    spec.params = node["params"] ? node["params"] : YAML::Node(YAML::NodeType::Map);
    if (!spec.params.node().IsMap()) fail(node["params"], "'params' must be a map");
    if (node["fix"]) {
      if (spec.kind != "pattern") {
        fail(node["fix"], "a declarative 'fix' needs kind: pattern (it rewrites the match)");
      }
      spec.fix = node["fix"];
    }
    if (spec.kind == "builtin") {
      spec.analyzer = required(node, "analyzer");
      if (!find_analyzer(spec.analyzer, false)) {
        fail(node["analyzer"], fmt::format("unknown builtin analyzer '{}'{}", spec.analyzer,
                                           renamed_analyzer(spec.analyzer)));
      }
    } else if (!find_analyzer(spec.kind, true)) {
      fail(node["kind"],
           fmt::format(
               "unknown kind '{}' (expected pattern, require, phrase-list, metric or builtin)",
               spec.kind));
    } else if (node["analyzer"]) {
      fail(node["analyzer"], "'analyzer' is only for kind: builtin");
    }
    return spec;
  }

  std::vector<Scope> read_scopes(const YAML::Node& node) const {
    const YAML::Node scope = node["scope"];
    if (!scope) fail(node, "missing 'scope'");
    std::vector<Scope> scopes;
    const auto add = [&](const YAML::Node& item) {
      const std::string name = scalar(item, "scope");
      const auto parsed = parse_scope(name);
      if (!parsed) {
        fail(item, fmt::format("unknown scope '{}' (expected one of: {})", name,
                               fmt::join(scope_names(), ", ")));
      }
      scopes.push_back(*parsed);
    };
    if (scope.IsSequence()) {
      for (const YAML::Node& item : scope) add(item);
    } else {
      add(scope);
    }
    if (scopes.empty()) fail(scope, "'scope' must name at least one scope");
    return scopes;
  }

  std::string required(const YAML::Node& node, const std::string& key) const {
    if (!node[key]) fail(node, fmt::format("rule is missing '{}'", key));
    return scalar(node[key], key);
  }

  std::string optional(const YAML::Node& node, const std::string& key) const {
    return node[key] ? scalar(node[key], key) : std::string();
  }

  std::string path_;
  YAML::Node root_;
  std::shared_ptr<const Lexicons> inherited_;
  std::shared_ptr<const Lexicons> lexicons_;
};

// Every placeholder of a template must be named, and a name the analyzer or the engine provides.
void check_template(const RuleSpec& spec, const std::string& field, const std::string& text,
                    const AnalyzerInfo& analyzer) {
  // Text without braces holds no placeholder and formats as itself; building the sample
  // arguments below for it was most of this check's cost.
  if (text.find_first_of("{}") == std::string::npos) return;
  const auto fail = [&](const std::string& message) {
    throw RuleError(spec.defined_at, fmt::format("rule '{}': {}: {}", spec.id, field, message));
  };
  const auto available = [&] {
    std::vector<std::string_view> all = analyzer.placeholders;
    all.insert(all.end(), common_placeholders().begin(), common_placeholders().end());
    return fmt::format("{}", fmt::join(all, ", "));
  };
  for (const std::string_view name : placeholders_in(text)) {
    // fmt would fill "{}" or "{1}" by the values' order, which no rule can rely on: an analyzer's
    // own values come first, and of the common ones only those a template names are made.
    if (std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      fail(fmt::format("placeholder '{{{}}}' has no name; name the value it shows (available: {})",
                       name, available()));
    }
    const auto known = [&](const std::vector<std::string_view>& names) {
      return std::find(names.begin(), names.end(), name) != names.end();
    };
    if (!known(analyzer.placeholders) && !known(common_placeholders())) {
      fail(fmt::format("unknown placeholder '{{{}}}' (available: {})", name, available()));
    }
  }
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const auto* names : {&analyzer.placeholders, &common_placeholders()}) {
    for (const std::string_view n : *names)
      args.push_back(fmt::arg(std::string(n).c_str(), std::string("x")));
  }
  try {
    (void)fmt::vformat(text, args);
  } catch (const fmt::format_error& e) {
    fail(fmt::format("invalid template: {} (write {{{{ and }}}} for literal braces)", e.what()));
  }
}

// Copies each parameter a configuration set on one rule of a parameter group to the others;
// the same parameter set differently on two of them is an error.
void share_group_parameters(std::vector<RuleSpec>& specs) {
  std::map<std::string_view, std::vector<RuleSpec*>> groups;
  for (RuleSpec& spec : specs) {
    const AnalyzerInfo* info =
        spec.kind == "builtin" ? find_analyzer(spec.analyzer, false) : nullptr;
    if (info && !info->parameter_group.empty()) groups[info->parameter_group].push_back(&spec);
  }
  for (const auto& [group, members] : groups) {
    for (RuleSpec* from : members) {
      for (const auto& [key, file] : from->param_files) {
        const YAML::Node value = from->params.node()[key];
        for (RuleSpec* to : members) {
          if (to == from) continue;
          if (to->param_files.contains(key)) {
            if (YAML::Dump(to->params.node()[key]) != YAML::Dump(value)) {
              throw RuleError({file, 0, 0},
                              fmt::format("'{}' is set differently for {} and {}, which share one "
                                          "parameter block ({}); give both the same value",
                                          key, from->id, to->id, group));
            }
            continue;
          }
          YAML::Node merged = YAML::Clone(to->params.node());
          merged[key] = value;
          to->params = merged;
          to->param_files[key] = file;
        }
      }
    }
  }
}

// The parameters a rule may set: what its analyzer declares or, for one that declares none,
// the keys it reads when built without parameters (every one then takes its default).
std::vector<std::string> params_of(const AnalyzerInfo& info, const RuleSpec& spec) {
  if (info.params) return {info.params->begin(), info.params->end()};
  RuleSpec bare = spec;
  bare.params = YAML::Node(YAML::NodeType::Map);
  bare.fix = YAML::Node();
  const ParamReads reads;
  try {
    (void)info.make(bare);
  } catch (const std::exception&) {
    // A required parameter is missing: the keys read so far are all we learn.
  }
  return {reads.names().begin(), reads.names().end()};
}

// A misspelt parameter would otherwise be ignored and its default used without a word.
void check_param_names(const RuleSpec& spec, const AnalyzerInfo& info) {
  const std::vector<std::string> accepted = params_of(info, spec);
  for (const auto& item : spec.params.node()) {
    const std::string key = item.first.IsScalar() ? item.first.Scalar() : "?";
    if (std::find(accepted.begin(), accepted.end(), key) != accepted.end()) continue;
    const auto file = spec.param_files.find(key);
    const std::string& path = file != spec.param_files.end() ? file->second : spec.defined_at.path;
    // Keys merged in from a configuration have no place of their own; their values do.
    const YAML::Node& at = item.first.Mark().is_null() ? item.second : item.first;
    throw RuleError(
        location_of(path, at),
        fmt::format("rule '{}': unknown parameter '{}'{} ({} '{}' accepts: {})", spec.id, key,
                    did_you_mean(key, accepted), spec.kind == "builtin" ? "analyzer" : "kind",
                    info.name,
                    accepted.empty() ? "none" : fmt::format("{}", fmt::join(accepted, ", "))));
  }
}

std::unique_ptr<Analyzer> make_analyzer(const AnalyzerInfo& info, const RuleSpec& spec) {
  check_param_names(spec, info);
  try {
    return info.make(spec);
  } catch (const YAML::Exception& e) {
    // Analyzers read parameters through Params, which reports places; this is the safety net.
    const YamlLocation where =
        e.mark.is_null() ? spec.defined_at
                         : YamlLocation{spec.defined_at.path, e.mark.line + 1, e.mark.column + 1};
    throw RuleError(where, fmt::format("rule '{}': {}", spec.id, e.msg));
  }
}

}  // namespace

std::vector<PackSource> default_packs() {
  std::vector<PackSource> packs;
  for (const EmbeddedFile& file : embedded_rule_packs()) {
    packs.push_back({std::string(file.path), std::string(file.text), true, file.image});
  }
  return packs;
}

PackSource read_yaml_file(const std::string& path, std::string_view what) {
  FileBytes file = read_file_bytes(path, kNoSizeLimit);
  if (!file.read())
    throw RuleError({path, 0, 0},
                    fmt::format("cannot read {}: {}", what, std::strerror(file.error)));
  return {path, std::move(file.bytes)};
}

const YAML::Node& PackSource::yaml() const {
  if (!parsed) parsed = image.empty() ? load_yaml(text, path) : decode_yaml_image(image);
  return *parsed;
}

PackSource read_pack(const std::string& path) {
  return read_yaml_file(path, "rule pack");
}

bool defines_nothing(const PackSource& pack) {
  if (!pack.is_data_file()) return pack.yaml().IsNull();
  bool empty = true;
  for_each_data_line(pack.text, [&](const std::string&, int) { return empty = false; });
  return empty;
}

std::vector<RuleSpec> load_rule_specs(const std::vector<PackSource>& packs) {
  std::vector<RuleSpec> specs;
  auto lexicons = std::make_shared<const Lexicons>();
  for (const PackSource& pack : packs) {
    if (pack.is_data_file()) {
      auto extended = std::make_shared<Lexicons>(*lexicons);
      read_data_file(pack, *extended);
      lexicons = std::move(extended);
      continue;
    }
    PackReader reader(pack, lexicons);
    std::vector<RuleSpec> read = reader.read();
    if (reader.lexicons()) lexicons = reader.lexicons();
    for (RuleSpec& spec : read) {
      spec.builtin = pack.builtin;
      const auto same = std::find_if(specs.begin(), specs.end(),
                                     [&](const RuleSpec& s) { return s.id == spec.id; });
      if (same != specs.end()) {
        *same = std::move(spec);
      } else {
        specs.push_back(std::move(spec));
      }
    }
  }
  std::sort(specs.begin(), specs.end(),
            [](const RuleSpec& a, const RuleSpec& b) { return a.id < b.id; });
  return specs;
}

const AnalyzerInfo* analyzer_of(const RuleSpec& spec) {
  const bool declarative = spec.kind != "builtin";
  return find_analyzer(declarative ? spec.kind : spec.analyzer, declarative);
}

std::vector<std::string> accepted_params(const RuleSpec& spec) {
  const AnalyzerInfo* info = analyzer_of(spec);
  return info ? params_of(*info, spec) : std::vector<std::string>{};
}

RuleSet compile_rules(std::vector<RuleSpec> specs) {
  share_group_parameters(specs);
  RuleSet set;
  for (RuleSpec& spec : specs) {
    set.known_ids.push_back(spec.id);
    if (!spec.enabled) {
      set.disabled.push_back(std::move(spec));
      continue;
    }
    const AnalyzerInfo* info = analyzer_of(spec);
    if (!info)
      throw RuleError(spec.defined_at,
                      fmt::format("rule '{}': no analyzer '{}'", spec.id, spec.analyzer));
    if (!info->fixed_scopes.empty() && spec.scopes != info->fixed_scopes) {
      std::vector<std::string_view> names;
      for (const Scope scope : info->fixed_scopes) names.push_back(to_string(scope));
      throw RuleError(spec.defined_at,
                      fmt::format("rule '{}': analyzer '{}' always reads scope '{}'; "
                                  "write that scope (others would have no effect)",
                                  spec.id, spec.analyzer, fmt::join(names, ", ")));
    }
    check_template(spec, "message", spec.message, *info);
    check_template(spec, "hint", spec.hint, *info);
    set.analyzers.push_back(make_analyzer(*info, spec));
    std::vector<std::string>& named = set.named_placeholders.emplace_back();
    for (const std::string* text : {&spec.message, &spec.hint}) {
      for (const std::string_view name : placeholders_in(*text)) named.emplace_back(name);
    }
    set.specs.push_back(std::move(spec));
  }
  set.screen = std::make_unique<RegexScreen>();
  for (std::size_t i = 0; i < set.analyzers.size(); ++i) {
    if (const RE2* pattern = set.analyzers[i]->screened_pattern())
      set.screen->add(*pattern, set.specs[i].scopes);
  }
  return set;
}

const RuleSpec* RuleSet::find_any(std::string_view id) const {
  if (const RuleSpec* spec = find(id)) return spec;
  const auto off = std::find_if(disabled.begin(), disabled.end(),
                                [&](const RuleSpec& spec) { return spec.id == id; });
  return off == disabled.end() ? nullptr : &*off;
}

const RuleSpec* RuleSet::find(std::string_view id) const {
  for (const RuleSpec& spec : specs) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

}  // namespace digestlint
