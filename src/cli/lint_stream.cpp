#include "cli/lint_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace digestlint {
namespace {

// Files in flight per job: enough to keep the threads busy while the results are committed in
// order, few enough that memory does not grow with the run.
constexpr std::size_t kFilesPerJob = 4;

// Files kept for findings that point into them: a digest's findings point into about 8 files
// before it, so this many cover the files around it, at a few MiB.
constexpr std::size_t kRecentSources = 64;

// One task of the pipeline; `done` is set once `work` has run.
struct Slot {
  std::function<void()> work;
  bool done = false;
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

  void wait(const Slot& slot) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return slot.done; });
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
      }
      slot->work();
      {
        const std::lock_guard lock(mutex_);
        slot->done = true;
      }
      done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable done_;
  std::deque<Slot*> queue_;
  bool stopping_ = false;
  std::vector<std::jthread> threads_;  // last: joined before the rest goes
};

// The engine of one configuration and its files' comparison so far.
struct ConfiguredRun {
  ConfiguredRun(const RuleCatalog::Compiled& compiled, bool inline_config)
      : engine(compiled.rules, compiled.filter, inline_config),
        compares(engine.compares_files()),
        comparison(engine.start_run()) {}

  Engine engine;
  bool compares;  // then files are finished in order, after the comparison
  RunComparison comparison;
};

// A file on its way through the pipeline.
struct Pending {
  std::optional<InputError> error;
  bool excluded = false;
  std::string path;
  ConfiguredRun* run = nullptr;
  FileResult result;
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
        workers_(options.jobs) {}

  LintStream run(const std::vector<ListedInput>& inputs) {
    // Every configuration is loaded before the first file, so an invalid one stops the run
    // before any result is written.
    for (const ListedInput& input : inputs) {
      if (!input.error) catalog_.for_file(input.path);
    }
    const std::size_t window = kFilesPerJob * std::max(1u, options_.jobs);
    std::deque<std::unique_ptr<Pending>> in_flight;
    auto next = inputs.begin();
    while (next != inputs.end() || !in_flight.empty()) {
      while (next != inputs.end() && in_flight.size() < window) in_flight.push_back(start(*next++));
      workers_.wait(in_flight.front()->slot);
      commit(*in_flight.front());
      in_flight.pop_front();
    }
    return std::move(stream_);
  }

 private:
  // Reads the file here, in input order (stdin included), and lints it on a worker.
  std::unique_ptr<Pending> start(const ListedInput& input) {
    auto pending = std::make_unique<Pending>();
    InputBytes read = read_input(input, input_options_);
    pending->path = input.path;
    pending->error = std::move(read.error);
    if (!pending->error) {
      const RuleCatalog::Compiled& compiled = catalog_.for_file(input.path);
      pending->excluded = compiled.config.excludes(input.path);
      pending->run = &run_for(compiled);
    }
    if (pending->error || pending->excluded) {
      pending->slot.done = true;
      return pending;
    }
    pending->slot.work = [pending = pending.get(), bytes = std::move(read.bytes)]() mutable {
      const Engine& engine = pending->run->engine;
      pending->result =
          engine.check(std::make_shared<const SourceFile>(pending->path, std::move(bytes)));
      if (!pending->run->compares) engine.finish(pending->result);
    };
    workers_.submit(pending->slot);
    return pending;
  }

  void commit(Pending& pending) {
    if (pending.error) {
      stream_.errors.push_back(std::move(*pending.error));
      return;
    }
    if (pending.excluded) {
      if (options_.verbose)
        std::cerr << fmt::format("{}: note: excluded by the configuration\n", pending.path);
      return;
    }
    ConfiguredRun& run = *pending.run;
    if (run.compares) {
      run.comparison.add(pending.result);
      run.engine.finish(pending.result);
    }
    consume_(std::move(pending.result));
  }

  ConfiguredRun& run_for(const RuleCatalog::Compiled& compiled) {
    stream_.configurations.insert(&compiled);
    auto& run = runs_[&compiled];
    if (!run) run = std::make_unique<ConfiguredRun>(compiled, options_.inline_config);
    return *run;
  }

  const InputOptions& input_options_;
  const LintStreamOptions& options_;
  RuleCatalog& catalog_;
  const std::function<void(FileResult&&)>& consume_;
  std::map<const RuleCatalog::Compiled*, std::unique_ptr<ConfiguredRun>> runs_;
  LintStream stream_;
  Workers workers_;  // last: its threads stop before what they use goes
};

}  // namespace

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
