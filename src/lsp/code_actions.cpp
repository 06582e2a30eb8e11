#include "lsp/code_actions.hpp"

#include <algorithm>

#include "lsp/diagnostics.hpp"

namespace digestlint::lsp {
namespace {

constexpr const char* kFixAllKind = "source.fixAll.digestlint";

bool kind_wanted(const std::vector<std::string>& only, std::string_view kind) {
  if (only.empty()) return true;
  return std::any_of(only.begin(), only.end(), [&](const std::string& filter) {
    return kind == filter ||
           (kind.starts_with(filter) && kind.size() > filter.size() && kind[filter.size()] == '.');
  });
}

// Whether an edit may begin or end at `offset`: on a code point's first byte, and not between
// the "\r" and "\n" of a line break.
bool edit_boundary(std::string_view text, std::size_t offset) {
  if (offset == 0 || offset >= text.size()) return true;
  if ((static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) return false;
  return !(text[offset] == '\n' && text[offset - 1] == '\r');
}

// The fix as the smallest edit: the text it keeps at both ends of its span is left out. A
// pattern's fix may rewrite what it keeps (a CRLF line's "\r" after trailing spaces), and an
// editor, which places no position between "\r" and "\n", would then write it twice.
json text_edit(const SourceFile& source, const Fix& fix) {
  const std::string_view text = source.text();
  Span span = fix.span;
  std::string_view replacement = fix.replacement;
  const std::string_view old_text = source.slice(span);
  std::size_t prefix = 0;
  while (prefix < old_text.size() && prefix < replacement.size() &&
         old_text[prefix] == replacement[prefix])
    ++prefix;
  while (prefix > 0 && !edit_boundary(text, span.begin + prefix)) --prefix;
  std::size_t suffix = 0;
  const std::size_t room = std::min(old_text.size(), replacement.size()) - prefix;
  while (suffix < room &&
         old_text[old_text.size() - 1 - suffix] == replacement[replacement.size() - 1 - suffix])
    ++suffix;
  while (suffix > 0 && !edit_boundary(text, span.end - suffix)) --suffix;
  span = {span.begin + prefix, span.end - suffix};
  replacement = replacement.substr(prefix, replacement.size() - prefix - suffix);
  return {{"range", to_json(to_range(source, span))}, {"newText", std::string(replacement)}};
}

std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return std::string(text);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace

std::string fix_title(const SourceFile& source, const Fix& fix) {
  std::string description = fix.description;
  if (description.empty()) {
    const std::string_view old_text = source.slice(fix.span);
    if (fix.replacement.empty()) {
      description = "delete '" + shorten(old_text) + "'";
    } else if (old_text.empty()) {
      description = "insert '" + shorten(fix.replacement) + "'";
    } else {
      description = "replace '" + shorten(old_text) + "' with '" + shorten(fix.replacement) + "'";
    }
  }
  return "Fix: " + description + (fix.safe ? "" : " (unsafe)");
}

json code_actions(const SourceFile& source, const std::string& uri,
                  const std::vector<Finding>& findings, const TextRange& range,
                  const std::vector<std::string>& only) {
  json actions = json::array();
  if (kind_wanted(only, "quickfix")) {
    for (const Finding& finding : findings) {
      if (!finding.fix || !touches(to_range(source, finding.span), range)) continue;
      const Fix& fix = *finding.fix;
      actions.push_back({
          {"title", fix_title(source, fix)},
          {"kind", "quickfix"},
          {"diagnostics", json::array({to_diagnostic(source, uri, finding)})},
          {"isPreferred", fix.safe},
          {"edit", {{"changes", {{uri, json::array({text_edit(source, fix)})}}}}},
      });
    }
  }
  if (kind_wanted(only, kFixAllKind)) {
    std::vector<const Fix*> safe;
    for (const Finding& finding : findings) {
      if (finding.fix && finding.fix->safe) safe.push_back(&*finding.fix);
    }
    std::stable_sort(safe.begin(), safe.end(),
                     [](const Fix* a, const Fix* b) { return a->span.begin < b->span.begin; });
    json edits = json::array();
    std::size_t end = 0;
    bool first = true;
    for (const Fix* fix : safe) {
      if (!first && fix->span.begin < end) continue;  // overlaps the previous edit
      edits.push_back(text_edit(source, *fix));
      end = fix->span.end;
      first = false;
    }
    if (!edits.empty()) {
      actions.push_back({
          {"title", "Fix all safe digestlint problems"},
          {"kind", kFixAllKind},
          {"edit", {{"changes", {{uri, std::move(edits)}}}}},
      });
    }
  }
  return actions;
}

}  // namespace digestlint::lsp
