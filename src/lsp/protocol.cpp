#include "lsp/protocol.hpp"

#include <tuple>

namespace digestlint::lsp {
namespace {

bool before(const TextPosition& a, const TextPosition& b) {
  return std::tie(a.line, a.character) < std::tie(b.line, b.character);
}

int int_member(const json& object, const char* key) {
  const json& value = member(object, key);
  if (!value.is_number_integer()) {
    throw ProtocolError(kInvalidParams, std::string("'") + key + "' must be an integer");
  }
  return value.get<int>();
}

}  // namespace

json to_json(const TextPosition& position) {
  return {{"line", position.line}, {"character", position.character}};
}

json to_json(const TextRange& range) {
  return {{"start", to_json(range.start)}, {"end", to_json(range.end)}};
}

TextPosition position_from_json(const json& value) {
  return {int_member(value, "line"), int_member(value, "character")};
}

TextRange range_from_json(const json& value) {
  return {position_from_json(member(value, "start")), position_from_json(member(value, "end"))};
}

const json& member(const json& object, const char* key) {
  if (!object.is_object()) throw ProtocolError(kInvalidParams, "expected an object");
  const auto it = object.find(key);
  if (it == object.end()) throw ProtocolError(kInvalidParams, std::string("missing '") + key + "'");
  return *it;
}

std::string string_member(const json& object, const char* key) {
  const json& value = member(object, key);
  if (!value.is_string()) {
    throw ProtocolError(kInvalidParams, std::string("'") + key + "' must be a string");
  }
  return value.get<std::string>();
}

bool touches(const TextRange& a, const TextRange& b) {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

}  // namespace digestlint::lsp
