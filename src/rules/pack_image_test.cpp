#include "rules/pack_image.hpp"

#include <doctest/doctest.h>

#include "rules/embedded.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

// Same structure, order, scalars and styles.
bool same_tree(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type() || a.Style() != b.Style()) return false;
  if (a.IsScalar()) return a.Scalar() == b.Scalar();
  if (a.size() != b.size()) return false;
  if (a.IsSequence()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_tree(a[i], b[i])) return false;
    }
    return true;
  }
  auto left = a.begin();
  for (auto right = b.begin(); right != b.end(); ++left, ++right) {
    if (!same_tree(left->first, right->first) || !same_tree(left->second, right->second))
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("pack image: every embedded pack's image is its parsed text") {
  int imaged = 0;
  for (const EmbeddedFile& file : embedded_rule_packs()) {
    if (file.image.empty()) {
      CHECK(file.path.ends_with(".tsv"));
      continue;
    }
    CAPTURE(file.path);
    // load_yaml also rejects duplicate keys, which the image would keep silently.
    const YAML::Node parsed = load_yaml(std::string(file.text), std::string(file.path));
    CHECK(same_tree(decode_yaml_image(file.image), parsed));
    ++imaged;
  }
  CHECK(imaged >= 5);
}

TEST_CASE("pack image: nulls, anchors, empty and multi-line scalars survive a round trip") {
  const YAML::Node document = YAML::Load(
      "a: &shared {x: 1, 'y:z': [\"\", ~, '3']}\n"
      "b: *shared\n"
      "c: |\n  two\n  lines\n"
      "d: []\n"
      "e: {}\n");
  const YAML::Node decoded = decode_yaml_image(encode_yaml_image(document));
  CHECK(same_tree(decoded, document));
  CHECK(decoded["b"]["y:z"][1].IsNull());
  CHECK(decoded["c"].as<std::string>() == "two\nlines\n");
  CHECK(decoded["a"]["x"].as<int>() == 1);
}

TEST_CASE("pack image: a map key must be a scalar") {
  CHECK_THROWS_AS(encode_yaml_image(YAML::Load("{[a, b]: c}")), std::invalid_argument);
}

TEST_CASE("pack image: anything else is refused, not half read") {
  for (const char* bad : {"", "\"5:abc", "[b2:~", "{f1:~", "{f1:~~", "[2:~~", "\"x:", "~~", "?"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(decode_yaml_image(bad), std::invalid_argument);
  }
}

}  // namespace digestlint
