#include "lsp/session.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "lsp/code_actions.hpp"
#include "lsp/diagnostics.hpp"
#include "lsp/hover.hpp"
#include "lsp/uri.hpp"
#include "model/file_bytes.hpp"
#include "model/text.hpp"
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

Session::Session(RuleOptions rules, Send send, bool background)
    : options_(std::move(rules)),
      send_(std::move(send)),
      catalog_(std::make_shared<RuleCatalog>(options_)),
      worker_(background ? std::make_unique<LintWorker>() : nullptr) {}

// The worker goes first: its jobs use the rest.
Session::~Session() {
  worker_.reset();
}

void Session::send(const json& message) {
  std::lock_guard lock(send_mutex_);
  send_(message);
}

bool Session::stop_linting(std::chrono::milliseconds patience) {
  return !worker_ || worker_->stop(patience);
}

void Session::wait_idle() {
  if (worker_) worker_->wait_idle();
}

namespace {

bool surrogate_escape_at(std::string_view text, std::size_t at, char low, char high) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return false;
  const char first = ascii_lowered(text[at + 2]);
  const char second = ascii_lowered(text[at + 3]);
  return first == 'd' && second >= low && second <= high;
}

// JSON text whose `\uD8xx`–`\uDFxx` escapes that form no surrogate pair (JavaScript strings
// may hold one; a buffer with a broken character sends it) are `\uFFFD`: the document opens
// with a replacement character instead of being refused as a whole.
std::string without_lone_surrogates(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '\\') {
      out += "\\\\";  // an escaped backslash: what follows is text, not an escape
      ++i;
      continue;
    }
    const bool high = surrogate_escape_at(body, i, '8', 'b');
    const bool low = surrogate_escape_at(body, i, 'c', 'f');
    if (high && surrogate_escape_at(body, i + 6, 'c', 'f')) {
      out.append(body.substr(i, 12));
      i += 11;
    } else if (high || low) {
      out += "\\ufffd";
      i += 5;
    } else {
      out += body[i];
    }
  }
  return out;
}

}  // namespace

void Session::handle_text(std::string_view body) {
  json message;
  try {
    message = json::parse(body);
  } catch (const json::exception& error) {
    try {
      message = json::parse(without_lone_surrogates(body));
    } catch (const json::exception&) {
      send(error_response(nullptr, kParseError, std::string("parse error: ") + error.what()));
      return;
    }
  }
  handle(message);
}

void Session::handle(const json& message) {
  if (!message.is_object()) {
    send(error_response(nullptr, kInvalidRequest, "a message must be a JSON object"));
    return;
  }
  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  json id = has_id ? *id_it : json(nullptr);
  if (has_id && !id.is_string() && !id.is_number_integer()) {
    send(error_response(nullptr, kInvalidRequest, "'id' must be a string or an integer"));
    return;
  }
  const auto method_it = message.find("method");
  if (method_it == message.end() || !method_it->is_string()) {
    if (has_id && (message.contains("result") || message.contains("error"))) return;  // a reply
    send(error_response(id, kInvalidRequest, "missing 'method'"));
    return;
  }
  const std::string method = method_it->get<std::string>();
  // Read in place: a copy of a document's text costs as much as reading it (36 MiB).
  static const json kNoParams = json::object();
  const auto params_it = message.find("params");
  const json& params = params_it != message.end() ? *params_it : kNoParams;
  if (!has_id) {
    try {
      dispatch_notification(method, params);
    } catch (const std::exception& error) {
      log(method + ": " + error.what());
    }
    return;
  }
  if (defer_until_linted(id, method, params)) return;
  respond(id, method, params);
  if (method == "shutdown" && shutdown_) {
    // Nothing is linted any more: requests still waiting for a lint get an empty answer.
    stop_linting(std::chrono::milliseconds(0));
    std::vector<Deferred> waiting;
    {
      std::lock_guard lock(state_mutex_);
      waiting = std::move(deferred_);
      deferred_.clear();
    }
    answer_deferred(std::move(waiting));
  }
}

void Session::respond(const json& id, const std::string& method, const json& params) {
  try {
    json result = dispatch_request(method, params);
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  } catch (const ProtocolError& error) {
    send(error_response(id, error.code(), error.what()));
  } catch (const json::exception& error) {
    send(error_response(id, kInvalidParams, std::string("invalid params: ") + error.what()));
  } catch (const std::exception& error) {
    send(error_response(id, kInternalError, error.what()));
  }
}

// Code actions and hover read a document's findings: when its current version is not linted
// yet, the lint is started (if it waits for a pause in typing) and the request is answered when
// it is done. Returns whether the request was deferred.
bool Session::defer_until_linted(const json& id, const std::string& method, const json& params) {
  if (method != "textDocument/codeAction" && method != "textDocument/hover") return false;
  if (!initialized_ || shutdown_ || !params.is_object()) return false;
  const auto document = params.find("textDocument");
  if (document == params.end() || !document->is_object() || !document->contains("uri") ||
      !(*document)["uri"].is_string())
    return false;
  const std::string uri = (*document)["uri"];
  if (dirty_.erase(uri)) schedule(uri);
  std::lock_guard lock(state_mutex_);
  const Document* open = documents_.find(uri);
  if (!open || !open->lintable) return false;  // no lint will come: answer now
  const auto generation = generations_.find(uri);
  if (generation == generations_.end()) return false;
  const auto linted = linted_.find(uri);
  if (linted != linted_.end() && linted->second->generation == generation->second) return false;
  deferred_.push_back({id, method, params, uri});
  return true;
}

void Session::answer_deferred(std::vector<Deferred> requests) {
  for (const Deferred& request : requests) {
    if (shutdown_) {
      send({{"jsonrpc", "2.0"}, {"id", request.id}, {"result", nullptr}});
    } else {
      respond(request.id, request.method, request.params);
    }
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
  hover_format_ = hover_format(params.value("capabilities", json::object()));
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
  std::string text = string_member(item, "text");
  const json& version = member(item, "version");
  const std::string path = uri_to_path(uri).value_or(uri);
  const json& language = item.contains("languageId") ? item["languageId"] : json("");
  bool lintable = false;
  {
    std::lock_guard lock(state_mutex_);
    Document& document = documents_.open(
        uri, path, version.is_number_integer() ? version.get<int>() : 0, std::move(text));
    document.lintable = is_lintable(path, language.is_string() ? language.get<std::string>() : "");
    lintable = document.lintable;
  }
  if (lintable) mark_dirty(uri);
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
  std::unique_lock lock(state_mutex_);
  Document* document =
      documents_.change(uri, version.is_number_integer() ? version.get<int>() : 0, parsed);
  lock.unlock();
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
    std::lock_guard lock(state_mutex_);
    document->text = params["text"].get<std::string>();
  }
  if (document->lintable) mark_dirty(uri);
}

void Session::did_close(const json& params) {
  const std::string uri = text_document_uri(params);
  dirty_.erase(uri);
  std::lock_guard lock(state_mutex_);
  documents_.close(uri);
  linted_.erase(uri);
  ++generations_[uri];  // a lint still running is of a closed document: dropped
  send({{"jsonrpc", "2.0"},
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
  const std::shared_ptr<const Linted> linted = latest(uri);
  if (!linted) return json::array();
  return code_actions(*linted->source, uri, linted->findings, range, only);
}

json Session::hover(const json& params) {
  const std::string uri = text_document_uri(params);
  const TextPosition position = position_from_json(member(params, "position"));
  const std::shared_ptr<const Linted> linted = latest(uri);
  if (!linted) return nullptr;
  // The rules the document was linted with.
  const auto find_rule = [&](std::string_view id) -> const RuleSpec* {
    return linted->rules.rules->find(id);
  };
  return lsp::hover(*linted->source, linted->findings, position, find_rule, hover_format_)
      .value_or(json());
}

void Session::mark_dirty(const std::string& uri) {
  if (dirty_.empty()) dirty_since_ = std::chrono::steady_clock::now();
  dirty_.insert(uri);
  std::lock_guard lock(state_mutex_);
  ++generations_[uri];
}

void Session::mark_all_dirty() {
  std::vector<std::string> uris;
  {
    std::lock_guard lock(state_mutex_);
    for (const auto& [uri, document] : documents_.all()) {
      if (linted_.contains(uri)) uris.push_back(uri);
    }
  }
  for (const std::string& uri : uris) mark_dirty(uri);
}

std::chrono::steady_clock::duration Session::dirty_age() const {
  if (dirty_.empty()) return {};
  return std::chrono::steady_clock::now() - dirty_since_;
}

void Session::flush() {
  const std::set<std::string> dirty = std::move(dirty_);
  dirty_.clear();
  for (const std::string& uri : dirty) schedule(uri);
}

std::shared_ptr<const Session::Linted> Session::latest(const std::string& uri) const {
  std::lock_guard lock(state_mutex_);
  const auto it = linted_.find(uri);
  return it == linted_.end() ? nullptr : it->second;
}

namespace {

json too_large_diagnostic(std::size_t size) {
  constexpr double kMiB = 1024.0 * 1024.0;
  return {{"range",
           {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
          {"severity", 3},
          {"source", "digestlint"},
          {"message", fmt::format("not linted: the document is {} bytes ({:.1f} MiB), above the "
                                  "editor's limit of {} bytes (run `digestlint check` on the file)",
                                  size, size / kMiB, Session::kMaxDocumentBytes)}};
}

}  // namespace

// Copies what the lint needs on the message thread, then lints here or on the worker.
void Session::schedule(const std::string& uri) {
  LintJob job;
  {
    std::unique_lock lock(state_mutex_);
    const Document* document = documents_.find(uri);
    if (!document) return;
    job = {uri, document->path, document->version, {}, generations_[uri], {}};
    if (document->text.size() > kMaxDocumentBytes) {
      json diagnostics = json::array({too_large_diagnostic(document->text.size())});
      job.rules = rules_for(uri_to_path(uri) ? document->path : std::string());
      publish(lock, job, std::make_shared<const SourceFile>(job.path, ""), {},
              std::move(diagnostics));
      return;
    }
    job.text = document->text;
  }
  job.rules = rules_for(uri_to_path(uri) ? job.path : std::string());
  if (!worker_) {
    const std::atomic<bool> never{false};  // nothing supersedes a lint that runs right away
    run_lint(job, never);
    return;
  }
  worker_->post(uri, [this, job = std::move(job)](const std::atomic<bool>& cancelled) {
    run_lint(job, cancelled);
  });
}

void Session::run_lint(const LintJob& job, const std::atomic<bool>& cancelled) {
  auto source = std::make_shared<const SourceFile>(job.path, job.text);
  Engine engine(*job.rules.rules, job.rules.filter);
  engine.set_cancel_flag(&cancelled);
  std::vector<Finding> findings;
  try {
    // lint_all also runs the whole-run analyzers and the suppressions. A session per lint, so
    // what other runs cached meanwhile shows up at the next change.
    if (online_) online::install_session(std::make_shared<online::Session>(*online_));
    findings = std::move(engine.lint_all({source}, 1).front().findings);
    if (online_) online::install_session(nullptr);
  } catch (const std::exception& error) {
    // Published without findings all the same: requests waiting for this lint get answers.
    log(std::string("lint failed: ") + error.what());
  }
  if (cancelled) return;
  json diagnostics = json::array();
  const SourceLookup lookup_file = [this](const std::string& path) { return lookup(path); };
  for (const Finding& finding : findings) {
    diagnostics.push_back(to_diagnostic(*source, job.uri, finding, lookup_file,
                                        job.rules.rules->find(finding.rule_id)));
  }
  std::unique_lock lock(state_mutex_);
  publish(lock, job, std::move(source), std::move(findings), std::move(diagnostics));
}

// Stores and publishes a lint unless the document changed (or closed) since; then answers the
// requests that waited for it. Called with state_mutex_ held (in `lock`), which it releases.
void Session::publish(std::unique_lock<std::mutex>& lock, const LintJob& job,
                      std::shared_ptr<const SourceFile> source, std::vector<Finding> findings,
                      json diagnostics) {
  if (generations_[job.uri] != job.generation) return;
  linted_[job.uri] = std::make_shared<const Linted>(
      Linted{std::move(source), std::move(findings), job.generation, job.rules});
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params",
         {{"uri", job.uri}, {"version", job.version}, {"diagnostics", std::move(diagnostics)}}}});
  std::vector<Deferred> ready;
  std::erase_if(deferred_, [&](Deferred& request) {
    if (request.uri != job.uri) return false;
    ready.push_back(std::move(request));
    return true;
  });
  lock.unlock();  // answering reads linted_
  answer_deferred(std::move(ready));
}

Session::RulesFor Session::rules_for(const std::string& path) {
  // An edited .digestlint.yaml (or --config file) takes effect without restarting the server.
  const std::string config = options_.config_for(path);
  if (!config.empty()) {
    const std::string now = stamp(config);
    auto [it, inserted] = config_stamps_.try_emplace(config, now);
    if (!inserted && it->second != now) {
      it->second = now;
      catalog_ = std::make_shared<RuleCatalog>(options_);
      shown_errors_.clear();
      shown_warnings_.clear();  // the configuration changed: its warnings may have too
    }
  }
  try {
    const RuleCatalog::Compiled& compiled = catalog_->for_file(path);
    catalog_->check_selectors();
    // What `check` prints on stderr before a run (an empty pack, an ignore glob that matches
    // nothing), whether or not this file is excluded: in the editor the same mistake would
    // otherwise go unseen.
    for (const std::string& warning : compiled.warnings)
      show(MessageType::warning, "digestlint: " + warning);
    // A file the configuration excludes is not linted, in the editor as on the command line.
    if (!path.empty() && compiled.config.excludes(path)) {
      return {catalog_, &compiled.rules, [](std::string_view, const RuleSpec&) { return false; }};
    }
    // On this thread, where the rules were compiled, rather than on the lint worker (see
    // Analyzer::warm_up); once built, this costs nothing.
    Engine(compiled.rules, compiled.filter).warm_up(path);
    return {catalog_, &compiled.rules, compiled.filter};
  } catch (const RuleError& error) {
    show(MessageType::error, "digestlint: " + error.describe() + " (using the default rules)");
  } catch (const std::exception& error) {
    show(MessageType::error,
         std::string("digestlint: ") + error.what() + " (using the default rules)");
  }
  return {nullptr, &fallback_rules(), {}};
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
  catalog_ = std::make_shared<RuleCatalog>(options_);
  config_stamps_.clear();
  // An error is shown again, as the rules are read again; a warning left in place on purpose (an
  // ignore glob for a folder still to come) is not, or every settings change would show it.
  shown_errors_.clear();
  mark_all_dirty();
}

void Session::show(MessageType type, const std::string& message) {
  std::set<std::string>& shown = type == MessageType::error ? shown_errors_ : shown_warnings_;
  if (!shown.insert(message).second) return;
  log(message);
  send({{"jsonrpc", "2.0"},
        {"method", "window/showMessage"},
        {"params", {{"type", static_cast<int>(type)}, {"message", message}}}});
}

void Session::log(const std::string& message) {
  std::cerr << "digestlint lsp: " << message << "\n";
}

std::shared_ptr<const SourceFile> Session::lookup(const std::string& path) {
  {
    std::lock_guard lock(state_mutex_);
    for (const auto& [uri, document] : documents_.all()) {
      if (document.path == path) return std::make_shared<const SourceFile>(path, document.text);
    }
  }
  FileBytes file = read_file_bytes(path, kNoSizeLimit);
  if (!file.read()) return nullptr;
  return std::make_shared<const SourceFile>(path, std::move(file.bytes));
}

}  // namespace digestlint::lsp
