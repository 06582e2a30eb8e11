#pragma once
// Writes JSON text as nlohmann::json::dump(2) lays it out (two spaces per level, "key": value,
// "{}" and "[]" when empty, invalid UTF-8 replaced by U+FFFD), one value after another into a
// string: a report of 200,000 findings built as one document first held every finding as a
// tree of maps, several times the size of its text, and took seconds to allocate and free.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace digestlint {

class JsonText {
 public:
  // Appends to `out`; the outermost value starts at `depth` levels of indentation (its first
  // line is not indented: the caller has placed it).
  JsonText(std::string& out, int depth) : out_(out), depth_(depth) {}

  JsonText& begin_object() { return open('{'); }
  JsonText& end_object() { return close('}'); }
  JsonText& begin_array() { return open('['); }
  JsonText& end_array() { return close(']'); }
  // Starts a member of the innermost object; its value follows.
  JsonText& key(std::string_view name);
  // Starts an element of the innermost array; its value follows.
  JsonText& element();

  JsonText& string(std::string_view text);
  JsonText& integer(long long value);
  JsonText& real(double value);
  JsonText& boolean(bool value);
  JsonText& null();

 private:
  JsonText& open(char bracket);
  JsonText& close(char bracket);
  void next_line();  // the separator before a member or element, and its indentation

  std::string& out_;
  int depth_;
  std::vector<bool> has_members_;  // per open object or array
};

}  // namespace digestlint
