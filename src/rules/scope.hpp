#pragma once
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/digest.hpp"

namespace digestlint {

// The part of a digest a rule looks at. A rule runs once per target of its scope.
enum class Scope {
  document,
  header,
  entry,
  title,
  url,
  thumbnail,
  votes,
  authors,
  author,
  section,
  summary
};

// How many scopes there are: arrays indexed by scope have this size.
constexpr std::size_t kScopeCount = static_cast<std::size_t>(Scope::summary) + 1;

std::optional<Scope> parse_scope(std::string_view name);
std::string_view to_string(Scope scope);
const std::vector<std::string_view>& scope_names();

// The text of one target, with the map back to source offsets. A single field's text is a view
// of the source file's text (no copy: a file has a target per author, section and field); the
// summary scope joins an entry's sections with '\n' into text of its own, in pieces.
struct Target {
  struct Piece {
    std::size_t text_offset;
    std::size_t source_offset;
    std::size_t length;
  };
  Scope scope = Scope::document;
  const Digest* digest = nullptr;
  const Entry* entry = nullptr;      // null for document and header
  const Section* section = nullptr;  // for section
  const Author* author = nullptr;    // for author
  Span span;                         // the whole target in the source
  std::string_view text;
  // A joined text, on the heap and shared, so that `text` still views it when the target moves or
  // is copied; null for a single field (and for a summary without sections).
  std::shared_ptr<const std::string> joined;
  // Where the joined text's parts are in the source; empty for a single field, whose text is
  // the source from span.begin.
  std::vector<Piece> pieces;

  // Maps [begin, end) in text to the source; the end maps to the end of the piece it falls in.
  Span to_source(std::size_t begin, std::size_t end) const;
};

std::vector<Target> targets_of(Scope scope, const Digest& digest, const SourceFile& source);

// One file's targets, built the first time a rule asks for a scope and shared by the rules after
// it, instead of every rule copying every text again. Not thread-safe: a file's rules run on one
// thread.
class TargetCache {
 public:
  TargetCache(const Digest& digest, const SourceFile& source) : digest_(digest), source_(source) {}
  const std::vector<Target>& of(Scope scope);

 private:
  const Digest& digest_;
  const SourceFile& source_;
  std::array<std::optional<std::vector<Target>>, kScopeCount> built_;
};

}  // namespace digestlint
