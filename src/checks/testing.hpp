#pragma once
// Test helpers for the built-in analyzers: build a digest and its model side by side (so spans are
// exact without the parser) and run one analyzer over it, collecting what it reports.
#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/digest.hpp"
#include "model/source.hpp"
#include "rules/analyzer.hpp"
#include "rules/profile_loader.hpp"
#include "rules/rule.hpp"

namespace digestlint::testing {

struct TestDigest {
  std::unique_ptr<SourceFile> source;
  Digest digest;

  std::string_view text() const { return source->text(); }
  std::string_view slice(Span span) const { return source->slice(span); }
  int line_of(Span span) const { return source->line_of(span.begin); }
};

// Writes digest Markdown in the canonical layout and records every field's span as it goes.
class DigestBuilder {
 public:
  // Reads the digest as the default pack's profile `name` would: media kinds and section specs
  // are resolved through it. Without this the digest has no profile.
  DigestBuilder& profile(std::string_view name) {
    profile_ = default_profile_set().find(name);
    if (!profile_) throw std::logic_error("no such profile: " + std::string(name));
    return *this;
  }
  // `## Daily Papers (<date>)`
  DigestBuilder& header(std::string_view date) {
    const std::size_t begin = text_.size();
    text_ += "## Daily Papers (";
    const Span date_span = append(date);
    text_ += ")";
    header_ = Header{Field{{}, {begin, text_.size()}}, Field{{}, date_span}};
    text_ += "\n\n";
    return *this;
  }
  // A header line taken as is, with no date field (the parens are missing).
  DigestBuilder& header_line(std::string_view line) {
    const Span span = append(line);
    header_ = Header{Field{{}, span}, std::nullopt};
    text_ += "\n\n";
    return *this;
  }
  // `### [title](url)`, or `### title` when url is empty.
  DigestBuilder& entry(std::string_view title, std::string_view url = {}) {
    Entry entry;
    entry.index = static_cast<int>(entries_.size());
    const std::size_t begin = text_.size();
    text_ += url.empty() ? "### " : "### [";
    entry.title.span = append(title);
    if (!url.empty()) {
      text_ += "](";
      entry.url = Field{{}, append(url)};
      text_ += ")";
    }
    entry.heading.span = {begin, text_.size()};
    entry.span.begin = begin;
    text_ += "\n\n";
    entries_.push_back(entry);
    return *this;
  }
  // `![](url)` for the current entry.
  DigestBuilder& thumbnail(std::string_view url) {
    text_ += "![](";
    current().thumbnail = Field{{}, append(url)};
    current().media = current().thumbnail;
    text_ += ")\n\n";
    return *this;
  }
  // `Authors: a, b, c` for the current entry.
  DigestBuilder& authors(const std::vector<std::string_view>& names) {
    text_ += "Authors: ";
    const std::size_t line_begin = text_.size();
    Entry& entry = current();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) text_ += ", ";
      Author author;
      author.name.span = append(names[i]);
      entry.authors.push_back(author);
    }
    entry.authors_line = Field{{}, {line_begin, text_.size()}};
    // Each author's item takes the ", " before it, or after it for the first of several.
    for (std::size_t i = 0; i < entry.authors.size(); ++i) {
      Author& author = entry.authors[i];
      author.item = author.name.span;
      if (i > 0) {
        author.item.begin = entry.authors[i - 1].name.span.end;
      } else if (entry.authors.size() > 1) {
        author.item.end = entry.authors[1].name.span.begin;
      }
    }
    text_ += "\n\n";
    return *this;
  }
  // `- **name**: text` for the current entry.
  DigestBuilder& section(std::string_view name, std::string_view body) {
    Section section;
    const std::size_t begin = text_.size();
    text_ += "- **";
    section.name.span = append(name);
    text_ += "**: ";
    section.text.span = append(body);
    section.item = {begin, text_.size()};
    text_ += "\n";
    current().sections.push_back(section);
    return *this;
  }

  TestDigest build() const {
    TestDigest result;
    result.source = std::make_unique<SourceFile>("test.md", text_);
    const SourceFile& source = *result.source;
    const auto fill = [&](Field& field) { field.text = source.slice(field.span); };
    Digest& digest = result.digest;
    digest.profile = profile_;
    digest.header = header_;
    if (digest.header) {
      fill(digest.header->line);
      if (digest.header->date) fill(*digest.header->date);
    }
    digest.entries = entries_;
    for (std::size_t i = 0; i < digest.entries.size(); ++i) {
      Entry& entry = digest.entries[i];
      entry.span.end =
          i + 1 < digest.entries.size() ? digest.entries[i + 1].span.begin : source.text().size();
      fill(entry.heading);
      fill(entry.title);
      if (entry.url) {
        fill(*entry.url);
        const std::string_view url = entry.url->text;
        for (std::string_view marker : {"arxiv.org/abs/", "arxiv.org/pdf/"}) {
          if (const auto at = url.find(marker); at != std::string_view::npos) {
            entry.arxiv_id = url.substr(at + marker.size());
          }
        }
      }
      if (entry.thumbnail) fill(*entry.thumbnail);
      if (entry.media) fill(*entry.media);
      if (entry.media && profile_) entry.media_kind = profile_->media_kind(entry.media->text);
      if (entry.votes) fill(*entry.votes);
      if (entry.authors_line) fill(*entry.authors_line);
      for (Author& author : entry.authors) fill(author.name);
      for (Section& section : entry.sections) {
        fill(section.name);
        fill(section.text);
        if (profile_) section.spec = profile_->section_named(section.name.text);
      }
    }
    return result;
  }

 private:
  Span append(std::string_view s) {
    const std::size_t begin = text_.size();
    text_ += s;
    return {begin, text_.size()};
  }
  Entry& current() {
    if (entries_.empty()) throw std::logic_error("DigestBuilder: no entry yet");
    return entries_.back();
  }

  std::string text_;
  std::shared_ptr<const Profile> profile_;
  std::optional<Header> header_;
  std::vector<Entry> entries_;
};

// One report() call, with the args as a map.
struct Reported {
  Span span;
  std::map<std::string, std::string> args;
  std::optional<Fix> fix;
  std::vector<RelatedLocation> related;
  std::optional<Confidence> confidence;

  std::string arg(const std::string& name) const {
    const auto it = args.find(name);
    return it == args.end() ? std::string("<missing {" + name + "}>") : it->second;
  }
};

class CollectingSink final : public FindingSink {
 public:
  void report(Span span, const MessageArgs& args, std::optional<Fix> fix,
              std::vector<RelatedLocation> related, std::optional<Confidence> confidence) override {
    Reported r{span, {args.begin(), args.end()}, std::move(fix), std::move(related), confidence};
    reported.push_back(std::move(r));
  }
  std::vector<Reported> reported;
};

// The default pack's section names, as the section analyzers' tests configure them.
inline const Lexicons kLexicons{
    {"section-names", {"What's New", "Technical Details", "Performance Highlights"}}};
inline constexpr const char* kParams = "{sections: '@section-names'}";

inline RuleSpec make_rule(std::string_view analyzer, std::string_view params_yaml = "{}",
                          Lexicons lexicons = {}) {
  RuleSpec rule;
  rule.id = "test/" + std::string(analyzer);
  rule.kind = "builtin";
  rule.analyzer = std::string(analyzer);
  rule.scopes = {Scope::title, Scope::section};  // what scoped analyzers use in the default pack
  rule.params = YAML::Load(std::string(params_yaml));
  rule.defined_at = {"test.yaml", 1, 1};
  rule.lexicons = std::make_shared<const Lexicons>(std::move(lexicons));
  return rule;
}

// Builds the analyzer through the registry (so its registration is tested too) and runs it.
inline std::vector<Reported> run(std::string_view analyzer, const TestDigest& digest,
                                 std::string_view params_yaml = "{}", Lexicons lexicons = {}) {
  const AnalyzerInfo* info = find_analyzer(analyzer, /*declarative=*/false);
  if (info == nullptr) throw std::logic_error("analyzer not registered: " + std::string(analyzer));
  const RuleSpec rule = make_rule(analyzer, params_yaml, std::move(lexicons));
  const std::unique_ptr<Analyzer> instance = info->make(rule);
  CollectingSink sink;
  instance->check(CheckContext{*digest.source, digest.digest, sink});
  return sink.reported;
}

// The source text with a fix applied.
inline std::string apply(const TestDigest& digest, const Fix& fix) {
  std::string text(digest.text());
  text.replace(fix.span.begin, fix.span.size(), fix.replacement);
  return text;
}

}  // namespace digestlint::testing
