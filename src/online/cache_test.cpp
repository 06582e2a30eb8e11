#include "online/cache.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace digestlint::online;

TEST_CASE("the cache keeps links and records until they expire") {
  const auto directory = std::filesystem::temp_directory_path() / "digestlint-cache-test";
  std::filesystem::remove_all(directory);
  {
    Cache cache(directory.string());
    REQUIRE(cache.problem().empty());
    cache.store_link("http://a/", {LinkStatus::Kind::broken, "HTTP 404"}, 60);
    cache.store_link("http://old/", {LinkStatus::Kind::ok, "HTTP 200"}, -1);
    cache.store_arxiv("2409.18869", {true, "Emu3", {"Qiying Yu", "Boya Wu"}}, 60);
    cache.store_arxiv("2409.99999", {false, "", {}}, 60);
  }
  Cache reopened(directory.string());
  REQUIRE(reopened.link("http://a/"));
  CHECK(reopened.link("http://a/")->kind == LinkStatus::Kind::broken);
  CHECK(reopened.link("http://a/")->detail == "HTTP 404");
  CHECK(!reopened.link("http://old/"));
  CHECK(!reopened.link("http://never/"));
  CHECK(reopened.arxiv("2409.18869")->authors == std::vector<std::string>{"Qiying Yu", "Boya Wu"});
  CHECK(!reopened.arxiv("2409.99999")->found);
  std::filesystem::remove_all(directory);
}

TEST_CASE("a cache without a directory remembers nothing") {
  Cache cache("");
  cache.store_link("http://a/", {}, 60);
  CHECK(!cache.link("http://a/"));
}
