#pragma once
// A rule's message or hint with its {placeholders} filled in.
#include <string>
#include <string_view>
#include <vector>

#include "rules/analyzer.hpp"

namespace digestlint {

// fmt's rendering of the template with the args as named string arguments, byte for byte; a
// template fmt cannot render (validated at load time, so only an analyzer that omits an
// argument) comes back as it is. Plain {name} placeholders and {{ }} escapes are filled in
// directly: a file with 200,000 findings renders 400,000 messages, and fmt's dynamic argument
// store allocates a node per argument and per name. `defaults` fill the placeholders `args` do
// not name (the engine's rule, title, entry … beside an analyzer's own).
std::string render_message(std::string_view message_template, const MessageArgs& args,
                           const MessageArgs& defaults = {});

// The placeholders a template names, in order, as written before any format spec: "title" for
// "{title:>5}", "" for "{}", "1" for "{1}"; nested ones ("{match:{where}}") too. "{{" and "}}"
// are literal braces.
std::vector<std::string_view> placeholders_in(std::string_view message_template);

}  // namespace digestlint
