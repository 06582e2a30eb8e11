#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/digest.hpp"
#include "rules/finding.hpp"
#include "rules/rule.hpp"
#include "rules/suppressions.hpp"

namespace re2 {
class RE2;
}

namespace digestlint {

// Named values for a rule's message and hint templates: {"match", "…"}.
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// Where analyzers send what they find; the engine renders the rule's message with the args.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void report(Span span, const MessageArgs& args, std::optional<Fix> fix = std::nullopt,
                      std::vector<RelatedLocation> related = {},
                      std::optional<Confidence> confidence = std::nullopt) = 0;
};

class TargetCache;
class RegexScreen;

// What the rules of one file work out once and share, each result filed under its owner (e.g. the
// model that both summary verdicts read): the first rule to ask builds it, and it goes with the
// file. Rules run one after another over a file, on one thread.
class FileAnalyses {
 public:
  template <class T, class Build>
  T& get(const void* owner, Build&& build) {
    for (const auto& [key, value] : analyses_) {
      if (key == owner) return *static_cast<T*>(value.get());
    }
    auto value = std::make_shared<T>(build());
    T& result = *value;
    analyses_.emplace_back(owner, std::move(value));
    return result;
  }

 private:
  std::vector<std::pair<const void*, std::shared_ptr<void>>> analyses_;
};

struct CheckContext {
  const SourceFile& source;
  const Digest& digest;
  FindingSink& sink;
  // The file's digestlint directives; null with --no-inline-config.
  const InlineConfig* inline_config = nullptr;
  // The file's targets, shared by its rules; null: each rule builds its own.
  TargetCache* targets = nullptr;
  // Analyses shared by the file's rules; null: each rule works out its own.
  FileAnalyses* analyses = nullptr;
  // The run's one pass of all regular-expression rules over a target; null: no screening.
  const RegexScreen* screen = nullptr;
};

// One file of a run, for analyzers that compare files (e.g. duplicate summaries).
struct RunFile {
  const SourceFile* source;
  const Digest* digest;
  FindingSink* sink;  // reports land on this file
  // The analyses its rules shared when it was checked (CheckContext::analyses), while they last;
  // null: none.
  FileAnalyses* analyses = nullptr;
};

// The check behind one rule. Built once per run from the rule's YAML (parameters are validated
// then) and shared by the threads that lint files, so check() must not mutate state.
class Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual void check(const CheckContext& context) const = 0;
  // Analyzers that need every file of the run at once override this; check() then does nothing.
  virtual bool needs_whole_run() const { return false; }
  // Analyzers that judge the suppressions themselves run once the other rules' findings were
  // suppressed (InlineConfig::suppressions then says which were used); their own findings
  // cannot be suppressed.
  virtual bool after_suppressions() const { return false; }
  virtual void check_run(const std::vector<RunFile>& /*files*/) const {}
  // A regular expression the analyzer searches each target of its scopes for, to be screened
  // with the other rules' (see RegexScreen); the analyzer then asks screened() before searching.
  virtual const re2::RE2* screened_pattern() const { return nullptr; }
  // Builds the state the analyzer makes on first use rather than as its rule loads (a run may
  // need none of it: every file from the result cache). Called on the thread that starts a run,
  // before the first file it checks or (a streamed run) while a worker reads and parses it. So
  // check() may ask for the state while it is being built, and must wait for it then
  // (std::call_once). Built on that thread, the state lands in its prefaulted heap, while on a
  // worker its memory's first-touch page faults cost more than building it.
  virtual void warm_up() const {}
};

using AnalyzerFactory = std::unique_ptr<Analyzer> (*)(const RuleSpec& rule);
using ParamNames = std::vector<std::string_view>;

struct AnalyzerInfo {
  std::string_view name;  // kind name (pattern, …) or builtin analyzer name
  bool declarative;       // a `kind:` users write; otherwise `kind: builtin` + `analyzer: name`
  AnalyzerFactory make;
  // Placeholders the analyzer fills in, checked against message templates at load time.
  std::vector<std::string_view> placeholders;
  // For builtins that read fixed parts of the digest, those scopes: a rule naming others is a
  // load error rather than a silent no-op. Empty: the analyzer runs on the rule's scopes.
  std::vector<Scope> fixed_scopes = {};
  // The `params:` keys a rule may set; any other is a load error. An analyzer that declares
  // none accepts the keys it reads when built without parameters (see accepted_params()).
  std::optional<ParamNames> params = std::nullopt;
  // Analyzers that read one model share their parameters: rules of the same group get every
  // parameter a configuration sets on any of them, so they cannot silently diverge.
  std::string_view parameter_group = {};
  // Whether its findings may carry a fix (`--fix`), for the rule's docs page.
  bool fixes = false;
};

// Called from a static object in each analyzer's file (see DIGESTLINT_REGISTER_ANALYZER).
bool register_analyzer(AnalyzerInfo info);
const AnalyzerInfo* find_analyzer(std::string_view name, bool declarative);

// Placeholders every rule may use: {rule}, {title} (entry title), {entry} (1-based index),
// {section} (name of the section the finding is in), {where} ("section 'What's New'", "the
// title", "the author list" …), {scope} (the rule's scopes).
const std::vector<std::string_view>& common_placeholders();

}  // namespace digestlint

#define DIGESTLINT_CONCAT_INNER(a, b) a##b
#define DIGESTLINT_CONCAT(a, b) DIGESTLINT_CONCAT_INNER(a, b)
#define DIGESTLINT_REGISTER_ANALYZER(...)                                       \
  namespace {                                                                   \
  [[maybe_unused]] const bool DIGESTLINT_CONCAT(registered_, __LINE__) =        \
      ::digestlint::register_analyzer(::digestlint::AnalyzerInfo{__VA_ARGS__}); \
  }
