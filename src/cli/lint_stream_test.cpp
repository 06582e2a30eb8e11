#include "cli/lint_stream.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

using namespace digestlint;
namespace fs = std::filesystem;

namespace {

struct TemporaryDirectory {
  fs::path path = fs::temp_directory_path() / "digestlint-lint-stream-test";
  TemporaryDirectory() {
    fs::remove_all(path);
    fs::create_directories(path / "digests");
  }
  ~TemporaryDirectory() { fs::remove_all(path); }
};

std::string digest(std::string_view authors) {
  return "## Daily Papers (2024-10-03)\n\n### [T](http://arxiv.org/abs/2410.02345)\n\nAuthors: " +
         std::string(authors) + "\n";
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

struct StreamedRun {
  std::vector<FileResult> results;
  std::size_t from_cache = 0;
};

// A run over the directory's files, one job (so that files are read in a window of four behind
// the ones reported); on_result sees each result as it is handed on.
StreamedRun stream(const fs::path& directory, const ResultCache* cache,
                   const std::function<void(const FileResult&)>& on_result = {},
                   std::size_t kept_bytes = LintStreamOptions{}.kept_bytes) {
  const InputOptions input_options;
  RuleOptions rule_options;
  rule_options.select = {"authors"};  // rules that do not compare files
  RuleCatalog catalog(rule_options);
  StreamedRun run;
  const LintStream stream =
      lint_stream(list_inputs({directory.string()}, input_options), input_options,
                  {1, true, false, cache, kept_bytes}, catalog, [&](FileResult&& result) {
                    if (on_result) on_result(result);
                    run.results.push_back(std::move(result));
                  });
  run.from_cache = stream.from_cache;
  return run;
}

std::vector<std::string> rule_ids(const FileResult& result) {
  std::vector<std::string> ids;
  for (const Finding& finding : result.findings) ids.push_back(finding.rule_id);
  return ids;
}

}  // namespace

// Twelve copies of a digest linted once into a cache; the eleventh is rewritten when the first
// result of the next run is handed on. The first pass has hashed every file (and found every
// entry) by then, and the second reads the eleventh only after the first few are handed on: the
// edit falls between the passes, every time.
struct EditBetweenPasses {
  static constexpr int kFiles = 12;
  static constexpr int kEdited = 10;
  TemporaryDirectory directory;
  fs::path digests = directory.path / "digests";
  fs::path edited = digests / fmt::format("{:02}.md", kEdited);
  ResultCache cache{(directory.path / "cache").string()};
  std::string old_text = digest("Sora Kim, Sora Kim");
  std::string new_text = digest("Sora Kim, Jonas Weber, +");
  std::vector<std::string> stale;  // the edited file's findings before

  EditBetweenPasses() {
    for (int i = 0; i < kFiles; ++i) write(digests / fmt::format("{:02}.md", i), old_text);
    const StreamedRun cold = stream(digests, &cache);
    REQUIRE(cold.results.size() == kFiles);
    stale = rule_ids(cold.results[kEdited]);
    REQUIRE(!stale.empty());
  }

  StreamedRun run_with_edit(std::size_t kept_bytes) {
    const StreamedRun run = stream(
        digests, &cache,
        [&](const FileResult& result) {
          if (result.source->path() == (digests / "00.md").string()) write(edited, new_text);
        },
        kept_bytes);
    REQUIRE(run.results.size() == kFiles);
    return run;
  }
};

TEST_CASE_FIXTURE(EditBetweenPasses,
                  "a file edited between the two passes of a cached run and read again is "
                  "linted, not taken from its stale entry") {
  const StreamedRun warm = run_with_edit(0);  // no bytes kept: every file is read again
  CHECK(warm.from_cache == kFiles - 1);
  const FileResult& reported = warm.results[kEdited];
  CHECK(reported.source->text() == new_text);
  const StreamedRun uncached = stream(digests, nullptr);
  CHECK(rule_ids(reported) == rule_ids(uncached.results[kEdited]));
  CHECK(rule_ids(reported) != stale);

  // Its new result was not stored: its keys hash the bytes it had before.
  CHECK(stream(digests, &cache).from_cache == kFiles - 1);
}

TEST_CASE_FIXTURE(EditBetweenPasses,
                  "a file edited between the two passes of a cached run and kept by the first "
                  "is reported as it was hashed, with its entry") {
  const StreamedRun warm = run_with_edit(LintStreamOptions{}.kept_bytes);
  CHECK(warm.from_cache == kFiles);
  CHECK(warm.results[kEdited].source->text() == old_text);
  CHECK(rule_ids(warm.results[kEdited]) == stale);

  // The next run reads the edit.
  const StreamedRun next = stream(digests, &cache);
  CHECK(next.from_cache == kFiles - 1);
  CHECK(rule_ids(next.results[kEdited]) != stale);
}

TEST_CASE("a run keeps more digests in flight than long files or files of many findings") {
  FlightWindow window;
  CHECK(window.files(2) == 8);                                 // nothing committed yet
  for (int k = 0; k < 100; ++k) window.committed(34'000, 20);  // digests
  CHECK(window.files(2) == 32);
  CHECK(window.files(0) == 16);       // --jobs 0 reads as one
  window.committed(480'000, 12'000);  // a file of many findings narrows it at once
  CHECK(window.files(2) == 8);
  for (int k = 0; k < 3; ++k) window.committed(34'000, 20);  // and it widens a step a file
  CHECK(window.files(2) == 8);
  for (int k = 0; k < 30; ++k) window.committed(34'000, 20);
  CHECK(window.files(2) == 32);
  window.committed(1 << 20, 0);  // 1 MiB of text: 16 MiB in flight
  CHECK(window.files(2) == 16);
  window.committed(8 << 20, 0);  // at --max-file-size
  CHECK(window.files(2) == 8);
  FlightWindow empty_files;
  empty_files.committed(0, 0);
  CHECK(empty_files.files(1) == 4);  // nothing to go by
}

TEST_CASE("a file taken from the cache is indexed as when it was linted, valid UTF-8 or not") {
  TemporaryDirectory directory;
  const fs::path digests = directory.path / "digests";
  write(digests / "bom.md", "\xEF\xBB\xBF" + digest("Sora Kim, 김소라"));
  write(digests / "invalid.md", digest("Sora Kim, \xFF\xFE Kim"));
  const ResultCache cache((directory.path / "cache").string());
  const StreamedRun cold = stream(digests, &cache);
  const StreamedRun warm = stream(digests, &cache);
  REQUIRE(warm.results.size() == 2);
  CHECK(warm.from_cache == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const SourceFile& before = *cold.results[i].source;
    const SourceFile& after = *warm.results[i].source;
    CAPTURE(before.path());
    CHECK(after.text() == before.text());
    CHECK(after.has_bom() == before.has_bom());
    CHECK(after.encoding_errors().size() == before.encoding_errors().size());
    CHECK(after.line_count() == before.line_count());
  }
  CHECK(warm.results[0].source->has_bom());
  CHECK(warm.results[1].source->encoding_errors().size() == 1);  // replaced again, not trusted
}

// A run stopped by an exception (here from the code handed the results) first waits for the
// files the workers hold: they are freed as it unwinds (ASan saw them used after that).
TEST_CASE("a run that throws stops its workers before it frees the files in flight") {
  TemporaryDirectory directory;
  for (int i = 0; i < 24; ++i) {
    write(directory.path / "digests" / fmt::format("{:02}.md", i), digest("Ana Lee, +"));
  }
  CHECK_THROWS_AS(stream(directory.path / "digests", nullptr,
                         [](const FileResult&) { throw std::runtime_error("consumer failed"); }),
                  std::runtime_error);
}
