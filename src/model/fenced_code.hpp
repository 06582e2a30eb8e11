#pragma once
// Fenced code blocks, followed line by line: a fence is up to three spaces, then three or more
// backticks or tildes; its block ends at a fence of the same character at least as long. Read
// by the rules and the suppressions that must leave code alone (its text is the code's own).
#include <cstddef>
#include <optional>
#include <string_view>

namespace digestlint {

class FencedCode {
 public:
  // Whether `line`, the text's next line, is inside a fenced code block (its fences are not).
  bool inside_next(std::string_view line) {
    const std::optional<Fence> fence = fence_of(line);
    const bool closes =
        open_ && fence && fence->marker == open_->marker && fence->length >= open_->length;
    const bool inside = open_ && !closes;
    if (closes) {
      open_.reset();
    } else if (fence && !open_) {
      open_ = fence;
    }
    return inside;
  }

 private:
  struct Fence {
    char marker;
    std::size_t length;
  };

  static std::optional<Fence> fence_of(std::string_view line) {
    std::size_t at = 0;
    while (at < line.size() && at < 3 && line[at] == ' ') ++at;
    if (at == line.size() || (line[at] != '`' && line[at] != '~')) return std::nullopt;
    std::size_t end = at;
    while (end < line.size() && line[end] == line[at]) ++end;
    if (end - at < 3) return std::nullopt;
    return Fence{line[at], end - at};
  }

  std::optional<Fence> open_;  // the fence of the block the lines are in
};

}  // namespace digestlint
