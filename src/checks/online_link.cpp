// links/broken and links/unreachable: every http(s) URL of a digest, requested once per run by
// the online session (src/online). Paper links to arXiv are checked through the arXiv API
// instead (arxiv_record.cpp), so abs pages are not fetched one by one.
#include <re2/re2.h>

#include <set>

#include "checks/arxiv_id.hpp"
#include "online/session.hpp"
#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

using online::LinkStatus;

struct UrlAt {
  std::string url;
  Span span;
};

// Absolute http(s) URLs anywhere in the file: paper links, images, links in summaries.
std::vector<UrlAt> urls_in(const SourceFile& source) {
  static const RE2 url_pattern(R"((https?://[^\s<>()\[\]"'`]+))");
  std::vector<UrlAt> found;
  const std::string_view text = source.text();
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  while (RE2::FindAndConsume(&input, url_pattern, &match)) {
    std::string_view url(match.data(), match.size());
    while (!url.empty() && std::string_view(".,;:!?").find(url.back()) != std::string_view::npos)
      url.remove_suffix(1);
    const auto begin = static_cast<std::size_t>(url.data() - text.data());
    found.push_back({std::string(url), Span{begin, begin + url.size()}});
  }
  return found;
}

bool is_entry_paper_link(const Digest& digest, Span span) {
  for (const Entry& entry : digest.entries) {
    if (entry.url && entry.url->span.contains(span)) return checks::linked_id(entry).has_value();
  }
  return false;
}

class OnlineLink final : public Analyzer {
 public:
  explicit OnlineLink(const RuleSpec& rule) {
    const Params params(rule);
    const std::string outcome = params.string("outcome");
    if (outcome == "broken") {
      outcome_ = LinkStatus::Kind::broken;
    } else if (outcome == "unreachable") {
      outcome_ = LinkStatus::Kind::unreachable;
    } else {
      params.fail("outcome", "expected 'broken' or 'unreachable'");
    }
  }

  void check(const CheckContext&) const override {}
  bool needs_whole_run() const override { return online::current_session() != nullptr; }

  void check_run(const std::vector<RunFile>& files) const override {
    online::Session* session = online::current_session();
    if (!session) return;
    std::vector<std::vector<UrlAt>> per_file;
    std::set<std::string> urls;
    for (const RunFile& file : files) {
      per_file.push_back(checkable_urls(file));
      for (const UrlAt& at : per_file.back()) urls.insert(at.url);
    }
    const auto verdicts = session->check_links(urls);
    for (std::size_t i = 0; i < files.size(); ++i) {
      for (const UrlAt& at : per_file[i]) {
        const online::LinkVerdict& verdict = verdicts.at(at.url);
        if (verdict.kind == outcome_)
          files[i].sink->report(at.span, {{"url", at.url}, {"problem", verdict.detail}});
      }
    }
    if (outcome_ == LinkStatus::Kind::unreachable) report_unchecked_papers(*session, files);
  }

 private:
  static std::vector<UrlAt> checkable_urls(const RunFile& file) {
    std::vector<UrlAt> result;
    for (UrlAt& at : urls_in(*file.source)) {
      if (!is_entry_paper_link(*file.digest, at.span)) result.push_back(std::move(at));
    }
    return result;
  }

  // A paper whose arXiv record could not be had (API down, --cache-only) was not checked.
  static void report_unchecked_papers(online::Session& session, const std::vector<RunFile>& files) {
    std::set<std::string> ids;
    for (const RunFile& file : files) {
      for (const Entry& entry : file.digest->entries) {
        if (const auto linked = checks::linked_id(entry)) ids.insert(std::string(linked->id.base));
      }
    }
    const auto lookups = session.lookup_arxiv(ids);
    for (const RunFile& file : files) {
      for (const Entry& entry : file.digest->entries) {
        const auto linked = checks::linked_id(entry);
        if (!linked) continue;
        const online::ArxivLookup& lookup = lookups.at(std::string(linked->id.base));
        if (lookup.record || lookup.problem.empty()) continue;
        file.sink->report(entry.url->span,
                          {{"url", std::string(entry.url->text)}, {"problem", lookup.problem}});
      }
    }
  }

  LinkStatus::Kind outcome_ = LinkStatus::Kind::broken;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<OnlineLink>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("online-link", /*declarative=*/false, make, {"url", "problem"},
                             {Scope::document})
}  // namespace digestlint
