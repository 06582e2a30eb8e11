#include "rules/message_template.hpp"

#include <doctest/doctest.h>
#include <fmt/args.h>
#include <fmt/format.h>

#include <random>
#include <string_view>
#include <vector>

#include "random_pieces.hpp"

using digestlint::testing::random_pieces;

using namespace digestlint;

namespace {

// The definition render_message() keeps: fmt with named string arguments, the template itself
// when fmt refuses it.
std::string with_fmt(const std::string& message_template, const MessageArgs& args) {
  if (message_template.empty()) return {};
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& [name, value] : args) store.push_back(fmt::arg(name.c_str(), value));
  try {
    return fmt::vformat(message_template, store);
  } catch (const fmt::format_error&) {
    return message_template;
  }
}

const MessageArgs kArgs = {{"title", "TideNet: {Tides}"}, {"match", "+"}, {"n", "12"}, {"e", ""}};

}  // namespace

TEST_CASE("messages render as fmt renders them") {
  for (const std::string message_template : {"",
                                             "plain text",
                                             "placeholder '{match}' in '{title}'",
                                             "{n}{n}{match}",
                                             "{e}x{e}",
                                             "{{literal}} and }} and {{",
                                             "{title:.5}",
                                             "{n:>4}",
                                             "{unknown}",
                                             "{}",
                                             "{0}",
                                             "lone { brace",
                                             "lone } brace",
                                             "{match",
                                             "{ma{tch}",
                                             "{title}}",
                                             "{{{match}}}",
                                             "é {match} 한글",
                                             "{match:}",
                                             "{:match}"}) {
    CAPTURE(message_template);
    CHECK(render_message(message_template, kArgs) == with_fmt(message_template, kArgs));
  }
}

TEST_CASE("messages render as fmt renders them: random templates") {
  const std::vector<std::string> pieces = {"{",       "}",   "{{",  "}}",    "{match}",
                                           "{title}", "{n}", "{e}", "{x}",   ":",
                                           ".5",      "a",   " ",   "{n:3}", "é"};
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    const std::string message_template = random_pieces(random, pieces, 8);
    CAPTURE(message_template);
    REQUIRE(render_message(message_template, kArgs) == with_fmt(message_template, kArgs));
  }
}

TEST_CASE("a long placeholder value is cut after 500 code points, with an ellipsis") {
  std::string title;
  for (int i = 0; i < 300; ++i) title += "가a";  // 600 code points, 1,200 bytes
  const MessageArgs args = {{"title", title}, {"n", "1"}};
  std::string cut;
  for (int i = 0; i < 250; ++i) cut += "가a";
  CHECK(render_message("'{title}' ({n})", args) == "'" + cut + "…' (1)");
  // fmt renders templates with a format spec: the value it is given is cut the same way.
  CHECK(render_message("'{title}' ({n:>2})", args) == "'" + cut + "…' ( 1)");
  const std::string exact(500, 'x');
  CHECK(render_message("{title}", {{"title", exact}}) == exact);
  CHECK(render_message("{title}", {{"title", exact + "가"}}) == exact + "…");
}

TEST_CASE("defaults fill the placeholders the analyzer's arguments do not name") {
  const MessageArgs args = {{"part", "summary"}};
  const MessageArgs defaults = {{"title", "Tide"}, {"part", "unused"}};
  CHECK(render_message("{part} of '{title}'", args, defaults) == "summary of 'Tide'");
  CHECK(render_message("{part:>8} of '{title}'", args, defaults) == " summary of 'Tide'");
  CHECK(render_message("{part} of '{title}'", args) == "{part} of '{title}'");
}

TEST_CASE("placeholders_in lists a template's placeholders, escapes aside") {
  using Names = std::vector<std::string_view>;
  CHECK(placeholders_in("no braces") == Names{});
  CHECK(placeholders_in("{title} in {where:>5}") == Names{"title", "where"});
  CHECK(placeholders_in("{} {1} {0:>3}") == Names{"", "1", "0"});
  CHECK(placeholders_in("{{title}} {{}} {match}") == Names{"match"});
  CHECK(placeholders_in("{match:{where}}") == Names{"match", "where"});
  CHECK(placeholders_in("unclosed {title") == Names{"title"});
}
