#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "lsp/document.hpp"

namespace digestlint::lsp {

using json = nlohmann::json;

// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
};

// Thrown by handlers; the dispatcher turns it into an error response.
class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

json to_json(const TextPosition& position);
json to_json(const TextRange& range);
// Throw ProtocolError(kInvalidParams) when the value does not have the expected shape.
TextPosition position_from_json(const json& value);
TextRange range_from_json(const json& value);
const json& member(const json& object, const char* key);  // required member
std::string string_member(const json& object, const char* key);

// True when two ranges overlap or touch (an empty range at a diagnostic's edge counts).
bool touches(const TextRange& a, const TextRange& b);

}  // namespace digestlint::lsp
