#include "online/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "model/text.hpp"

namespace digestlint::online {
namespace {

// ASCII letters for U+00C0…U+017F, so "Müller" and "Muller" compare equal.
constexpr std::string_view kLatin1 =
    "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
constexpr std::string_view kLatinExtendedA =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSs"
    "Ss"
    "SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static_assert(kLatin1.size() == 0x40 && kLatinExtendedA.size() == 0x80);

// Lower-cased, accents folded to ASCII; other non-ASCII characters are kept as they are.
std::string fold(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte == 0xC3 || byte == 0xC4 || byte == 0xC5) && i + 1 < text.size()) {
      const unsigned code = ((byte & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      if (code >= 0xC0 && code < 0x100) {
        out += static_cast<char>(std::tolower(kLatin1[code - 0xC0]));
        ++i;
        continue;
      }
      if (code >= 0x100 && code < 0x180) {
        out += static_cast<char>(std::tolower(kLatinExtendedA[code - 0x100]));
        ++i;
        continue;
      }
    }
    out += static_cast<char>(std::tolower(byte));
  }
  return out;
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// `\emph{word}` keeps `word`, `\alpha` keeps `alpha`; `$`, braces and other markup go.
std::string strip_latex(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() &&
        std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
      std::size_t end = i + 1;
      while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
      if (end >= text.size() || text[end] != '{') out.append(text.substr(i + 1, end - i - 1));
      out += ' ';
      i = end - 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> result;
  std::string word;
  for (const char c : text) {
    if (is_word_byte(c)) {
      word += c;
    } else if (c == '\'' || c == '.') {
      if (!word.empty() && c == '.') result.push_back(std::exchange(word, {}));
    } else if (!word.empty()) {
      result.push_back(std::exchange(word, {}));
    }
  }
  if (!word.empty()) result.push_back(word);
  return result;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  return fmt::format("{}", fmt::join(parts, separator));
}

// A name as comparable parts: given names (any may be an initial) and the surname.
struct Name {
  std::string original;
  std::vector<std::string> given;
  std::string surname;
  std::string flat;  // all parts, for spelling distance
};

std::optional<Name> parse_name(const std::string& text) {
  std::vector<std::string> parts = words(fold(text));
  if (parts.empty()) return std::nullopt;
  Name name{text, {}, parts.back(), join(parts, " ")};
  parts.pop_back();
  name.given = std::move(parts);
  return name;
}

bool same_person(const Name& a, const Name& b) {
  if (a.surname != b.surname) return false;
  if (a.given.empty() || b.given.empty()) return true;
  return a.given.front().front() == b.given.front().front();
}

// Close enough to be a typo of the same name rather than another person.
bool misspelling_of(const Name& a, const Name& b) {
  const std::size_t longest = std::max(code_point_count(a.flat), code_point_count(b.flat));
  return edit_distance(a.flat, b.flat) <= std::max<std::size_t>(1, longest / 6);
}

}  // namespace

std::string normalize_title(std::string_view title) {
  return join(words(fold(strip_latex(title))), " ");
}

std::string AuthorDifference::describe() const {
  std::vector<std::string> parts;
  for (const auto& [written, recorded] : misspelled)
    parts.push_back(fmt::format("'{}' is '{}' on the record", written, recorded));
  if (!extra.empty()) parts.push_back(fmt::format("not on the record: {}", join(extra, ", ")));
  if (!missing.empty()) parts.push_back(fmt::format("missing: {}", join(missing, ", ")));
  return join(parts, "; ");
}

AuthorDifference compare_authors(const std::vector<std::string>& entry_names,
                                 const std::vector<std::string>& record_names) {
  bool elided = false;
  std::vector<Name> written;
  for (const std::string& text : entry_names) {
    if (text == "+" || text == "\u2026" || text == "...") {
      elided = true;
    } else if (auto name = parse_name(text)) {
      written.push_back(std::move(*name));
    }
  }
  std::vector<Name> recorded;
  for (const std::string& text : record_names) {
    if (auto name = parse_name(text)) recorded.push_back(std::move(*name));
  }
  std::vector<bool> used(recorded.size(), false);
  std::vector<const Name*> unmatched;
  for (const Name& name : written) {
    std::size_t k = 0;
    while (k < recorded.size() && (used[k] || !same_person(name, recorded[k]))) ++k;
    if (k < recorded.size()) {
      used[k] = true;
    } else {
      unmatched.push_back(&name);
    }
  }
  AuthorDifference difference;
  for (const Name* name : unmatched) {
    std::size_t k = 0;
    while (k < recorded.size() && (used[k] || !misspelling_of(*name, recorded[k]))) ++k;
    if (k < recorded.size()) {
      used[k] = true;
      difference.misspelled.emplace_back(name->original, recorded[k].original);
    } else {
      difference.extra.push_back(name->original);
    }
  }
  if (!elided) {
    for (std::size_t k = 0; k < recorded.size(); ++k) {
      if (!used[k]) difference.missing.push_back(recorded[k].original);
    }
  }
  return difference;
}

}  // namespace digestlint::online
