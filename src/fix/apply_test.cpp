#include "fix/apply.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace digestlint {
namespace {

Finding with_fix(std::size_t begin, std::size_t end, std::string replacement, bool safe = true) {
  Finding finding;
  finding.rule_id = "x/y";
  finding.span = {begin, end};
  finding.fix = Fix{{begin, end}, std::move(replacement), safe, ""};
  return finding;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("apply_fixes: edits only the fixed spans, the text between them kept") {
  std::string text = "Authors: A, +, B\nurl http://x\n";
  const int applied = apply_fixes(text, {with_fix(12, 15, ""), with_fix(21, 28, "https://")}, {});
  CHECK(applied == 2);
  CHECK(text == "Authors: A, B\nurl https://x\n");
}

TEST_CASE("apply_fixes: unsafe fixes need the option; overlapping fixes wait a round") {
  std::string text = "abcdef";
  CHECK(apply_fixes(text, {with_fix(0, 1, "X", false)}, {}) == 0);
  CHECK(text == "abcdef");
  CHECK(apply_fixes(text, {with_fix(0, 3, "X"), with_fix(2, 4, "Y"), with_fix(4, 5, "Z")}, {}) ==
        2);
  CHECK(text == "XdZf");
  CHECK(apply_fixes(text, {with_fix(0, 1, "Q", false)}, FixOptions{true}) == 1);
  CHECK(text == "QdZf");
}

TEST_CASE("apply_fixes: tells the rules of the fixes it applied, not of those that wait") {
  std::string text = "abcdef";
  Finding first = with_fix(0, 3, "X"), overlapping = with_fix(2, 4, "Y"),
          last = with_fix(4, 5, "Z");
  first.rule_id = "a/first";
  overlapping.rule_id = "a/waits";
  last.rule_id = "a/last";
  std::vector<std::string> rules;
  CHECK(apply_fixes(text, {last, overlapping, first}, {}, &rules) == 2);
  CHECK(rules == std::vector<std::string>{"a/first", "a/last"});
}

TEST_CASE("apply_fixes: a fix past the end of the text is ignored, not a crash") {
  std::string text = "short";
  CHECK(apply_fixes(text, {with_fix(3, 99, "")}, {}) == 0);
  CHECK(text == "short");
}

TEST_CASE("write_atomically: replaces the file, keeps its mode, leaves no temporary file") {
  const auto directory = std::filesystem::temp_directory_path() / "digestlint-atomic-test";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "digest.md").string();
  std::ofstream(path) << "old";
  chmod(path.c_str(), 0640);
  CHECK(write_atomically(path, "new text") == "");
  CHECK(slurp(path) == "new text");
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  CHECK(std::distance(std::filesystem::directory_iterator(directory),
                      std::filesystem::directory_iterator()) == 1);
  std::filesystem::remove_all(directory);
}

TEST_CASE("write_atomically: a failed rename leaves the target and no temporary file") {
  const auto directory = std::filesystem::temp_directory_path() / "digestlint-atomic-fail";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory / "digest.md");  // a directory cannot be replaced
  CHECK(write_atomically((directory / "digest.md").string(), "x") != "");
  CHECK(std::filesystem::is_directory(directory / "digest.md"));
  CHECK(std::distance(std::filesystem::directory_iterator(directory),
                      std::filesystem::directory_iterator()) == 1);
  std::filesystem::remove_all(directory);
}

TEST_CASE("write_atomically: keeps hard links and the owner, refuses read-only files") {
  const auto directory = std::filesystem::temp_directory_path() / "digestlint-atomic-keep";
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "digest.md").string();
  const std::string link = (directory / "link.md").string();
  std::ofstream(path) << "old";
  std::filesystem::create_hard_link(path, link);
  CHECK(write_atomically(path, "new") == "");
  CHECK(slurp(link) == "new");
  CHECK(std::filesystem::hard_link_count(path) == 2);

  const std::string owned = (directory / "owned.md").string();
  std::ofstream(owned) << "old";
  if (geteuid() == 0 && chown(owned.c_str(), 65534, 65534) == 0) {
    CHECK(write_atomically(owned, "new") == "");
    struct stat info {};
    REQUIRE(stat(owned.c_str(), &info) == 0);
    CHECK(info.st_uid == 65534);
    CHECK(slurp(owned) == "new");
  }

  const std::string locked = (directory / "locked.md").string();
  std::ofstream(locked) << "old";
  chmod(locked.c_str(), 0444);
  CHECK(write_atomically(locked, "new") == "the file is read-only");
  CHECK(slurp(locked) == "old");
  std::filesystem::remove_all(directory);
}

TEST_CASE("unified_diff: hunks with context and line numbers") {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += "line " + std::to_string(i) + "\n";
    after += (i == 10 ? std::string("changed 10") : "line " + std::to_string(i)) + "\n";
  }
  const std::string diff = unified_diff("d.md", before, after);
  CHECK(diff ==
        "--- a/d.md\n+++ b/d.md\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+changed "
        "10\n line 11\n line 12\n line 13\n");
  CHECK(unified_diff("d.md", before, before) == "--- a/d.md\n+++ b/d.md\n");
}

}  // namespace digestlint
