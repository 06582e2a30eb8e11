// libFuzzer target: any bytes as what an editor sends to `digestlint lsp`: framing, JSON-RPC
// messages, document sync, code actions and hover. The server must answer or skip, never die.
#include <cstdint>
#include <cstring>

#include "lsp/session.hpp"
#include "lsp/transport.hpp"

using namespace digestlint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::size_t offset = 0;
  lsp::FrameReader reader([&](char* buffer, std::size_t n) {
    // Small reads, so frames are split the way a pipe splits them.
    const std::size_t count = std::min({n, size - offset, std::size_t{97}});
    std::memcpy(buffer, data + offset, count);
    offset += count;
    return count;
  });
  std::size_t sent = 0;
  // Serialized as the server does (src/lsp/server.cpp): invalid UTF-8 replaced, not thrown.
  lsp::Session session(RuleOptions{}, [&](const lsp::json& message) {
    sent += message.dump(-1, ' ', false, lsp::json::error_handler_t::replace).size();
  });
  for (int messages = 0; messages < 64; ++messages) {
    const lsp::Frame frame = reader.next();
    if (frame.status == lsp::Frame::Status::end) break;
    if (frame.status == lsp::Frame::Status::message) session.handle_text(frame.body);
    if (session.exit_code()) break;
  }
  session.flush();
  return 0;
}
