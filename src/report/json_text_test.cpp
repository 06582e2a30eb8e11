#include "report/json_text.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "random_pieces.hpp"

using digestlint::testing::random_pieces;

namespace digestlint {
namespace {

using ordered = nlohmann::ordered_json;

// Strings from pieces that exercise every escaping path: quotes, backslashes, control bytes,
// DEL, Hangul, four-byte UTF-8, and invalid sequences (stray continuation, truncated lead,
// overlong, surrogate, above U+10FFFF).
std::string random_text(std::mt19937& engine) {
  static const std::vector<std::string> pieces = {"a",
                                                  "Z",
                                                  " ",
                                                  "\"",
                                                  "\\",
                                                  "/",
                                                  "\n",
                                                  "\t",
                                                  std::string(1, '\0'),
                                                  "\x1f",
                                                  "\x7f",
                                                  "한",
                                                  "😀",
                                                  "\x80",
                                                  "\xe0\xa0",
                                                  "\xc0\xaf",
                                                  "\xed\xa0\x80",
                                                  "\xf4\x90\x80\x80",
                                                  "é",
                                                  "plain ascii run"};
  return random_pieces(engine, pieces, 12);
}

// A random value written both ways: as nlohmann builds it, and through JsonText.
ordered random_value(std::mt19937& engine, JsonText& out, int depth) {
  const unsigned kind = depth > 3 ? engine() % 5 : engine() % 7;
  switch (kind) {
    case 0: {
      const std::string text = random_text(engine);
      out.string(text);
      return text;
    }
    case 1: {
      const long long value = static_cast<long long>(engine() % 100000) - 50;
      out.integer(value);
      return value;
    }
    case 2: {
      const double values[] = {0.0, 1.0, 0.7, 0.85, 1e-05, 0.30000000000000004, 123456.5, 2e20};
      const double value = values[engine() % 8];
      out.real(value);
      return value;
    }
    case 3: {
      const bool value = engine() % 2 == 0;
      out.boolean(value);
      return value;
    }
    case 4:
      out.null();
      return nullptr;
    case 5: {
      ordered array = ordered::array();
      out.begin_array();
      for (std::size_t n = engine() % 4; n > 0; --n) {
        out.element();
        array.push_back(random_value(engine, out, depth + 1));
      }
      out.end_array();
      return array;
    }
    default: {
      ordered object = ordered::object();
      out.begin_object();
      for (std::size_t n = engine() % 4; n > 0; --n) {
        const std::string key = "k" + std::to_string(object.size());
        out.key(key);
        object[key] = random_value(engine, out, depth + 1);
      }
      out.end_object();
      return object;
    }
  }
}

TEST_CASE("JsonText writes what nlohmann::json::dump(2) writes, byte for byte") {
  std::mt19937 engine(2026);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    JsonText out(text, 0);
    const ordered expected = random_value(engine, out, 0);
    CAPTURE(text);
    CHECK(text == expected.dump(2, ' ', false, ordered::error_handler_t::replace));
  }
}

TEST_CASE("JsonText indents a value nested at a depth the caller placed") {
  std::string text;
  JsonText out(text, 2);
  out.begin_object().key("a").begin_array().element().integer(1).end_array().end_object();
  CHECK(text == "{\n      \"a\": [\n        1\n      ]\n    }");
}

}  // namespace
}  // namespace digestlint
