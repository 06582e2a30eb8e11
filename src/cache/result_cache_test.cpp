#include "cache/result_cache.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cache/cached_lint.hpp"
#include "rules/catalog.hpp"

using namespace digestlint;
namespace fs = std::filesystem;

namespace {

struct TemporaryDirectory {
  fs::path path = fs::temp_directory_path() / "digestlint-result-cache-test";
  TemporaryDirectory() { fs::remove_all(path); }
  ~TemporaryDirectory() { fs::remove_all(path); }
};

std::vector<fs::path> entries(const fs::path& directory) {
  std::vector<fs::path> found;
  for (const auto& item : fs::recursive_directory_iterator(directory / "results"))
    if (item.is_regular_file()) found.push_back(item.path());
  return found;
}

const char* const kDigest =
    "## Daily Papers (2024-10-03)\n\n"
    "### [T](http://arxiv.org/abs/2410.02345)\n\n"
    "Authors: Sora Kim, +\n";

// The default rules over a fresh cache directory.
struct CachedEngine {
  TemporaryDirectory directory;
  const ResultCache cache{directory.path.string()};
  RuleCatalog catalog{RuleOptions{}};
  const RuleCatalog::Compiled& compiled = catalog.for_file("");
  const Engine engine{compiled.rules, compiled.filter};
};

}  // namespace

TEST_CASE("content hashes tell byte strings and their boundaries apart") {
  CHECK(Hasher().add("ab").add("c").finish() != Hasher().add("a").add("bc").finish());
  CHECK(Hasher().add("x").finish() == Hasher().add("x").finish());
  CHECK(Hasher().add("").finish() != Hasher().finish());
  CHECK(Hasher().add("x").finish().hex().size() == 32);
}

TEST_CASE_FIXTURE(CachedEngine,
                  "a file's findings round-trip through the cache; a corrupt entry is a miss") {
  auto source = std::make_shared<const SourceFile>("d.md", kDigest);

  const CachedLint cold =
      lint_with_cache(engine, compiled.rules, compiled.fingerprint, {source}, 1, cache);
  CHECK(cold.from_cache == 0);
  const CachedLint warm =
      lint_with_cache(engine, compiled.rules, compiled.fingerprint, {source}, 1, cache);
  CHECK(warm.from_cache == 1);
  const FileResult& before = cold.results.front();
  const FileResult& after = warm.results.front();
  REQUIRE(before.findings.size() == after.findings.size());
  REQUIRE(!before.findings.empty());
  for (std::size_t i = 0; i < before.findings.size(); ++i) {
    const Finding& a = before.findings[i];
    const Finding& b = after.findings[i];
    CHECK(a.rule_id == b.rule_id);
    CHECK(a.message == b.message);
    CHECK(a.hint == b.hint);
    CHECK(a.span.begin == b.span.begin);
    CHECK(a.severity == b.severity);
    CHECK(a.fix.has_value() == b.fix.has_value());
    if (a.fix && b.fix) CHECK(a.fix->replacement == b.fix->replacement);
  }
  CHECK(after.digest->profile->name == before.digest->profile->name);
  CHECK(after.digest->profile_reason == before.digest->profile_reason);

  for (const fs::path& entry : entries(directory.path)) std::ofstream(entry) << "garbage";
  CHECK(lint_with_cache(engine, compiled.rules, compiled.fingerprint, {source}, 1, cache)
            .from_cache == 0);
  CHECK(lint_with_cache(engine, compiled.rules, compiled.fingerprint, {source}, 1, cache)
            .from_cache == 1);

  auto edited = std::make_shared<const SourceFile>("d.md", std::string(kDigest) + "\n");
  CHECK(lint_with_cache(engine, compiled.rules, compiled.fingerprint, {edited}, 1, cache)
            .from_cache == 0);
  CHECK(lint_with_cache(engine, compiled.rules, Hasher().add("other").finish(), {source}, 1, cache)
            .from_cache == 0);
}

TEST_CASE("an entry says whether the bytes its key hashes are valid UTF-8") {
  TemporaryDirectory directory;
  const ResultCache cache(directory.path.string());
  RuleCatalog catalog(RuleOptions{});
  const RuleSet& rules = catalog.for_file("").rules;
  const auto stored_from = [&](std::string bytes) {
    FileResult result;
    result.skipped = "not a digest";  // needs no profile to be reported from the cache
    result.source = std::make_shared<const SourceFile>("d.md", bytes);
    const ContentHash key = content_hash(bytes);
    store_result(cache, key, result);
    const std::optional<CachedResult> loaded = load_result(cache, key, rules, nullptr);
    REQUIRE(loaded);
    return loaded->valid_utf8;
  };
  CHECK(stored_from("# 한국어 text\n"));
  CHECK_FALSE(stored_from("# \xED\xA0\x80 a surrogate\n"));
}

TEST_CASE("a source made from bytes known to be valid is indexed as one that checked them") {
  const std::string bytes = "\xEF\xBB\xBF# 제목\r\nline two 🎼\n" + std::string(3000, 'x') + "가\n";
  const SourceFile checked("a.md", bytes);
  const SourceFile trusted("a.md", bytes, SourceFile::KnownValid{});
  CHECK(trusted.text() == checked.text());
  CHECK(trusted.has_bom());
  CHECK(trusted.line_count() == checked.line_count());
  const std::size_t last = checked.text().size() - 1;
  CHECK(trusted.position(last).utf16_column == checked.position(last).utf16_column);
  CHECK(trusted.position(last).line == checked.position(last).line);
}

TEST_CASE_FIXTURE(CachedEngine,
                  "a file whose invalid bytes were replaced takes no entry of a file written so") {
  // Its bytes are replaced by '?' one for one: its text is the other file's bytes.
  auto invalid = std::make_shared<const SourceFile>("d.md", std::string(kDigest) + "\xFF\xFE\n");
  auto written = std::make_shared<const SourceFile>("d.md", std::string(kDigest) + "??\n");
  REQUIRE(invalid->text() == written->text());
  CHECK(content_hash(*invalid) != content_hash(*written));
  CHECK(content_hash(*written) == content_hash(std::string(kDigest) + "??\n"));
  const auto from_cache = [&](const std::shared_ptr<const SourceFile>& source) {
    return lint_with_cache(engine, compiled.rules, compiled.fingerprint, {source}, 1, cache)
        .from_cache;
  };
  CHECK(from_cache(invalid) == 0);
  CHECK(from_cache(written) == 0);
  CHECK(from_cache(invalid) == 1);
}

TEST_CASE("an unwritable cache directory costs time, not the run") {
  const ResultCache cache("/proc/digestlint-cannot-write-here");
  RuleCatalog catalog(RuleOptions{});
  const RuleCatalog::Compiled& compiled = catalog.for_file("");
  const Engine engine(compiled.rules, compiled.filter);
  auto source = std::make_shared<const SourceFile>("d.md", kDigest);
  const CachedLint run =
      lint_with_cache(engine, compiled.rules, compiled.fingerprint, {source}, 1, cache);
  CHECK(run.from_cache == 0);
  CHECK(!run.results.front().findings.empty());
}

TEST_CASE("a result of more than 10,000 findings is not stored; one of 10,000 is") {
  TemporaryDirectory directory;
  const ResultCache cache(directory.path.string());
  RuleCatalog catalog(RuleOptions{});
  const RuleSet& rules = catalog.for_file("").rules;
  const auto result_of = [](std::size_t findings) {
    FileResult result;
    result.skipped = "not a digest";  // needs no profile to be reported from the cache
    Finding finding;
    finding.rule_id = "authors/duplicate";
    finding.message = "m";
    result.findings.assign(findings, finding);
    return result;
  };
  const ContentHash at_cap = Hasher().add("10,000").finish();
  const ContentHash over_cap = Hasher().add("10,001").finish();
  store_result(cache, at_cap, result_of(10000));
  store_result(cache, over_cap, result_of(10001));
  const std::optional<CachedResult> stored = load_result(cache, at_cap, rules, nullptr);
  REQUIRE(stored);
  CHECK(stored->result.findings.size() == 10000);
  CHECK(!load_result(cache, over_cap, rules, nullptr));
  CHECK(entries(directory.path).size() == 1);
}

TEST_CASE("an entry keeps every field of a finding; cut short at any byte it is a miss") {
  TemporaryDirectory directory;
  const ResultCache cache(directory.path.string());
  Finding finding;
  finding.rule_id = "summary/title-mismatch";
  finding.severity = Severity::note;
  finding.message = "요약이 제목과 맞지 않습니다";
  finding.hint = "h";
  finding.span = {3, 70000000000};
  finding.related.push_back({"other.md", {5, 9}, "first summary"});
  finding.related.push_back({"", {0, 0}, ""});
  finding.fix = Fix{{7, 8}, "https://", false, "replace with https://"};
  finding.confidence = 0.7312;
  const ContentHash key = Hasher().add("entry").finish();
  cache.store(key, CachedFile{{finding, Finding{}}, "", "ko-2024", "the header", true});

  const std::optional<CachedFile> loaded = cache.load(key);
  REQUIRE(loaded);
  CHECK(loaded->valid_utf8);
  CHECK(loaded->profile == "ko-2024");
  CHECK(loaded->profile_reason == "the header");
  REQUIRE(loaded->findings.size() == 2);
  const Finding& back = loaded->findings[0];
  CHECK(back.rule_id == finding.rule_id);
  CHECK(back.severity == Severity::note);
  CHECK(back.message == finding.message);
  CHECK(back.hint == "h");
  CHECK(back.span.end == finding.span.end);
  REQUIRE(back.related.size() == 2);
  CHECK(back.related[0].path == "other.md");
  CHECK(back.related[0].span.begin == 5);
  CHECK(back.related[0].message == "first summary");
  REQUIRE(back.fix);
  CHECK(back.fix->span.end == 8);
  CHECK(back.fix->replacement == "https://");
  CHECK_FALSE(back.fix->safe);
  CHECK(back.fix->description == finding.fix->description);
  CHECK(back.confidence == finding.confidence);
  CHECK_FALSE(loaded->findings[1].fix);
  CHECK_FALSE(loaded->findings[1].confidence);
  const fs::path entry = entries(directory.path).at(0);
  std::string bytes;
  {
    std::ifstream in(entry, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // An entry at another key's place (a file moved, or two keys' paths colliding) is not that
  // key's: the key stored inside it must match.
  const ContentHash another = Hasher().add("another key").finish();
  CHECK(!cache.load(another));
  const std::string name = another.hex();  // where entry_path() puts it
  const fs::path moved = directory.path / "results" / name.substr(0, 2) / name.substr(2);
  fs::create_directories(moved.parent_path());
  fs::copy_file(entry, moved);
  CHECK(!cache.load(another));
  fs::remove(moved);
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes.substr(0, length);
    CHECK_MESSAGE(!cache.load(key), "cut at ", length);
  }
  std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes << "x";
  CHECK(!cache.load(key));  // bytes past the end: not an entry this layout wrote
}
