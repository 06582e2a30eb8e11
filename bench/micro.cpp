// The summary verdicts' hot functions, timed in one process over real summaries: what a whole
// run's timing cannot resolve (each is a few percent of a run, and a run's wall time moves by
// more from one minute to the next) and what an instruction count can mislead about (a change
// that removes branches may add more time than the branches cost). bench/micro.py runs two
// builds of this side by side and prints the ratios.
//
//   digestlint_micro DIR [--repeat N] [--only KERNEL]
// DIR: digests, read recursively. One line per kernel: its name, the best seconds of N passes,
// the summaries' bytes. --only times one kernel (for a profiler).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checks/summary_text.hpp"
#include "checks/summary_verdict.hpp"
#include "checks/transliteration.hpp"
#include "cli/inputs.hpp"
#include "model/source.hpp"
#include "parse/digest_parser.hpp"
#include "profile/detect.hpp"
#include "rules/loader.hpp"
#include "rules/profile_loader.hpp"

namespace {

using namespace digestlint;

struct Corpus {
  std::vector<std::shared_ptr<const SourceFile>> sources;  // the digests view their text
  std::vector<Digest> digests;
  std::vector<std::string> summaries;  // as the verdicts read them (summary::summary_of)
  std::vector<std::string> lowercase;
  std::size_t bytes = 0;
};

// The digests under `root`, read and parsed as `digestlint check` reads them.
Corpus read_corpus(const std::string& root) {
  Corpus corpus;
  Inputs inputs = read_inputs({root}, InputOptions{}, 1);
  for (const InputError& error : inputs.errors) print_input_error(error);
  for (std::shared_ptr<const SourceFile>& source : inputs.sources) {
    const ProfileChoice choice = detect_profile(source->text(), default_profile_set());
    if (!choice.profile) continue;
    corpus.digests.push_back(parse_digest(*source, choice.profile));
    corpus.sources.push_back(std::move(source));
    for (const Entry& entry : corpus.digests.back().entries) {
      if (entry.sections.empty()) continue;
      corpus.summaries.push_back(summary::summary_of(entry));
      corpus.lowercase.push_back(summary::ascii_lower(corpus.summaries.back()));
      corpus.bytes += corpus.summaries.back().size();
    }
  }
  return corpus;
}

// The best of `repeat` passes, in seconds; `sink` keeps the work from being optimized away.
double best_of(int repeat, const std::function<std::size_t()>& pass, std::size_t& sink) {
  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    sink += pass();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: digestlint_micro DIR [--repeat N]\n");
    return 2;
  }
  int repeat = 15;
  std::string only;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--repeat") repeat = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--only") only = argv[i + 1];
  }
  const Corpus corpus = read_corpus(argv[1]);
  const std::vector<RuleSpec> specs = load_rule_specs(default_packs());
  const auto rule = std::find_if(specs.begin(), specs.end(), [](const RuleSpec& spec) {
    return spec.id == "summary/title-mismatch";
  });
  if (rule == specs.end()) return 2;
  // A model per pass, its vocabulary built before the timing: a model keeps the summaries it
  // settles (its memos), so a second pass over the same digests through it would time those.
  std::vector<std::unique_ptr<const summary::SummaryModel>> models;
  for (int i = 0; i < std::max(repeat, 1); ++i) {
    models.push_back(std::make_unique<const summary::SummaryModel>(*rule));
    models.back()->vocabulary();
  }
  const summary::Vocabulary& vocabulary = models.front()->vocabulary();

  // Each kernel over every summary (or digest) once per pass.
  const auto each_summary = [&](auto work) {
    return [&corpus, work] {
      std::size_t total = 0;
      for (const std::string& text : corpus.summaries) total += work(text);
      return total;
    };
  };
  const auto each_lowercase = [&](auto work) {
    return [&corpus, work] {
      std::size_t total = 0;
      for (const std::string& text : corpus.lowercase) total += work(text);
      return total;
    };
  };
  const std::vector<std::pair<const char*, std::function<std::size_t()>>> kernels = {
      {"analyse",
       [&, pass = std::size_t{0}]() mutable {
         const summary::SummaryModel& model = *models[pass++ % models.size()];
         std::size_t total = 0;
         for (const Digest& digest : corpus.digests) total += model.analyse(digest).size();
         return total;
       }},
      {"squash", each_summary([](const std::string& t) { return summary::squash(t).size(); })},
      {"ascii_lower",
       each_summary([](const std::string& t) { return summary::ascii_lower(t).size(); })},
      {"latin_tokens",
       each_summary([](const std::string& t) { return summary::latin_tokens(t).size(); })},
      {"HangulSounds", each_summary([](const std::string& t) {
         return static_cast<std::size_t>(summary::HangulSounds(t).contains("router", 4));
       })},
      {"renderings.count", each_lowercase([&vocabulary](const std::string& t) {
         return static_cast<std::size_t>(vocabulary.renderings.count(t)[0]);
       })},
      {"phrases.count", each_lowercase([&vocabulary](const std::string& t) {
         return static_cast<std::size_t>(vocabulary.phrases.count(t)[0]);
       })},
  };
  std::size_t sink = 0;
  for (const auto& [name, pass] : kernels) {
    if (!only.empty() && name != only) continue;
    std::printf("%s\t%.6f\t%zu\n", name, best_of(repeat, pass, sink), corpus.bytes);
  }
  std::fprintf(stderr, "%zu digests, %zu summaries (%zu)\n", corpus.digests.size(),
               corpus.summaries.size(), sink % 10);
  return corpus.summaries.empty() ? 1 : 0;  // timing nothing is an error
}
