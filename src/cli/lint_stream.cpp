#include "cli/lint_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include "cache/cached_lint.hpp"
#include "rules/parallel.hpp"

namespace digestlint {
namespace {

// Files in flight per job (FlightWindow): kMostFilesPerJob for files of a digest's size; fewer,
// down to kFewestFilesPerJob, when files like the latest ones would hold more than kBytesInFlight
// in all. Four per job kept a run over 10,000 digests 4% slower: the workers waited while this
// thread wrote a file of many findings.
constexpr std::size_t kMostFilesPerJob = 16;
constexpr std::size_t kFewestFilesPerJob = 4;
constexpr std::size_t kBytesInFlight = 16 << 20;

// Results the first pass of a cached run loads (to learn which entries are usable) and keeps for
// the second, counted as one per file and one per finding: loading each again cost 6% of a warm
// run. This many (the shared corpus needs under 1,000) hold a few MiB however large the tree;
// the results beyond are loaded again.
constexpr std::size_t kKeptResultsBudget = 10000;

// Files kept for findings that point into them without an excerpt of the place (summary/
// duplicate-summary keeps one): a digest's findings point into about 8 files before it, so this
// many cover the files around it, at a few MiB.
constexpr std::size_t kRecentSources = 64;

// One task of the pipeline; `done` is set once `work` has run, `failure` when it threw.
struct Slot {
  std::function<void()> work;
  bool done = false;
  std::exception_ptr failure;

  // Runs the work, keeping what it throws for the caller's wait(), which rethrows it in order.
  void run() {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
  }
};

// Threads that run slots in the order they are submitted; the caller waits for each in turn.
class Workers {
 public:
  explicit Workers(unsigned jobs) {
    for (unsigned t = 0; t < std::max(1u, jobs); ++t) threads_.emplace_back([this] { run(); });
  }

  ~Workers() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
  }

  void submit(Slot& slot) {
    {
      const std::lock_guard lock(mutex_);
      queue_.push_back(&slot);
    }
    ready_.notify_one();
  }

  // Runs the slot's work on the calling thread, as a worker would: for work so small that
  // handing it over (a worker's wake-up, then the caller's) would cost more. No notify: the one
  // thread that waits for the slot is this one.
  void run_here(Slot& slot) {
    slot.run();
    const std::lock_guard lock(mutex_);
    slot.done = true;
  }

  // Waits for the slot's work; rethrows what it threw.
  void wait(const Slot& slot) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return slot.done; });
    if (slot.failure) std::rethrow_exception(slot.failure);
  }

  // Drops the slots not started and waits for those running: then none is touched again, and
  // the caller may free them (a run stopped by an exception).
  void abandon() {
    std::unique_lock lock(mutex_);
    queue_.clear();
    done_.wait(lock, [&] { return running_ == 0; });
  }

 private:
  void run() {
    for (;;) {
      Slot* slot = nullptr;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        slot = queue_.front();
        queue_.pop_front();
        ++running_;
      }
      slot->run();
      {
        const std::lock_guard lock(mutex_);
        slot->done = true;
        --running_;
      }
      done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable done_;
  std::deque<Slot*> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::jthread> threads_;  // last: joined before the rest goes
};

// The engine of one configuration and its files' comparison so far.
struct ConfiguredRun {
  ConfiguredRun(const RuleCatalog::Compiled& compiled, bool inline_config, bool timings)
      : rules(compiled.rules),
        engine(compiled.rules, compiled.filter, inline_config),
        compares(engine.compares_files()),
        comparison(engine.start_run()),
        settings(cache_settings(compiled.fingerprint, inline_config)) {
    engine.set_timing(timings);
  }

  const RuleSet& rules;
  Engine engine;
  bool compares;  // then files are finished in order, after the comparison
  RunComparison comparison;

  // With a cache, from the first pass: the keys' part from the configuration, and the hash of
  // the configuration's files when an analyzer compares some of them.
  ContentHash settings;
  Hasher files;
  bool compares_some = false;
  std::optional<ContentHash> whole_run;
  bool missed = false;  // some file's result is not cached
};

// What the first pass of a cached run learns of a file.
struct PlannedFile {
  ConfiguredRun* run = nullptr;        // null: the list names no file, or it is excluded
  std::optional<ContentHash> content;  // none: not readable
  bool compared = false;               // an analyzer that compares files sees it
  CacheKeys keys;
  bool hit = false;
  std::optional<CachedResult> loaded;  // the hit's result, without its source, within the budget
  std::optional<std::string> bytes;    // the bytes hashed, within the budget
};

// A file on its way through the pipeline.
struct Pending {
  std::size_t index = 0;
  std::optional<InputError> error;
  bool excluded = false;
  std::string path;
  ConfiguredRun* run = nullptr;
  FileResult result;
  bool from_cache = false;
  bool as_planned = false;  // the bytes are those the keys hash
  Slot slot;
};

class Pipeline {
 public:
  Pipeline(const InputOptions& input_options, const LintStreamOptions& options,
           RuleCatalog& catalog, const std::function<void(FileResult&&)>& consume)
      : input_options_(input_options),
        options_(options),
        catalog_(catalog),
        consume_(consume),
        own_(own_store()),
        workers_(options.jobs) {}

  LintStream run(const std::vector<ListedInput>& inputs) {
    // Every configuration is loaded before the first file, so an invalid one stops the run
    // before any result is written. Finding a file's configuration stats every directory up to
    // the root (a tenth of a warm run when done on each pass), and depends only on the file's
    // directory: it is looked up once per directory.
    compiled_.resize(inputs.size());
    std::unordered_map<std::string, const RuleCatalog::Compiled*> by_directory;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].error) continue;
      auto [found, added] =
          by_directory.try_emplace(std::filesystem::path(inputs[i].path).parent_path().string());
      if (added) found->second = &catalog_.for_file(inputs[i].path);
      compiled_[i] = found->second;
    }
    catalog_.check_selectors();
    if (options_.cache) plan(inputs);
    std::deque<std::unique_ptr<Pending>> in_flight;
    std::size_t next = 0;
    try {
      while (next < inputs.size() || !in_flight.empty()) {
        while (next < inputs.size() && in_flight.size() < window()) {
          in_flight.push_back(start(inputs[next], next));
          if (served_at_hand(next)) {
            workers_.run_here(in_flight.back()->slot);
          } else {
            workers_.submit(in_flight.back()->slot);
            warm_up(*in_flight.back());
          }
          ++next;
        }
        workers_.wait(in_flight.front()->slot);
        commit(*in_flight.front());
        in_flight.pop_front();
      }
    } catch (...) {
      workers_.abandon();  // before the files in flight go
      throw;
    }
    stream_.only_compared = recalled_;
    return std::move(stream_);
  }

 private:
  std::size_t window() const { return window_.files(options_.jobs); }

  // Whether the first pass kept both a small file's bytes and its cached result, the file was
  // valid UTF-8, and nothing is compared: what is left of its work (its source indexed for the
  // report) is then smaller than a worker's wake-up and this thread's after it, which a warm run
  // paid for every file (docs/performance.md). A larger file, or one whose UTF-8 is checked
  // again, is indexed on a worker, beside this thread's report.
  bool served_at_hand(std::size_t index) const {
    static constexpr std::size_t kSmallFile = 256 << 10;
    if (!planned_from_cache(index)) return false;
    const PlannedFile& file = planned_[index];
    return file.loaded && file.loaded->valid_utf8 && file.bytes && file.bytes->size() <= kSmallFile;
  }

  // Whether the first pass found the file's result in the cache and nothing compares it with
  // other files: it is then served from the cache, unless it changes before it is read again.
  bool planned_from_cache(std::size_t index) const {
    if (!options_.cache) return false;
    const PlannedFile& file = planned_[index];
    return file.run && file.hit && !file.run->compares;
  }

  // Analyzer::warm_up for a file that will be checked: on this thread, while a worker reads and
  // parses it, which its rules then wait for.
  void warm_up(const Pending& pending) {
    if (pending.run && !planned_from_cache(pending.index)) {
      pending.run->engine.warm_up(pending.path);
    }
  }

  // The first pass of a cached run: hashes every file, dropping its text, for the keys (which
  // hash the whole run when files are compared), and looks them up.
  void plan(const std::vector<ListedInput>& inputs) {
    planned_.resize(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (compiled_[i] && !compiled_[i]->config.excludes(inputs[i].path))
        planned_[i].run = &run_for(*compiled_[i]);
    }
    parallel_for(inputs.size(), options_.jobs, [&](std::size_t i) { hash(inputs[i], i); });
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const PlannedFile& file = planned_[i];
      if (!file.content) continue;
      file.run->files.add(inputs[i].path).add(*file.content);
      file.run->compares_some = file.run->compares_some || file.compared;
    }
    for (auto& [compiled, run] : runs_) {
      if (run->compares_some) run->whole_run = run->files.finish();
    }
    parallel_for(inputs.size(), options_.jobs, [&](std::size_t i) { look_up(inputs[i], i); });
    for (const PlannedFile& file : planned_) {
      if (file.content && !file.hit) file.run->missed = true;
    }
    // Files are compared only with the files linted together, so a comparison needs them all.
    for (auto& [compiled, run] : runs_) run->compares = run->whole_run && run->missed;
  }

  void hash(const ListedInput& input, std::size_t index) {
    PlannedFile& file = planned_[index];
    if (!file.run) return;
    InputBytes read = read_input(input, input_options_);
    if (input.from_stdin) stdin_ = read;  // it cannot be read again
    if (read.error) return;
    // The bytes are hashed as read: indexing them (UTF-8, lines) would be half a warm run's work,
    // done again when the file is reported.
    file.content = content_hash(read.bytes);
    file.compared = file.run->engine.compares_file(input.path);
    if (!input.from_stdin && take_from_budget(kept_bytes_, read.bytes.size(), options_.kept_bytes))
      file.bytes = std::move(read.bytes);
  }

  void look_up(const ListedInput& input, std::size_t index) {
    PlannedFile& file = planned_[index];
    if (!file.content) return;
    file.keys = cache_keys(file.run->settings, input.path, *file.content, file.run->whole_run);
    std::optional<CachedResult> loaded =
        load_result(*options_.cache, file.keys.result, file.run->rules, nullptr);
    file.hit = loaded.has_value();
    if (loaded &&
        take_from_budget(kept_results_, 1 + loaded->result.findings.size(), kKeptResultsBudget))
      file.loaded = std::move(loaded);
  }

  static bool take_from_budget(std::atomic<std::size_t>& taken, std::size_t cost,
                               std::size_t budget) {
    if (taken.fetch_add(cost) + cost <= budget) return true;
    taken -= cost;
    return false;
  }

  // The file's bytes as the first pass kept them (`kept`: then they are those its keys hash),
  // else as read now.
  InputBytes read(const ListedInput& input, std::size_t index, bool& kept) {
    kept = options_.cache && planned_[index].bytes;
    if (kept) return {input.path, *std::exchange(planned_[index].bytes, std::nullopt), {}};
    if (input.from_stdin && stdin_) return std::move(*stdin_);
    return read_input(input, input_options_);
  }

  // The file's slot, which reads and lints it on a worker (or serves it on this thread, when
  // served_at_hand): reading on this thread, which also writes the report, kept a warm run's
  // second pass from using more than one core. Only this slot reads stdin. Submitted by the
  // caller once it owns the slot, so that a failure between the two cannot free a slot a worker
  // holds.
  std::unique_ptr<Pending> start(const ListedInput& input, std::size_t index) {
    auto pending = std::make_unique<Pending>();
    pending->index = index;
    pending->path = input.path;
    const RuleCatalog::Compiled* compiled = compiled_[index];  // null when listed with an error
    if (compiled && !compiled->config.excludes(input.path)) pending->run = &run_for(*compiled);
    pending->slot.work = [this, &input, pending = pending.get()] {
      bool kept = false;
      InputBytes read = this->read(input, pending->index, kept);
      pending->error = std::move(read.error);
      pending->excluded = !pending->error && !pending->run;
      if (pending->error || pending->excluded) return;
      if (options_.cache) {
        pending->as_planned = kept || planned_[pending->index].content == content_hash(read.bytes);
      }
      lint(*pending, std::move(read.bytes));
    };
    return pending;
  }

  // On a worker (or this thread, see served_at_hand): the cached result when it can stand, else
  // the file is linted.
  void lint(Pending& pending, std::string bytes) {
    const ConfiguredRun& run = *pending.run;
    if (options_.cache) {
      PlannedFile& planned = planned_[pending.index];
      std::optional<CachedResult> cached = std::exchange(planned.loaded, std::nullopt);
      if (pending.as_planned && planned_from_cache(pending.index)) {
        if (!cached) cached = load_result(*options_.cache, planned.keys.result, run.rules, nullptr);
        pending.from_cache = cached.has_value();
        if (cached) {
          pending.result = std::move(cached->result);
          // The entry's key hashes these very bytes (as_planned), and it says whether the file
          // linted for it had no encoding errors: then these bytes are valid UTF-8.
          pending.result.source =
              cached->valid_utf8
                  ? std::make_shared<const SourceFile>(pending.path, std::move(bytes),
                                                       SourceFile::KnownValid{})
                  : std::make_shared<const SourceFile>(pending.path, std::move(bytes));
          return;
        }
      }
    }
    auto source = std::make_shared<const SourceFile>(pending.path, std::move(bytes));
    const bool own = options_.cache && run.compares && pending.as_planned;
    pending.result = run.engine.check(std::move(source), pending.index, own ? &own_ : nullptr);
    if (run.compares) {
      run.engine.prepare(pending.result);
    } else {
      run.engine.finish(pending.result);
    }
  }

  void commit(Pending& pending) {
    if (pending.error) {
      // Read by the first pass: the run's hash covers it, yet nothing is compared with it.
      if (options_.cache && planned_[pending.index].content) inputs_changed_ = true;
      stream_.errors.push_back(std::move(*pending.error));
      return;
    }
    if (pending.excluded) {
      if (options_.verbose)
        std::cerr << fmt::format("{}: note: excluded by the configuration\n", pending.path);
      return;
    }
    stream_.configurations.insert(compiled_[pending.index]);
    ConfiguredRun& run = *pending.run;
    if (run.compares) {
      run.comparison.add(pending.result);
      run.engine.finish(pending.result);
    }
    if (options_.cache) remember(pending);
    if (pending.result.source) {
      window_.committed(pending.result.source->text().size(), pending.result.findings.size());
    }
    consume_(std::move(pending.result));
  }

  void remember(const Pending& pending) {
    if (pending.from_cache) {
      ++stream_.from_cache;
      return;
    }
    // A file that changed since the first pass: its keys do not hash its text, and the run's
    // hash no longer covers the files compared with it, so nothing later is stored.
    inputs_changed_ = inputs_changed_ || !pending.as_planned;
    if (!inputs_changed_)
      store_result(*options_.cache, planned_[pending.index].keys.result, pending.result);
  }

  OwnFindingsStore own_store() {
    if (!options_.cache) return {};
    return own_findings_store(
        *options_.cache, [this](std::size_t index) { return planned_[index].keys.own; }, recalled_);
  }

  ConfiguredRun& run_for(const RuleCatalog::Compiled& compiled) {
    auto& run = runs_[&compiled];
    if (!run) {
      run = std::make_unique<ConfiguredRun>(compiled, options_.inline_config, options_.timings);
    }
    return *run;
  }

  const InputOptions& input_options_;
  const LintStreamOptions& options_;
  RuleCatalog& catalog_;
  const std::function<void(FileResult&&)>& consume_;
  std::map<const RuleCatalog::Compiled*, std::unique_ptr<ConfiguredRun>> runs_;
  std::vector<const RuleCatalog::Compiled*> compiled_;  // by input; null when listed with an error
  std::vector<PlannedFile> planned_;                    // by input, with a cache
  std::optional<InputBytes> stdin_;                     // read by the first pass
  bool inputs_changed_ = false;
  std::atomic<std::size_t> recalled_{0};
  std::atomic<std::size_t> kept_results_{0};  // of kKeptResultsBudget
  std::atomic<std::size_t> kept_bytes_{0};    // of options_.kept_bytes
  FlightWindow window_;
  OwnFindingsStore own_;
  LintStream stream_;
  Workers workers_;  // last: its threads stop before what they use goes
};

}  // namespace

void FlightWindow::committed(std::size_t text_bytes, std::size_t findings) {
  const std::size_t cost = text_bytes + findings * kFindingBytes;
  // Up at once, down a quarter of the way a file: a run of long files, or of files of many
  // findings, narrows the window from its first one.
  recent_cost_ = cost >= recent_cost_ ? cost : recent_cost_ - (recent_cost_ - cost) / 4;
}

std::size_t FlightWindow::files(unsigned jobs) const {
  const std::size_t workers = std::max(1u, jobs);
  if (recent_cost_ == 0) return kFewestFilesPerJob * workers;  // nothing committed yet
  return std::clamp(kBytesInFlight / (recent_cost_ * workers), kFewestFilesPerJob,
                    kMostFilesPerJob) *
         workers;
}

LintStream lint_stream(const std::vector<ListedInput>& inputs, const InputOptions& input_options,
                       const LintStreamOptions& options, RuleCatalog& catalog,
                       const std::function<void(FileResult&&)>& consume) {
  return Pipeline(input_options, options, catalog, consume).run(inputs);
}

void StreamedSources::add(const std::shared_ptr<const SourceFile>& source, bool from_stdin) {
  paths_.insert(source->path());
  if (from_stdin) stdin_ = source;
  keep(source);
}

std::shared_ptr<const SourceFile> StreamedSources::find(std::string_view path) const {
  if (stdin_ && stdin_->path() == path) return stdin_;
  const auto recent = std::find_if(recent_.begin(), recent_.end(),
                                   [&](const auto& source) { return source->path() == path; });
  if (recent != recent_.end()) {
    recent_.splice(recent_.begin(), recent_, recent);
    return recent_.front();
  }
  if (!paths_.contains(std::string(path))) return nullptr;
  InputBytes read = read_input(ListedInput{std::string(path), false, std::nullopt}, options_);
  if (read.error) return nullptr;
  auto source = std::make_shared<const SourceFile>(std::move(read.path), std::move(read.bytes));
  keep(source);
  return source;
}

void StreamedSources::keep(const std::shared_ptr<const SourceFile>& source) const {
  recent_.push_front(source);
  if (recent_.size() > kRecentSources) recent_.pop_back();
}

}  // namespace digestlint
