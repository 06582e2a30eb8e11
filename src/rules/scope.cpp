#include "rules/scope.hpp"

#include <algorithm>
#include <array>

namespace digestlint {
namespace {

constexpr std::array<std::pair<std::string_view, Scope>, 11> kScopes{{
    {"document", Scope::document},
    {"header", Scope::header},
    {"entry", Scope::entry},
    {"title", Scope::title},
    {"url", Scope::url},
    {"thumbnail", Scope::thumbnail},
    {"votes", Scope::votes},
    {"authors", Scope::authors},
    {"author", Scope::author},
    {"section", Scope::section},
    {"summary", Scope::summary},
}};

Target single(Scope scope, const Entry* entry, const Field& field) {
  Target target;
  target.scope = scope;
  target.entry = entry;
  target.span = field.span;
  target.text = field.text;
  return target;
}

Target summary_of(const Entry& entry) {
  Target target;
  target.scope = Scope::summary;
  target.entry = &entry;
  if (entry.sections.empty()) return target;
  target.span = {entry.sections.front().item.begin, entry.sections.back().item.end};
  auto joined = std::make_shared<std::string>();
  for (const Section& section : entry.sections) {
    if (!joined->empty()) *joined += '\n';
    target.pieces.push_back({joined->size(), section.text.span.begin, section.text.text.size()});
    *joined += section.text.text;
  }
  target.text = *joined;
  target.joined = std::move(joined);
  return target;
}

void add_entry_targets(Scope scope, const Entry& entry, const SourceFile& source,
                       const Profile* profile, std::vector<Target>& out) {
  const auto add_optional = [&](const std::optional<Field>& field) {
    if (field) out.push_back(single(scope, &entry, *field));
  };
  switch (scope) {
    case Scope::entry:
      out.push_back(single(scope, &entry, Field{source.slice(entry.span), entry.span}));
      break;
    case Scope::title:
      out.push_back(single(scope, &entry, entry.title));
      break;
    case Scope::url:
      add_optional(entry.url);
      break;
    case Scope::thumbnail:
      add_optional(entry.thumbnail);
      break;
    case Scope::votes:
      // `Vote: -` is how some eras say there is no count; the profile lists such values.
      if (entry.votes && !(profile && profile->is_unknown_vote(entry.votes->text)))
        add_optional(entry.votes);
      break;
    case Scope::authors:
      add_optional(entry.authors_line);
      break;
    case Scope::author:
      for (const Author& author : entry.authors) {
        out.push_back(single(scope, &entry, author.name));
        out.back().author = &author;
      }
      break;
    case Scope::section:
      for (const Section& section : entry.sections) {
        out.push_back(single(scope, &entry, section.text));
        out.back().section = &section;
      }
      break;
    case Scope::summary:
      out.push_back(summary_of(entry));
      break;
    case Scope::document:
    case Scope::header:
      break;
  }
}

// The most targets of an entry scope a digest has: room for them at once, where growing one by
// one reallocated (and moved every target) nine times for a digest's hundreds of author names.
std::size_t most_targets(Scope scope, const Digest& digest) {
  std::size_t count = 0;
  for (const Entry& entry : digest.entries) {
    count += scope == Scope::author    ? entry.authors.size()
             : scope == Scope::section ? entry.sections.size()
                                       : 1;
  }
  return count;
}

}  // namespace

std::optional<Scope> parse_scope(std::string_view name) {
  for (const auto& [text, scope] : kScopes) {
    if (text == name) return scope;
  }
  return std::nullopt;
}

std::string_view to_string(Scope scope) {
  for (const auto& [text, value] : kScopes) {
    if (value == scope) return text;
  }
  return "document";
}

const std::vector<std::string_view>& scope_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> result;
    for (const auto& [text, scope] : kScopes) result.push_back(text);
    return result;
  }();
  return names;
}

Span Target::to_source(std::size_t begin, std::size_t end) const {
  if (pieces.empty()) {  // a single field
    const std::size_t source_begin = span.begin + std::min(begin, text.size());
    return {source_begin, std::max(source_begin, span.begin + std::min(end, text.size()))};
  }
  // An offset in the '\n' joining two pieces maps to the start of the next piece.
  const auto map = [&](std::size_t offset) {
    for (const Piece& piece : pieces) {
      if (offset < piece.text_offset) return piece.source_offset;
      if (offset <= piece.text_offset + piece.length) {
        return piece.source_offset + (offset - piece.text_offset);
      }
    }
    return pieces.back().source_offset + pieces.back().length;
  };
  const std::size_t source_begin = map(begin);
  return {source_begin, std::max(source_begin, map(end))};
}

std::vector<Target> targets_of(Scope scope, const Digest& digest, const SourceFile& source) {
  std::vector<Target> targets;
  if (scope == Scope::document) {
    targets.push_back(single(scope, nullptr, Field{source.text(), {0, source.text().size()}}));
  } else if (scope == Scope::header) {
    if (digest.header) targets.push_back(single(scope, nullptr, digest.header->line));
  } else {
    targets.reserve(most_targets(scope, digest));
    for (const Entry& entry : digest.entries)
      add_entry_targets(scope, entry, source, digest.profile.get(), targets);
  }
  for (Target& target : targets) target.digest = &digest;
  return targets;
}

const std::vector<Target>& TargetCache::of(Scope scope) {
  std::optional<std::vector<Target>>& built = built_[static_cast<std::size_t>(scope)];
  if (!built) built = targets_of(scope, digest_, source_);
  return *built;
}

}  // namespace digestlint
