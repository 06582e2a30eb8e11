#include "rules/engine.hpp"

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "parse/digest_parser.hpp"
#include "rules/config.hpp"
#include "rules/message_template.hpp"
#include "rules/parallel.hpp"
#include "rules/profile_loader.hpp"
#include "rules/scope.hpp"
#include "rules/suppressions.hpp"

namespace digestlint {
namespace {

// The item of `items` whose span holds `offset`. Entries, and an entry's sections, are in
// document order and do not overlap, so the first whose end reaches the offset is the only
// candidate: a binary search, since a file of many entries, or an entry of many bullets, can have
// a finding in each.
template <typename Item, typename SpanOf>
const Item* item_at(const std::vector<Item>& items, std::size_t offset, SpanOf span_of) {
  const auto item = std::partition_point(items.begin(), items.end(), [&](const Item& candidate) {
    return span_of(candidate).end < offset;
  });
  if (item == items.end() || offset < span_of(*item).begin) return nullptr;
  return &*item;
}

const Entry* entry_at(const Digest& digest, std::size_t offset) {
  return item_at(digest.entries, offset, [](const Entry& entry) { return entry.span; });
}

const Section* section_at(const Entry& entry, std::size_t offset) {
  return item_at(entry.sections, offset, [](const Section& section) { return section.item; });
}

// A section's label, or, for an untitled summary bullet, its position: "bullet 2".
std::string section_name(const Entry& entry, const Section& section) {
  if (!section.name.text.empty()) return std::string(section.name.text);
  return fmt::format("bullet {}", &section - entry.sections.data() + 1);
}

// "section 'What's New'", "title", "author list" …: the part of the entry a finding is in.
std::string describe_place(const Entry* entry, const Section* section, Span span) {
  if (!entry) return "the file";
  if (section) return fmt::format("section '{}'", section_name(*entry, *section));
  const auto in = [&](const std::optional<Field>& field) {
    return field && field->span.contains(span);
  };
  if (entry->title.span.contains(span)) return "the title";
  if (in(entry->url)) return "the paper link";
  if (in(entry->thumbnail)) return "the thumbnail";
  if (in(entry->votes)) return "the vote count";
  if (in(entry->authors_line)) return "the author list";
  if (in(entry->comments)) return "the comments line";
  return "the entry";
}

// Renders findings for one rule on one file, adding the placeholders every rule may use that its
// message or hint names (a run can have a hundred thousand findings; most rules name one or two).
class RuleSink final : public FindingSink {
 public:
  // `named`: the placeholders the rule's message and hint name (RuleSet::named_placeholders).
  RuleSink(const RuleSpec& rule, const std::vector<std::string>& named, const Digest& digest,
           std::vector<Finding>& out)
      : rule_(rule), named_(named), digest_(digest), out_(out) {}

  void report(Span span, const MessageArgs& args, std::optional<Fix> fix,
              std::vector<RelatedLocation> related, std::optional<Confidence> confidence) override {
    // The placeholders the message or hint names that the analyzer did not give.
    MessageArgs defaults;
    const auto add = [&](const char* name, const auto& value_of) {
      const bool given =
          std::any_of(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
      if (!given && named(name)) defaults.emplace_back(name, value_of());
    };
    add("rule", [&] { return rule_.id; });
    const Entry* entry = entry_at(digest_, span.begin);
    add("title", [&] { return entry ? std::string(entry->title.text) : std::string(); });
    add("entry", [&] { return entry ? std::to_string(entry->index + 1) : std::string(); });
    const Section* section = entry ? section_at(*entry, span.begin) : nullptr;
    add("section", [&] { return section ? section_name(*entry, *section) : std::string(); });
    add("where", [&] { return describe_place(entry, section, span); });
    add("scope", [&] {
      std::vector<std::string_view> scopes;
      for (const Scope scope : rule_.scopes) scopes.push_back(to_string(scope));
      return fmt::format("{}", fmt::join(scopes, ", "));
    });
    const Severity severity = confidence && confidence->tentative ? Severity::note : rule_.severity;
    std::optional<double> score;
    if (confidence) score = confidence->value;
    out_.push_back(Finding{rule_.id, severity, render_message(rule_.message, args, defaults),
                           render_message(rule_.hint, args, defaults), span, std::move(fix),
                           std::move(related), score});
  }

 private:
  bool named(std::string_view name) const {
    return std::find(named_.begin(), named_.end(), name) != named_.end();
  }

  const RuleSpec& rule_;
  const std::vector<std::string>& named_;
  const Digest& digest_;
  std::vector<Finding>& out_;
};

// Runs one analyzer on one file (or on the run). A failure loses that analyzer's findings there,
// not the run: it becomes an error finding of the rule, placed at the start of the file.
template <typename Run>
void run_guarded(const RuleSpec& rule, std::vector<Finding>& findings, Run&& run) {
  const std::size_t before = findings.size();
  std::string what;
  try {
    run();
    return;
  } catch (const std::exception& error) {
    what = error.what();
  } catch (...) {
    what = "unknown exception";
  }
  findings.resize(before);
  findings.push_back(Finding{rule.id,
                             Severity::error,
                             fmt::format("internal error in rule '{}': {}", rule.id, what),
                             "this is a bug in digestlint; please report it with this file",
                             Span{0, 0},
                             std::nullopt,
                             {},
                             /*confidence=*/std::nullopt,
                             /*internal=*/true});
}

// CPU time of the calling thread: a rule's time, not that of the threads that ran beside it.
std::chrono::nanoseconds thread_cpu_time() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

// Runs one step of a file; with timings, adds its CPU time to the rule's (parsing: no rule).
template <typename Step>
void timed(std::optional<FileTimings>& timings, const RuleSpec* rule, Step&& step) {
  if (!timings) {
    step();
    return;
  }
  const std::chrono::nanoseconds start = thread_cpu_time();
  step();
  const std::chrono::nanoseconds spent = thread_cpu_time() - start;
  if (rule == nullptr) {
    timings->parse += spent;
  } else {
    timings->rules.emplace_back(rule, spent);
  }
}

// Runs one step of a rule's analyzer on a file (run_guarded), timed with the file.
template <typename Run>
void run_rule_step(const RuleSpec& rule, std::vector<Finding>& findings,
                   std::optional<FileTimings>& timings, Run&& run) {
  timed(timings, &rule, [&] { run_guarded(rule, findings, run); });
}

// Once a file's findings are final, what reads a FileResult needs the text, the findings and the
// profile: the model (entries, fields, sections) and the directives go, so a run holds texts and
// findings rather than models.
void keep_only_profile(FileResult& result) {
  auto slim = std::make_shared<Digest>();
  slim->profile = result.digest->profile;
  slim->profile_reason = result.digest->profile_reason;
  result.digest = std::move(slim);
  result.inline_config.reset();
  result.analyses.reset();
}

}  // namespace

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.span.begin, a.span.end, a.rule_id) <
           std::tie(b.span.begin, b.span.end, b.rule_id);
  });
}

FileResult Engine::lint(std::shared_ptr<const SourceFile> source) const {
  std::vector<std::shared_ptr<const SourceFile>> one{std::move(source)};
  return std::move(lint_all(std::move(one), 1).front());
}

ProfileChoice RuleSet::choose_profile(const SourceFile& file) const {
  if (pinned_profile) {
    if (std::optional<ProfileChoice> pinned = pinned_profile(file)) return *pinned;
  }
  return detect_profile(file.text(), profiles.profiles.empty() ? default_profile_set() : profiles);
}

std::shared_ptr<const Profile> RuleSet::find_profile(std::string_view name) const {
  return (profiles.profiles.empty() ? default_profile_set() : profiles).find(name);
}

bool Engine::compares(std::size_t rule) const {
  return rules_.analyzers[rule]->needs_whole_run() || comparer(rule) != nullptr;
}

const ComparesInOrder* Engine::comparer(std::size_t rule) const {
  return dynamic_cast<const ComparesInOrder*>(rules_.analyzers[rule].get());
}

void Engine::warm_up(std::string_view path) const {
  std::erase_if(cold_, [&](std::size_t i) {
    if (!applies(rules_.specs[i], path)) return false;
    try {
      rules_.analyzers[i]->warm_up();
    } catch (...) {
      // Its check() meets the same failure on the file and reports it as the rule's finding
      // there; thrown here, it would stop the run with files already on their way.
    }
    return true;
  });
}

bool Engine::compares_files() const {
  for (std::size_t i = 0; i < rules_.specs.size(); ++i) {
    if (compares(i)) return true;
  }
  return false;
}

bool Engine::compares_files(const std::vector<std::shared_ptr<const SourceFile>>& sources) const {
  return std::any_of(sources.begin(), sources.end(),
                     [&](const auto& source) { return compares_file(source->path()); });
}

bool Engine::compares_file(std::string_view path) const {
  for (std::size_t i = 0; i < rules_.specs.size(); ++i) {
    if (compares(i) && applies(rules_.specs[i], path)) return true;
  }
  return false;
}

FileResult Engine::check(std::shared_ptr<const SourceFile> source, std::size_t index,
                         const OwnFindingsStore* own) const {
  FileResult result;
  result.source = source;
  if (timing_) result.timings.emplace();
  ProfileChoice choice;
  timed(result.timings, nullptr, [&] { choice = rules_.choose_profile(*source); });
  if (!choice.profile) {
    result.digest = std::make_shared<const Digest>();
    result.skipped = std::move(choice.reason);
    return result;
  }
  timed(result.timings, nullptr, [&] {
    Digest digest = parse_digest(*source, std::move(choice.profile));
    digest.profile_reason = std::move(choice.reason);
    result.digest = std::make_shared<const Digest>(std::move(digest));
  });
  if (inline_config_) {
    result.inline_config = std::make_shared<InlineConfig>();
    result.inline_config->directives = read_directives(*source, *result.digest, rules_.known_ids);
    result.inline_config->ran = [this, source](const std::string& selector) {
      return runs(selector, *source);
    };
  }
  if (std::optional<std::vector<Finding>> known = own ? own->recall(index) : std::nullopt) {
    result.findings = std::move(*known);
    if (result.timings) result.timings->own_recalled = true;
    return result;
  }
  TargetCache targets(*result.digest, *source);
  result.analyses = std::make_shared<FileAnalyses>();
  for (std::size_t i = 0; i < rules_.specs.size() && !cancelled(); ++i) {
    if (rules_.analyzers[i]->after_suppressions()) continue;
    if (!applies(rules_.specs[i], source->path())) continue;
    RuleSink sink(rules_.specs[i], rules_.named_placeholders[i], *result.digest, result.findings);
    run_rule_step(rules_.specs[i], result.findings, result.timings, [&] {
      rules_.analyzers[i]->check(CheckContext{*source, *result.digest, sink,
                                              result.inline_config.get(), &targets,
                                              result.analyses.get(), rules_.screen.get()});
    });
  }
  if (own && !cancelled()) own->remember(index, result.findings);
  return result;
}

std::vector<FileResult> Engine::lint_all(std::vector<std::shared_ptr<const SourceFile>> sources,
                                         unsigned jobs, const OwnFindingsStore* own) const {
  // On the calling thread, and only for files checked (a run served by the result cache needs
  // none of the analyzers' lazily built state).
  for (const auto& source : sources) warm_up(source->path());
  std::vector<FileResult> results(sources.size());
  if (!compares_files(sources)) {
    parallel_for(sources.size(), jobs, [&](std::size_t i) {
      results[i] = check(sources[i], i, own);
      finish(results[i]);
    });
    return results;
  }
  parallel_for(sources.size(), jobs, [&](std::size_t i) {
    results[i] = check(sources[i], i, own);
    prepare(results[i]);
  });
  RunComparison comparison = start_run();
  for (FileResult& result : results) comparison.add(result);
  check_whole_run(results);
  parallel_for(results.size(), jobs, [&](std::size_t i) { finish(results[i]); });
  return results;
}

void Engine::prepare(FileResult& result) const {
  if (!result.skipped.empty()) return;
  for (std::size_t i = 0; i < rules_.specs.size() && !cancelled(); ++i) {
    const ComparesInOrder* analyzer = comparer(i);
    if (analyzer == nullptr || !applies(rules_.specs[i], result.source->path())) continue;
    std::shared_ptr<const PreparedFile> prepared;
    // A failure is not reported here: check_next(), given nothing, does the work again and
    // reports its failure, once for the run (the contract of ComparesInOrder::prepare).
    std::vector<Finding> failure;
    run_rule_step(rules_.specs[i], failure, result.timings, [&] {
      prepared = analyzer->prepare(
          RunFile{result.source.get(), result.digest.get(), nullptr, result.analyses.get()});
    });
    if (prepared) result.prepared.emplace_back(i, std::move(prepared));
  }
  result.analyses.reset();
}

void Engine::finish(FileResult& result) const {
  result.prepared.clear();  // when it was never compared
  apply_inline_config(result);
  keep_only_profile(result);
}

RunComparison Engine::start_run() const {
  RunComparison comparison;
  comparison.engine_ = this;
  for (std::size_t i = 0; i < rules_.specs.size(); ++i) {
    if (const ComparesInOrder* analyzer = comparer(i))
      comparison.comparers_.push_back({i, analyzer->start_run(), std::nullopt});
  }
  return comparison;
}

void RunComparison::add(FileResult& result) {
  const RuleSet& rules = engine_->rules_;
  for (Comparer& comparer : comparers_) {
    if (engine_->cancelled()) return;
    const RuleSpec& spec = rules.specs[comparer.rule];
    if (!engine_->applies(spec, result.source->path())) continue;
    if (!comparer.failure && !result.skipped.empty()) continue;
    if (!comparer.failure) {
      const ComparesInOrder* analyzer = engine_->comparer(comparer.rule);
      RuleSink sink(spec, rules.named_placeholders[comparer.rule], *result.digest, result.findings);
      // A failure belongs to no single file: this file and every later one get it.
      std::vector<Finding> failure;
      const auto prepared =
          std::find_if(result.prepared.begin(), result.prepared.end(),
                       [&](const auto& entry) { return entry.first == comparer.rule; });
      std::shared_ptr<const PreparedFile> payload;
      if (prepared != result.prepared.end()) payload = std::move(prepared->second);
      run_rule_step(spec, failure, result.timings, [&] {
        analyzer->check_next(*comparer.state,
                             RunFile{result.source.get(), result.digest.get(), &sink},
                             payload.get());
      });
      if (failure.empty()) continue;
      comparer.failure = failure.front();
      std::erase_if(result.findings, [&](const Finding& f) { return f.rule_id == spec.id; });
    }
    result.findings.push_back(*comparer.failure);
  }
}

void Engine::check_whole_run(std::vector<FileResult>& results) const {
  for (std::size_t i = 0; i < rules_.specs.size() && !cancelled(); ++i) {
    if (!rules_.analyzers[i]->needs_whole_run()) continue;
    const RuleSpec& spec = rules_.specs[i];
    std::vector<std::unique_ptr<RuleSink>> sinks;
    std::vector<RunFile> files;
    for (FileResult& result : results) {
      if (!result.skipped.empty() || !applies(spec, result.source->path())) continue;
      sinks.push_back(std::make_unique<RuleSink>(spec, rules_.named_placeholders[i], *result.digest,
                                                 result.findings));
      files.push_back({result.source.get(), result.digest.get(), sinks.back().get()});
    }
    // A failure there belongs to no single file: each file of the comparison gets it.
    std::vector<Finding> failure;
    run_guarded(spec, failure, [&] { rules_.analyzers[i]->check_run(files); });
    if (failure.empty()) continue;
    for (FileResult& result : results) {
      if (!applies(spec, result.source->path())) continue;
      std::erase_if(result.findings, [&](const Finding& f) { return f.rule_id == spec.id; });
      result.findings.push_back(failure.front());
    }
  }
}

void Engine::apply_inline_config(FileResult& result) const {
  if (result.inline_config) {
    InlineConfig& config = *result.inline_config;
    config.suppressions = read_suppressions(*result.source, config.directives);
    apply_suppressions(config.suppressions, result.findings);
    for (std::size_t i = 0; i < rules_.specs.size(); ++i) {
      const RuleSpec& spec = rules_.specs[i];
      if (!rules_.analyzers[i]->after_suppressions()) continue;
      if (!applies(spec, result.source->path())) continue;
      RuleSink sink(spec, rules_.named_placeholders[i], *result.digest, result.findings);
      run_guarded(spec, result.findings, [&] {
        rules_.analyzers[i]->check(CheckContext{*result.source, *result.digest, sink, &config});
      });
    }
  }
  sort_findings(result.findings);
}

bool Engine::runs(const std::string& selector, const SourceFile& file) const {
  return std::any_of(rules_.specs.begin(), rules_.specs.end(), [&](const RuleSpec& rule) {
    return selects(selector, rule.id) && applies(rule, file.path());
  });
}

}  // namespace digestlint
