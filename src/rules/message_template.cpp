#include "rules/message_template.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace digestlint {
namespace {

// A placeholder's value shown in a message: cut after kMaxShownCodePoints code points, with "…".
// Real titles and evidence are far shorter (evidence reaches about 250 on the corpus); a heading of
// thousands of characters (or a whole file read as one line) would otherwise be copied into each of
// its findings, in every report.
constexpr std::size_t kMaxShownCodePoints = 500;

void append_shown(std::string& out, std::string_view value) {
  if (value.size() <= kMaxShownCodePoints) {  // a code point is at least a byte
    out += value;
    return;
  }
  std::size_t code_points = 0, cut = 0;
  for (; cut < value.size(); ++cut) {
    const bool starts_code_point = (static_cast<unsigned char>(value[cut]) & 0xC0) != 0x80;
    if (starts_code_point && ++code_points > kMaxShownCodePoints) break;
  }
  out += value.substr(0, cut);
  if (cut < value.size()) out += "…";
}

std::string shown(std::string_view value) {
  std::string out;
  append_shown(out, value);
  return out;
}

std::string render_with_fmt(std::string_view message_template, const MessageArgs& args,
                            const MessageArgs& defaults) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const MessageArgs* list : {&args, &defaults}) {
    for (const auto& [name, value] : *list) store.push_back(fmt::arg(name.c_str(), shown(value)));
  }
  try {
    return fmt::vformat(message_template, store);
  } catch (const fmt::format_error&) {
    // Templates are validated at load time; an analyzer that omits an argument must not crash.
    return std::string(message_template);
  }
}

// Where the next character that `stops` is, at or after `from`, or npos. find_first_of() looked
// each character up with a memchr().
template <typename Stop>
std::size_t find_stop(std::string_view text, std::size_t from, Stop stops) {
  const auto stop =
      std::find_if(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(), stops);
  return stop == text.end() ? std::string_view::npos
                            : static_cast<std::size_t>(stop - text.begin());
}

// The value of the placeholder `name`, the analyzer's own before the defaults; null when neither
// has it.
const std::string* value_of(std::string_view name, const MessageArgs& args,
                            const MessageArgs& defaults) {
  for (const MessageArgs* list : {&args, &defaults}) {
    const auto arg = std::find_if(list->begin(), list->end(),
                                  [&](const auto& named) { return named.first == name; });
    if (arg != list->end()) return &arg->second;
  }
  return nullptr;
}

// The template filled in, or nothing when it has more than plain placeholders and escapes (a
// format spec, an unknown name, a lone brace): fmt then decides.
std::optional<std::string> render_plain(std::string_view message_template, const MessageArgs& args,
                                        const MessageArgs& defaults) {
  std::string out;
  out.reserve(message_template.size() + 64);
  std::size_t at = 0;
  while (at < message_template.size()) {
    const std::size_t brace =
        find_stop(message_template, at, [](char ch) { return ch == '{' || ch == '}'; });
    if (brace == std::string_view::npos) {
      out.append(message_template.substr(at));
      break;
    }
    out.append(message_template.substr(at, brace - at));
    const char c = message_template[brace];
    if (brace + 1 < message_template.size() && message_template[brace + 1] == c) {
      out += c;  // "{{" or "}}"
      at = brace + 2;
      continue;
    }
    if (c == '}') return std::nullopt;
    const std::size_t close = find_stop(
        message_template, brace + 1, [](char ch) { return ch == '{' || ch == '}' || ch == ':'; });
    if (close == std::string_view::npos || message_template[close] != '}') return std::nullopt;
    const std::string_view name = message_template.substr(brace + 1, close - brace - 1);
    const std::string* value = name.empty() ? nullptr : value_of(name, args, defaults);
    if (value == nullptr) return std::nullopt;
    append_shown(out, *value);
    at = close + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string_view> placeholders_in(std::string_view message_template) {
  std::vector<std::string_view> names;
  for (std::size_t at = 0; at < message_template.size(); ++at) {
    if (message_template[at] != '{') continue;
    if (at + 1 < message_template.size() && message_template[at + 1] == '{') {
      ++at;  // "{{", a literal brace
      continue;
    }
    const std::size_t end =
        std::min(message_template.find_first_of(":}", at + 1), message_template.size());
    names.push_back(message_template.substr(at + 1, end - at - 1));
  }
  return names;
}

std::string render_message(std::string_view message_template, const MessageArgs& args,
                           const MessageArgs& defaults) {
  if (message_template.empty()) return {};
  if (std::optional<std::string> plain = render_plain(message_template, args, defaults)) {
    return *plain;
  }
  return render_with_fmt(message_template, args, defaults);
}

}  // namespace digestlint
