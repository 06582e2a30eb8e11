#include "online/atom.hpp"

#include <doctest/doctest.h>

#include "online/options.hpp"

using namespace digestlint::online;

TEST_CASE("arXiv Atom entries become records by base id") {
  const auto records = parse_arxiv_feed(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>http://arxiv.org/abs/2409.18869v2</id>
    <title>Emu3: Next-Token
      Prediction is All You Need</title>
    <author><name>Qiying Yu</name></author><author><name> Boya Wu </name></author></entry>
  <entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title></entry>
</feed>)");
  REQUIRE(records);
  REQUIRE(records->size() == 1);
  const ArxivRecord& emu = records->at("2409.18869");
  CHECK(emu.found);
  CHECK(emu.title == "Emu3: Next-Token Prediction is All You Need");
  CHECK(emu.authors == std::vector<std::string>{"Qiying Yu", "Boya Wu"});
}

TEST_CASE("a body that is not an Atom feed is no answer") {
  CHECK(!parse_arxiv_feed("<feed><entry><title>unclosed"));
  CHECK(!parse_arxiv_feed("<html></html>"));
}

TEST_CASE("versions are stripped from ids") {
  CHECK(strip_version("2409.18869v12") == "2409.18869");
  CHECK(strip_version("hep-th/9901001v1") == "hep-th/9901001");
  CHECK(strip_version("2409.18869") == "2409.18869");
}

TEST_CASE("--remap rewrites URLs in order") {
  const Remap remap = parse_remap(R"(^https://cdn\.example/(.*) http://127.0.0.1:9/\1)");
  CHECK(apply_remaps({remap}, "https://cdn.example/a.png") == "http://127.0.0.1:9/a.png");
  CHECK(apply_remaps({remap}, "https://other.example/a.png") == "https://other.example/a.png");
  CHECK_THROWS_AS(parse_remap("no-replacement"), std::invalid_argument);
  CHECK_THROWS_AS(parse_remap("(unclosed x"), std::invalid_argument);
  CHECK_THROWS_AS(parse_remap("^a \\2"), std::invalid_argument);
}
