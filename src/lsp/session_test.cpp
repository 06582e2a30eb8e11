#include "lsp/session.hpp"

#include <doctest/doctest.h>

using namespace digestlint;
using namespace digestlint::lsp;

namespace {

struct Harness {
  std::vector<json> sent;
  Session session{RuleOptions{}, [this](const json& m) { sent.push_back(m); }};

  json request(int id, const std::string& method, json params = json::object()) {
    session.handle({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    REQUIRE(!sent.empty());
    return sent.back();
  }
};

}  // namespace

TEST_CASE("session: lifecycle and errors") {
  Harness h;
  CHECK(h.request(1, "textDocument/hover")["error"]["code"] == kServerNotInitialized);
  const json init = h.request(2, "initialize", {{"capabilities", json::object()}});
  CHECK(init["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
  CHECK(h.request(3, "initialize")["error"]["code"] == kInvalidRequest);
  CHECK(h.request(4, "no/such")["error"]["code"] == kMethodNotFound);
  CHECK(h.request(5, "textDocument/hover", {{"position", 1}})["error"]["code"] == kInvalidParams);

  const std::size_t before = h.sent.size();
  h.session.handle({{"jsonrpc", "2.0"}, {"method", "no/such/notification"}});
  CHECK(h.sent.size() == before);
  h.session.handle_text("{not json");
  CHECK(h.sent.back()["error"]["code"] == kParseError);
  CHECK(h.sent.back()["id"].is_null());
  h.session.handle_text("[1,2]");
  CHECK(h.sent.back()["error"]["code"] == kInvalidRequest);
  // A lone surrogate (a JavaScript client's broken character) is read as U+FFFD; a pair and an
  // escaped backslash before "u" are left as they are.
  h.session.handle_text(
      R"({"jsonrpc":"2.0","id":9,"method":"no/such","params":{"t":"a\ud800b\udfff\ud83c\udfbc\\ud800"}})");
  CHECK(h.sent.back()["error"]["code"] == kMethodNotFound);
  CHECK(h.sent.back()["id"] == 9);

  CHECK(h.request(6, "shutdown")["result"].is_null());
  h.session.handle({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(h.session.exit_code() == 0);
}

TEST_CASE("session: exit without shutdown is 1") {
  Harness h;
  h.session.handle({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(h.session.exit_code() == 1);
}

TEST_CASE("session: changes are linted on flush and published with the version") {
  Harness h;
  h.request(1, "initialize", {{"capabilities", json::object()}});
  const std::string uri = "untitled:digest";
  h.session.handle({{"jsonrpc", "2.0"},
                    {"method", "textDocument/didOpen"},
                    {"params",
                     {{"textDocument",
                       {{"uri", uri},
                        {"languageId", "markdown"},
                        {"version", 1},
                        {"text", "### [T](http://arxiv.org/abs/2401.00001)\n"}}}}}});
  CHECK(h.session.has_dirty());
  h.session.flush();
  CHECK_FALSE(h.session.has_dirty());
  const json published = h.sent.back();
  CHECK(published["method"] == "textDocument/publishDiagnostics");
  CHECK(published["params"]["version"] == 1);
  bool insecure = false;
  for (const json& d : published["params"]["diagnostics"])
    insecure |= d["code"] == "links/insecure-url";
  CHECK(insecure);

  h.session.handle(
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/didChange"},
       {"params",
        {{"textDocument", {{"uri", uri}, {"version", 2}}},
         {"contentChanges", json::array({{{"range",
                                           {{"start", {{"line", 0}, {"character", 12}}},
                                            {"end", {{"line", 0}, {"character", 12}}}}},
                                          {"text", "s"}}})}}}});
  // A request for the document lints it first.
  const json actions = h.request(
      7, "textDocument/codeAction",
      {{"textDocument", {{"uri", uri}}},
       {"range",
        {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 50}}}}},
       {"context", {{"diagnostics", json::array()}}}});
  CHECK(actions["result"].is_array());
  const json republished = h.sent[h.sent.size() - 2];
  CHECK(republished["params"]["version"] == 2);
  for (const json& d : republished["params"]["diagnostics"])
    CHECK(d["code"] != "links/insecure-url");
}

TEST_CASE("session: only markdown documents are linted") {
  Harness h;
  h.request(1, "initialize", {{"capabilities", json::object()}});
  const std::string text = "### [T](http://arxiv.org/abs/2401.00001)\nAuthors: A, +\n";
  for (const auto& [uri, language] :
       {std::pair{"file:///tmp/notes.txt", "plaintext"},
        std::pair{"file:///tmp/notes.md", "plaintext"}, std::pair{"untitled:x", "yaml"}}) {
    h.session.handle(
        {{"jsonrpc", "2.0"},
         {"method", "textDocument/didOpen"},
         {"params",
          {{"textDocument",
            {{"uri", uri}, {"languageId", language}, {"version", 1}, {"text", text}}}}}});
    CHECK_FALSE(h.session.has_dirty());
    h.session.handle({{"jsonrpc", "2.0"},
                      {"method", "textDocument/didSave"},
                      {"params", {{"textDocument", {{"uri", uri}}}}}});
    CHECK_FALSE(h.session.has_dirty());
  }
}

TEST_CASE("session: in the background, requests wait for the newest version's lint") {
  std::vector<json> sent;
  Session session(
      RuleOptions{}, [&](const json& m) { sent.push_back(m); }, /*background=*/true);
  session.handle(
      {{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  const std::string uri = "untitled:digest";
  const auto open = [&](int version, const std::string& text) {
    session.handle(
        {{"jsonrpc", "2.0"},
         {"method", "textDocument/didOpen"},
         {"params",
          {{"textDocument",
            {{"uri", uri}, {"languageId", "markdown"}, {"version", version}, {"text", text}}}}}});
  };
  open(1, "### [T](http://arxiv.org/abs/2401.00001)\n");
  session.flush();
  open(2, "### [T](https://arxiv.org/abs/2401.00001)\n");  // supersedes version 1
  session.handle(
      {{"jsonrpc", "2.0"},
       {"id", 7},
       {"method", "textDocument/hover"},
       {"params",
        {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", 9}}}}}});
  session.wait_idle();
  std::vector<int> versions;
  bool answered = false;
  for (const json& message : sent) {
    if (message.value("method", "") == "textDocument/publishDiagnostics")
      versions.push_back(message["params"]["version"]);
    answered |= message.value("id", json()) == 7;
  }
  CHECK(answered);
  REQUIRE(!versions.empty());
  CHECK(versions.back() == 2);
}

TEST_CASE("session: a buffer over the size cap gets one diagnostic and no lint") {
  Harness h;
  h.request(1, "initialize", {{"capabilities", json::object()}});
  std::string big = "### [T](http://arxiv.org/abs/2401.00001)\n";
  while (big.size() <= Session::kMaxDocumentBytes) big += big;
  h.session.handle(
      {{"jsonrpc", "2.0"},
       {"method", "textDocument/didOpen"},
       {"params",
        {{"textDocument",
          {{"uri", "untitled:big"}, {"languageId", "markdown"}, {"version", 1}, {"text", big}}}}}});
  h.session.flush();
  const json& diagnostics = h.sent.back()["params"]["diagnostics"];
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["message"].get<std::string>().find("limit") != std::string::npos);
}

TEST_CASE("session: a request for a closed document is answered at once") {
  Harness h;
  h.request(1, "initialize", {{"capabilities", json::object()}});
  h.session.handle({{"jsonrpc", "2.0"},
                    {"method", "textDocument/didOpen"},
                    {"params",
                     {{"textDocument",
                       {{"uri", "untitled:x"},
                        {"languageId", "markdown"},
                        {"version", 1},
                        {"text", "### [T](http://arxiv.org/abs/2401.00001)\n"}}}}}});
  h.session.flush();
  h.session.handle({{"jsonrpc", "2.0"},
                    {"method", "textDocument/didClose"},
                    {"params", {{"textDocument", {{"uri", "untitled:x"}}}}}});
  const json hover = h.request(
      2, "textDocument/hover",
      {{"textDocument", {{"uri", "untitled:x"}}}, {"position", {{"line", 0}, {"character", 9}}}});
  CHECK(hover["id"] == 2);
  CHECK(hover["result"].is_null());
}
