#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lsp/document.hpp"
#include "lsp/protocol.hpp"
#include "online/options.hpp"
#include "rules/catalog.hpp"

namespace digestlint::lsp {

// The protocol state of one client connection: documents, their latest lint results and the
// rules. Messages go in as JSON text; responses and notifications come out through `send`.
// Linting is deferred: changes mark a document dirty and flush() lints and publishes, so a burst
// of keystrokes costs one lint.
class Session {
 public:
  using Send = std::function<void(const json& message)>;

  Session(RuleOptions rules, Send send);
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

 private:
  struct Linted {
    std::shared_ptr<const SourceFile> source;
    std::vector<Finding> findings;
  };
  struct RulesFor {
    const RuleSet* rules;
    RuleFilter filter;
  };

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
  void lint_and_publish(const std::string& uri);
  const Linted* current(const std::string& uri);  // lints first when dirty
  RulesFor rules_for(const std::string& path);
  const RuleSet& fallback_rules();
  void reload_rules();
  void show_error(const std::string& message);
  void log(const std::string& message);
  std::shared_ptr<const SourceFile> lookup(const std::string& path);

  RuleOptions options_;
  Send send_;
  std::unique_ptr<RuleCatalog> catalog_;
  std::unique_ptr<RuleSet> fallback_;
  std::map<std::string, std::string> config_stamps_;  // config path → modification stamp
  std::set<std::string> shown_errors_;
  DocumentStore documents_;
  std::map<std::string, Linted> linted_;
  std::set<std::string> dirty_;
  std::chrono::steady_clock::time_point dirty_since_{};
  bool initialized_ = false;
  // initializationOptions {"online": true}: online findings from the cache only (docs/online.md).
  std::optional<online::OnlineOptions> online_;
  bool shutdown_ = false;
  std::optional<int> exit_code_;
};

}  // namespace digestlint::lsp
