#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace digestlint::lsp {

// "file:///home/a/b%20c.md" → "/home/a/b c.md"; nullopt for other schemes (untitled:, …).
std::optional<std::string> uri_to_path(std::string_view uri);
// "/home/a/b c.md" → "file:///home/a/b%20c.md".
std::string path_to_uri(std::string_view path);

}  // namespace digestlint::lsp
