#include "online/compare.hpp"

#include <doctest/doctest.h>

using namespace digestlint::online;

TEST_CASE("titles compare without case, punctuation, accents and LaTeX") {
  CHECK(normalize_title("Emu3: Next-Token Prediction is All You Need") ==
        "emu3 next token prediction is all you need");
  CHECK(normalize_title("TideNet -- forecasting  coastal\ntides") ==
        normalize_title("TideNet: Forecasting Coastal Tides"));
  CHECK(normalize_title("$\\mathcal{O}(n)$ Attention for Caf\xC3\xA9s") ==
        normalize_title("O(n) attention for cafes"));
  CHECK(normalize_title("Emu3") != normalize_title("Emu4"));
}

TEST_CASE("authors match ignoring order, accents and initials") {
  CHECK(compare_authors({"Aiko Tanaka", "M. Park", "Jonas M\xC3\xBCller"},
                        {"Mina Park", "Jonas Muller", "Aiko Tanaka"})
            .empty());
}

TEST_CASE("a + elides record names but is not a name") {
  CHECK(compare_authors({"Mina Park", "+", "Aiko Tanaka"},
                        {"Mina Park", "Jonas Weber", "Aiko Tanaka"})
            .empty());
  const AuthorDifference difference =
      compare_authors({"Mina Park", "Aiko Tanaka"}, {"Mina Park", "Jonas Weber", "Aiko Tanaka"});
  CHECK(difference.missing == std::vector<std::string>{"Jonas Weber"});
  CHECK(difference.describe() == "missing: Jonas Weber");
}

TEST_CASE("extra and misspelled names are told apart") {
  const AuthorDifference difference =
      compare_authors({"Hana Sato", "Diego Alvares", "Jonas Weber"},
                      {"Hana Sato", "Diego Alvarez", "Lena Fischer"});
  REQUIRE(difference.misspelled.size() == 1);
  CHECK(difference.misspelled[0].first == "Diego Alvares");
  CHECK(difference.misspelled[0].second == "Diego Alvarez");
  CHECK(difference.extra == std::vector<std::string>{"Jonas Weber"});
  CHECK(difference.missing == std::vector<std::string>{"Lena Fischer"});
  CHECK(difference.describe() ==
        "'Diego Alvares' is 'Diego Alvarez' on the record; not on the record: Jonas Weber; "
        "missing: Lena Fischer");
}

TEST_CASE("same surname with another first initial is another person") {
  CHECK(!compare_authors({"Wei Zhang"}, {"Li Zhang"}).empty());
}
