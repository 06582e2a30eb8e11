// TextMemo: values kept for texts met more than once, by a key no text can be made to share.
#include "checks/text_memo.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace digestlint::checks {
namespace {

using Memo = TextMemo<std::string>;

TEST_CASE("a text is noted the first time, kept the second, found after") {
  Memo memo;
  const Memo::Key key = Memo::key({"summary", "layout"});
  const Memo::Lookup first = memo.find(key);
  CHECK_FALSE(first.met_before);
  CHECK(first.value == nullptr);
  const Memo::Lookup second = memo.find(key);
  CHECK(second.met_before);
  CHECK(second.value == nullptr);
  memo.keep(key, std::make_shared<const std::string>("fingerprints"), 64);
  const Memo::Lookup third = memo.find(key);
  CHECK(third.met_before);
  REQUIRE(third.value != nullptr);
  CHECK(*third.value == "fingerprints");
  // Kept once: a second value for the key does not replace the first.
  memo.keep(key, std::make_shared<const std::string>("other"), 64);
  CHECK(*memo.find(key).value == "fingerprints");
  // A key never noted is not kept.
  const Memo::Key unseen = Memo::key({"another summary"});
  memo.keep(unseen, std::make_shared<const std::string>("x"), 64);
  CHECK(memo.find(unseen).value == nullptr);
}

TEST_CASE("value_of works a value out the first two times a text is met, then keeps it") {
  Memo memo;
  int worked = 0;
  const auto value = [&] {
    return memo.value_of(
        Memo::key({"text"}), [&] { return std::to_string(++worked); },
        [](const std::string& kept) { return kept.size(); });
  };
  CHECK(*value() == "1");
  CHECK(*value() == "2");
  CHECK(*value() == "2");
  CHECK(worked == 2);
}

TEST_CASE("every text noted is found again as the table grows; a key of zeros is never noted") {
  Memo memo;
  const auto key_of = [](int i) { return Memo::key({std::to_string(i)}); };
  for (int i = 0; i < 10'000; ++i) CHECK_FALSE(memo.find(key_of(i)).met_before);
  for (int i = 0; i < 10'000; i += 3)
    memo.keep(key_of(i), std::make_shared<const std::string>(std::to_string(i)), 64);
  for (int i = 0; i < 10'000; ++i) {
    const Memo::Lookup found = memo.find(key_of(i));
    CHECK(found.met_before);
    CHECK((found.value != nullptr) == (i % 3 == 0));
    if (found.value) CHECK(*found.value == std::to_string(i));
  }
  CHECK_FALSE(memo.find(Memo::Key{}).met_before);
  CHECK_FALSE(memo.find(Memo::Key{}).met_before);
}

TEST_CASE("two keys that share their first value share a note, never a value") {
  Memo memo;
  const Memo::Key one{5, 1}, other{5, 2};
  CHECK_FALSE(memo.find(one).met_before);
  // Noted by its first value alone: met before, as far as the memo can tell.
  CHECK(memo.find(other).met_before);
  memo.keep(other, std::make_shared<const std::string>("other's"), 64);
  CHECK(*memo.find(other).value == "other's");
  CHECK(memo.find(one).value == nullptr);
  memo.keep(one, std::make_shared<const std::string>("one's"), 64);
  CHECK(*memo.find(one).value == "one's");
  CHECK(*memo.find(other).value == "other's");
  // A first value of 0 marks an empty note: such a key is never noted (a note of it would be
  // found in any empty slot), so never kept.
  const Memo::Key zero_first{0, 7};
  CHECK_FALSE(memo.find(zero_first).met_before);
  CHECK_FALSE(memo.find(zero_first).met_before);  // the first find did not note it
}

TEST_CASE("a key continues from the value of what came before its pieces") {
  const SecretValue text = process_secret().hash("summary");
  CHECK(Memo::key({"layout"}, text) == Memo::key({"summary", "layout"}));
  // Where the pieces split matters, as does their order.
  CHECK_FALSE(Memo::key({"summ", "arylayout"}) == Memo::key({"summary", "layout"}));
  CHECK_FALSE(Memo::key({"layout", "summary"}) == Memo::key({"summary", "layout"}));
}

TEST_CASE("past its budget the memo starts again empty") {
  Memo memo;
  const Memo::Key key = Memo::key({"kept"});
  memo.find(key);
  memo.find(key);
  memo.keep(key, std::make_shared<const std::string>("value"), Memo::kBudget / 2);
  REQUIRE(memo.find(key).value != nullptr);
  // Notes of other texts fill the other half; then the table is dropped, the value with it.
  for (int i = 0; memo.find(key).value != nullptr && i < 1'000'000; ++i)
    memo.find(Memo::key({std::to_string(i)}));
  CHECK(memo.find(key).value == nullptr);
  // A value larger than what is left is not kept.
  const Memo::Key big = Memo::key({"big"});
  memo.find(big);
  memo.keep(big, std::make_shared<const std::string>("value"), Memo::kBudget);
  CHECK(memo.find(big).value == nullptr);
}

}  // namespace
}  // namespace digestlint::checks
