#include "lsp/session.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lsp/code_actions.hpp"
#include "lsp/diagnostics.hpp"
#include "lsp/hover.hpp"
#include "lsp/uri.hpp"
#include "online/session.hpp"
#include "rules/loader.hpp"
#include "rules/params.hpp"

namespace digestlint::lsp {
namespace fs = std::filesystem;
namespace {

json error_response(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

bool is_config(std::string_view path) {
  return path.ends_with(".digestlint.yaml");
}

// Only Markdown is linted: the client's languageId decides, the file name only when the client
// sends none (a notes.txt must not get digest findings).
bool is_lintable(const std::string& path, const std::string& language) {
  if (!language.empty()) return language == "markdown";
  return path.ends_with(".md") || path.ends_with(".markdown");
}

// Modification time and size of a file: enough to notice an edited configuration.
std::string stamp(const std::string& path) {
  std::error_code error;
  const auto time = fs::last_write_time(path, error);
  if (error) return "missing";
  const auto size = fs::file_size(path, error);
  return std::to_string(time.time_since_epoch().count()) + ":" + std::to_string(size);
}

std::string text_document_uri(const json& params) {
  return string_member(member(params, "textDocument"), "uri");
}

}  // namespace

Session::Session(RuleOptions rules, Send send)
    : options_(std::move(rules)),
      send_(std::move(send)),
      catalog_(std::make_unique<RuleCatalog>(options_)) {}

Session::~Session() = default;

void Session::handle_text(std::string_view body) {
  json message;
  try {
    message = json::parse(body);
  } catch (const json::exception& error) {
    send_(error_response(nullptr, kParseError, std::string("parse error: ") + error.what()));
    return;
  }
  handle(message);
}

void Session::handle(const json& message) {
  if (!message.is_object()) {
    send_(error_response(nullptr, kInvalidRequest, "a message must be a JSON object"));
    return;
  }
  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  json id = has_id ? *id_it : json(nullptr);
  if (has_id && !id.is_string() && !id.is_number_integer()) {
    send_(error_response(nullptr, kInvalidRequest, "'id' must be a string or an integer"));
    return;
  }
  const auto method_it = message.find("method");
  if (method_it == message.end() || !method_it->is_string()) {
    if (has_id && (message.contains("result") || message.contains("error"))) return;  // a reply
    send_(error_response(id, kInvalidRequest, "missing 'method'"));
    return;
  }
  const std::string method = method_it->get<std::string>();
  const json params = message.value("params", json::object());
  if (!has_id) {
    try {
      dispatch_notification(method, params);
    } catch (const std::exception& error) {
      log(method + ": " + error.what());
    }
    return;
  }
  try {
    json result = dispatch_request(method, params);
    send_({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  } catch (const ProtocolError& error) {
    send_(error_response(id, error.code(), error.what()));
  } catch (const json::exception& error) {
    send_(error_response(id, kInvalidParams, std::string("invalid params: ") + error.what()));
  } catch (const std::exception& error) {
    send_(error_response(id, kInternalError, error.what()));
  }
}

json Session::dispatch_request(const std::string& method, const json& params) {
  if (shutdown_) throw ProtocolError(kInvalidRequest, "the server is shutting down");
  if (method == "initialize") return initialize(params);
  if (!initialized_) throw ProtocolError(kServerNotInitialized, "initialize first");
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/codeAction") return code_action(params);
  if (method == "textDocument/hover") return hover(params);
  throw ProtocolError(kMethodNotFound, "unknown method '" + method + "'");
}

void Session::dispatch_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exit_code_ = shutdown_ ? 0 : 1;
    return;
  }
  if (!initialized_ || shutdown_) return;
  if (method == "textDocument/didOpen") {
    did_open(params);
  } else if (method == "textDocument/didChange") {
    did_change(params);
  } else if (method == "textDocument/didSave") {
    did_save(params);
  } else if (method == "textDocument/didClose") {
    did_close(params);
  } else if (method == "workspace/didChangeWatchedFiles" ||
             method == "workspace/didChangeConfiguration") {
    reload_rules();
  }
  // initialized, $/cancelRequest, $/setTrace and unknown notifications need nothing.
}

namespace {

// initializationOptions {"online": true, "cacheDir": "…"}: the online rules report what
// `digestlint check --online` cached, at once; the editor never waits for the network.
std::optional<online::OnlineOptions> online_options(const json& params) {
  const auto found = params.find("initializationOptions");
  if (found == params.end() || !found->is_object()) return std::nullopt;
  const auto online = found->find("online");
  if (online == found->end() || !online->is_boolean() || !online->get<bool>()) return std::nullopt;
  online::OnlineOptions options;
  options.enabled = true;
  options.cache_only = true;
  options.quiet_uncached = true;
  const auto directory = found->find("cacheDir");
  if (directory != found->end() && directory->is_string()) options.cache_dir = *directory;
  return options;
}

}  // namespace

json Session::initialize(const json& params) {
  if (initialized_) throw ProtocolError(kInvalidRequest, "initialize was already sent");
  if (!params.is_object()) throw ProtocolError(kInvalidParams, "params must be an object");
  initialized_ = true;
  online_ = online_options(params);
  return {
      {"capabilities",
       {
           {"positionEncoding", "utf-16"},
           {"textDocumentSync",
            {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
           {"codeActionProvider",
            {{"codeActionKinds", json::array({"quickfix", "source.fixAll.digestlint"})}}},
           {"hoverProvider", true},
       }},
      {"serverInfo", {{"name", "digestlint"}, {"version", DIGESTLINT_VERSION}}},
  };
}

void Session::did_open(const json& params) {
  const json& item = member(params, "textDocument");
  const std::string uri = string_member(item, "uri");
  const std::string text = string_member(item, "text");
  const json& version = member(item, "version");
  const std::string path = uri_to_path(uri).value_or(uri);
  const json& language = item.contains("languageId") ? item["languageId"] : json("");
  Document& document =
      documents_.open(uri, path, version.is_number_integer() ? version.get<int>() : 0, text);
  document.lintable = is_lintable(path, language.is_string() ? language.get<std::string>() : "");
  if (document.lintable) mark_dirty(uri);
}

void Session::did_change(const json& params) {
  const json& item = member(params, "textDocument");
  const std::string uri = string_member(item, "uri");
  const json& changes = member(params, "contentChanges");
  if (!changes.is_array()) throw ProtocolError(kInvalidParams, "contentChanges must be a list");
  std::vector<TextChange> parsed;
  for (const json& change : changes) {
    TextChange c{std::nullopt, string_member(change, "text")};
    if (change.contains("range")) c.range = range_from_json(change["range"]);
    parsed.push_back(std::move(c));
  }
  const json version = item.value("version", json(0));
  Document* document =
      documents_.change(uri, version.is_number_integer() ? version.get<int>() : 0, parsed);
  if (!document) throw ProtocolError(kInvalidParams, "didChange for a document that is not open");
  if (is_config(document->path)) return;  // takes effect when saved
  if (document->lintable) mark_dirty(uri);
}

void Session::did_save(const json& params) {
  const std::string uri = text_document_uri(params);
  Document* document = documents_.find(uri);
  const std::string path = document ? document->path : uri_to_path(uri).value_or(uri);
  if (is_config(path)) {
    reload_rules();
    return;
  }
  if (!document) return;
  if (params.contains("text") && params["text"].is_string()) {
    document->text = params["text"].get<std::string>();
  }
  if (document->lintable) mark_dirty(uri);
}

void Session::did_close(const json& params) {
  const std::string uri = text_document_uri(params);
  documents_.close(uri);
  linted_.erase(uri);
  dirty_.erase(uri);
  send_({{"jsonrpc", "2.0"},
         {"method", "textDocument/publishDiagnostics"},
         {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
}

json Session::code_action(const json& params) {
  const std::string uri = text_document_uri(params);
  const TextRange range = range_from_json(member(params, "range"));
  std::vector<std::string> only;
  if (params.contains("context") && params["context"].is_object() &&
      params["context"].contains("only") && params["context"]["only"].is_array()) {
    for (const json& kind : params["context"]["only"]) {
      if (kind.is_string()) only.push_back(kind.get<std::string>());
    }
  }
  const Linted* linted = current(uri);
  if (!linted) return json::array();
  return code_actions(*linted->source, uri, linted->findings, range, only);
}

json Session::hover(const json& params) {
  const std::string uri = text_document_uri(params);
  const TextPosition position = position_from_json(member(params, "position"));
  const Linted* linted = current(uri);
  if (!linted) return nullptr;
  // The rules the document was linted with (untitled documents use the working directory's).
  const std::string path = uri_to_path(uri) ? linted->source->path() : std::string();
  const auto find_rule = [&](std::string_view id) -> const RuleSpec* {
    return rules_for(path).rules->find(id);
  };
  return lsp::hover(*linted->source, linted->findings, position, find_rule).value_or(json());
}

void Session::mark_dirty(const std::string& uri) {
  if (dirty_.empty()) dirty_since_ = std::chrono::steady_clock::now();
  dirty_.insert(uri);
}

void Session::mark_all_dirty() {
  for (const auto& [uri, document] : documents_.all()) {
    if (linted_.contains(uri)) mark_dirty(uri);
  }
}

std::chrono::steady_clock::duration Session::dirty_age() const {
  if (dirty_.empty()) return {};
  return std::chrono::steady_clock::now() - dirty_since_;
}

void Session::flush() {
  const std::set<std::string> dirty = std::move(dirty_);
  dirty_.clear();
  for (const std::string& uri : dirty) lint_and_publish(uri);
}

const Session::Linted* Session::current(const std::string& uri) {
  if (dirty_.erase(uri)) lint_and_publish(uri);
  const auto it = linted_.find(uri);
  return it == linted_.end() ? nullptr : &it->second;
}

void Session::lint_and_publish(const std::string& uri) {
  const Document* document = documents_.find(uri);
  if (!document) return;
  auto source = std::make_shared<const SourceFile>(document->path, document->text);
  const bool on_disk = uri_to_path(uri).has_value();
  const RulesFor rules = rules_for(on_disk ? document->path : std::string());
  const Engine engine(*rules.rules, rules.filter);
  // lint_all also runs the whole-run analyzers (and, where the engine has them, suppressions).
  // A session per lint, so what other runs cached meanwhile shows up at the next change.
  if (online_) online::install_session(std::make_shared<online::Session>(*online_));
  std::vector<FileResult> results = engine.lint_all({source}, 1);
  if (online_) online::install_session(nullptr);

  json diagnostics = json::array();
  const SourceLookup lookup_file = [this](const std::string& path) { return lookup(path); };
  for (const Finding& finding : results.front().findings) {
    diagnostics.push_back(
        to_diagnostic(*source, uri, finding, lookup_file, rules.rules->find(finding.rule_id)));
  }
  linted_[uri] = Linted{source, std::move(results.front().findings)};
  send_({{"jsonrpc", "2.0"},
         {"method", "textDocument/publishDiagnostics"},
         {"params", {{"uri", uri}, {"version", document->version}, {"diagnostics", diagnostics}}}});
}

Session::RulesFor Session::rules_for(const std::string& path) {
  // An edited .digestlint.yaml (or --config file) takes effect without restarting the server.
  const std::string config = options_.config_for(path);
  if (!config.empty()) {
    const std::string now = stamp(config);
    auto [it, inserted] = config_stamps_.try_emplace(config, now);
    if (!inserted && it->second != now) {
      it->second = now;
      catalog_ = std::make_unique<RuleCatalog>(options_);
      shown_errors_.clear();
    }
  }
  try {
    const RuleCatalog::Compiled& compiled = catalog_->for_file(path);
    return {&compiled.rules, compiled.filter};
  } catch (const RuleError& error) {
    show_error("digestlint: " + error.describe() + " (using the default rules)");
  } catch (const std::exception& error) {
    show_error(std::string("digestlint: ") + error.what() + " (using the default rules)");
  }
  return {&fallback_rules(), {}};
}

const RuleSet& Session::fallback_rules() {
  if (!fallback_) {
    fallback_ = std::make_unique<RuleSet>();
    try {
      *fallback_ = compile_rules(load_rule_specs(default_packs()));
    } catch (const std::exception& error) {
      log(std::string("the embedded rules failed to load: ") + error.what());
    }
  }
  return *fallback_;
}

void Session::reload_rules() {
  catalog_ = std::make_unique<RuleCatalog>(options_);
  config_stamps_.clear();
  shown_errors_.clear();
  mark_all_dirty();
}

void Session::show_error(const std::string& message) {
  if (!shown_errors_.insert(message).second) return;
  log(message);
  send_({{"jsonrpc", "2.0"},
         {"method", "window/showMessage"},
         {"params", {{"type", 1}, {"message", message}}}});
}

void Session::log(const std::string& message) {
  std::cerr << "digestlint lsp: " << message << "\n";
}

std::shared_ptr<const SourceFile> Session::lookup(const std::string& path) {
  for (const auto& [uri, document] : documents_.all()) {
    if (document.path == path) return std::make_shared<const SourceFile>(path, document.text);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream text;
  text << in.rdbuf();
  return std::make_shared<const SourceFile>(path, text.str());
}

}  // namespace digestlint::lsp
