#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lsp/document.hpp"
#include "lsp/hover.hpp"
#include "lsp/protocol.hpp"
#include "lsp/worker.hpp"
#include "online/options.hpp"
#include "rules/catalog.hpp"

namespace digestlint::lsp {

// The protocol state of one client connection: documents, their latest lint results and the
// rules. Messages go in as JSON text; responses and notifications come out through `send`.
// Linting is deferred: changes mark a document dirty and flush() lints and publishes, so a burst
// of keystrokes costs one lint. In the background mode (the server) a worker thread lints, the
// results of a superseded version are dropped, and requests that need a document's findings
// (code actions, hover) are answered once its current version is linted.
class Session {
 public:
  using Send = std::function<void(const json& message)>;
  // Larger documents get one diagnostic saying so instead of a lint (docs/editors.md).
  static constexpr std::size_t kMaxDocumentBytes = 8u << 20;

  // background: lint on a worker thread; otherwise inside flush() and requests (tests).
  Session(RuleOptions rules, Send send, bool background = false);
  ~Session();

  void handle_text(std::string_view body);  // one JSON-RPC message; never throws
  void handle(const json& message);

  // Lints every dirty document and publishes its diagnostics.
  void flush();
  bool has_dirty() const { return !dirty_.empty(); }
  // How long the oldest unpublished change has waited.
  std::chrono::steady_clock::duration dirty_age() const;

  // Set once the client sent exit: 0 after shutdown, 1 otherwise.
  std::optional<int> exit_code() const { return exit_code_; }
  bool shut_down() const { return shutdown_; }

  // Cancels linting; true when the worker is idle within `patience`.
  bool stop_linting(std::chrono::milliseconds patience);
  // Waits until every scheduled lint has finished (tests of the background mode).
  void wait_idle();

 private:
  // A catalog's rules for one file; `catalog` keeps them alive while a reload replaces it.
  struct RulesFor {
    std::shared_ptr<RuleCatalog> catalog;
    const RuleSet* rules;
    RuleFilter filter;
  };
  struct Linted {
    std::shared_ptr<const SourceFile> source;
    std::vector<Finding> findings;
    std::uint64_t generation = 0;  // which change of the document this is the lint of
    RulesFor rules;
  };
  // What a lint needs, copied on the message thread.
  struct LintJob {
    std::string uri;
    std::string path;
    int version = 0;
    std::string text;
    std::uint64_t generation = 0;
    RulesFor rules;
  };
  struct Deferred {
    json id;
    std::string method;
    json params;
    std::string uri;
  };

  void respond(const json& id, const std::string& method, const json& params);
  bool defer_until_linted(const json& id, const std::string& method, const json& params);
  void answer_deferred(std::vector<Deferred> requests);
  json dispatch_request(const std::string& method, const json& params);
  void dispatch_notification(const std::string& method, const json& params);
  json initialize(const json& params);
  void did_open(const json& params);
  void did_change(const json& params);
  void did_save(const json& params);
  void did_close(const json& params);
  json code_action(const json& params);
  json hover(const json& params);

  void mark_dirty(const std::string& uri);
  void mark_all_dirty();
  void schedule(const std::string& uri);
  void run_lint(const LintJob& job, const std::atomic<bool>& cancelled);
  void publish(std::unique_lock<std::mutex>& lock, const LintJob& job,
               std::shared_ptr<const SourceFile> source, std::vector<Finding> findings,
               json diagnostics);
  std::shared_ptr<const Linted> latest(const std::string& uri) const;
  void send(const json& message);
  RulesFor rules_for(const std::string& path);
  const RuleSet& fallback_rules();
  void reload_rules();
  // LSP's MessageType: how a client presents a message it shows.
  enum class MessageType { error = 1, warning = 2 };
  // Shows a message once, and logs it: an error until the rules are reloaded, a warning until a
  // configuration changes.
  void show(MessageType type, const std::string& message);
  void log(const std::string& message);
  std::shared_ptr<const SourceFile> lookup(const std::string& path);

  RuleOptions options_;
  Send send_;
  std::mutex send_mutex_;
  std::shared_ptr<RuleCatalog> catalog_;
  std::unique_ptr<RuleSet> fallback_;
  std::map<std::string, std::string> config_stamps_;     // config path → modification stamp
  std::set<std::string> shown_errors_, shown_warnings_;  // see show()
  // Guards what the worker shares with the message thread: documents_ (written here, read by
  // the worker for related locations), linted_, generations_ and deferred_. Taken before
  // send_mutex_.
  mutable std::mutex state_mutex_;
  DocumentStore documents_;
  std::map<std::string, std::shared_ptr<const Linted>> linted_;
  std::map<std::string, std::uint64_t> generations_;  // bumped by each change and close
  std::vector<Deferred> deferred_;
  std::set<std::string> dirty_;
  std::chrono::steady_clock::time_point dirty_since_{};
  std::atomic<bool> initialized_ = false;
  // initializationOptions {"online": true}: online findings from the cache only (docs/online.md).
  std::optional<online::OnlineOptions> online_;
  HoverFormat hover_format_ = HoverFormat::markdown;
  std::atomic<bool> shutdown_ = false;
  std::optional<int> exit_code_;
  std::unique_ptr<LintWorker> worker_;  // null: lint on the calling thread
};

}  // namespace digestlint::lsp
