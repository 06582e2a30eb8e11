#include "lsp/server.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "lsp/session.hpp"
#include "lsp/transport.hpp"

namespace digestlint {

namespace {

// `exit` is answered at once: a lint stuck in one long analyzer step is abandoned with the
// process rather than waited for (the client already has everything it asked for).
int leave(lsp::Session& session, int code) {
  constexpr auto kPatience = std::chrono::milliseconds(20);
  if (session.stop_linting(kPatience)) return code;
  std::cerr.flush();
  std::_Exit(code);
}

}  // namespace

int run_lsp(const RuleOptions& rules) {
  using namespace lsp;
  std::signal(SIGPIPE, SIG_IGN);  // a vanished client shows up as a failed write instead
  std::atomic<bool> peer_gone = false;
  Session session(
      rules,
      [&](const json& message) {
        const std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
        if (!peer_gone && !write_all(1, frame(body))) peer_gone = true;
      },
      /*background=*/true);
  FrameReader reader(fd_reader(0));
  constexpr auto kMaxDelay = std::chrono::milliseconds(100);
  while (!peer_gone) {
    const Frame message = reader.next();
    if (message.status == Frame::Status::end) break;
    if (message.status == Frame::Status::bad_header) {
      std::cerr << "digestlint lsp: skipped a message: " << message.error << "\n";
      continue;
    }
    session.handle_text(message.body);
    if (session.exit_code()) return leave(session, *session.exit_code());
    // Lint once the client pauses, so a burst of changes is linted once.
    if (session.has_dirty() &&
        (!(reader.has_buffered() || fd_readable(0)) || session.dirty_age() > kMaxDelay)) {
      session.flush();
    }
  }
  return leave(session, session.shut_down() ? 0 : 1);
}

}  // namespace digestlint
