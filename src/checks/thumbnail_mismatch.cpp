// links/thumbnail-mismatch: an absolute thumbnail URL must show the entry's own paper.
#include <fmt/format.h>

#include <set>

#include "checks/arxiv_id.hpp"
#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

bool is_absolute(std::string_view url) {
  return url.starts_with("https://") || url.starts_with("http://") || url.starts_with("//");
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The arXiv ids the digest's entries link to.
std::set<std::string> linked_ids(const Digest& digest, const checks::EntryLinks& links) {
  std::set<std::string> ids;
  for (const Entry& entry : digest.entries) {
    if (const std::optional<checks::LinkedId> linked = checks::linked_id(entry, links))
      ids.emplace(linked->id.base);
  }
  return ids;
}

class ThumbnailMismatch final : public Analyzer {
 public:
  explicit ThumbnailMismatch(const RuleSpec& rule) {
    const Params params(rule);
    require_id_ = params.boolean("require-id", true);
    // Required: the pack is the one place that names the thumbnail host (rules/links.yaml).
    template_ = params.string("thumbnail-template");
    if (template_.find("{id}") == std::string::npos) {
      params.fail("thumbnail-template", "the template must contain {id}");
    }
  }

  void check(const CheckContext& ctx) const override {
    const auto links = checks::entry_links(ctx.digest, ctx.analyses);
    const std::set<std::string> linked_here = linked_ids(ctx.digest, *links);
    for (const Entry& entry : ctx.digest.entries) {
      if (!entry.thumbnail) continue;
      const std::string_view thumbnail = entry.thumbnail->text;
      if (!is_absolute(thumbnail)) continue;  // links/relative-url reports those
      // An uploaded figure or a video is media the editor chose, not a thumbnail to compare.
      const bool is_media = entry.media && entry.media->span == entry.thumbnail->span;
      const MediaKind* kind = is_media ? entry.media_kind : nullptr;
      if (kind && kind->acceptable && !kind->paper_thumbnail) continue;
      const std::optional<checks::LinkedId> linked = checks::linked_id(entry, *links);
      if (!linked) continue;  // nothing to compare with; links/arxiv-malformed reports the link
      const std::string link_id(linked->id.base);
      const std::vector<checks::IdToken> tokens = checks::find_id_tokens(thumbnail);
      std::string problem;
      std::string thumbnail_id;
      if (tokens.empty()) {
        if (!require_id_) continue;
        problem = fmt::format("the thumbnail has no arXiv id, the link is {}", link_id);
      } else {
        bool matches = false;
        for (const checks::IdToken& token : tokens) matches |= token.base == linked->id.base;
        if (matches) continue;
        thumbnail_id = std::string(tokens.front().base);
        problem = fmt::format("the thumbnail shows {}, the link is {}", thumbnail_id, link_id);
      }
      // Only a paper thumbnail of another entry of the digest surely belongs elsewhere: that
      // paper has its own entry, so this entry's link is the side to trust. A thumbnail of a paper
      // the digest never links may be the right one under a wrong link, and any other image (an
      // avatar, an unknown host) may be what the author meant to show.
      const bool safe = kind && kind->paper_thumbnail && linked_here.contains(thumbnail_id);
      Fix fix{entry.thumbnail->span, replace_all(template_, "{id}", link_id), safe,
              fmt::format("use the thumbnail of {}", link_id)};
      ctx.sink.report(entry.thumbnail->span,
                      {{"problem", problem},
                       {"link_id", link_id},
                       {"thumbnail_id", thumbnail_id},
                       {"thumbnail", std::string(thumbnail)}},
                      std::move(fix));
    }
  }

 private:
  bool require_id_ = true;
  std::string template_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<ThumbnailMismatch>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("thumbnail-mismatch", /*declarative=*/false, make,
                             {"problem", "link_id", "thumbnail_id", "thumbnail"},
                             {Scope::thumbnail}, ParamNames{"require-id", "thumbnail-template"}, {},
                             /*fixes=*/true)
}  // namespace digestlint
