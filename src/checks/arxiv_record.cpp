// links/arxiv-not-found, links/arxiv-title-mismatch, authors/arxiv-mismatch: each entry against
// the arXiv record of the paper it links, looked up once per run by the online session.
#include <set>

#include "checks/arxiv_id.hpp"
#include "online/compare.hpp"
#include "online/session.hpp"
#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

enum class Aspect { existence, title, authors };

class ArxivRecordCheck final : public Analyzer {
 public:
  explicit ArxivRecordCheck(const RuleSpec& rule) {
    const Params params(rule);
    const std::string compare = params.string("compare");
    if (compare == "existence") {
      aspect_ = Aspect::existence;
    } else if (compare == "title") {
      aspect_ = Aspect::title;
    } else if (compare == "authors") {
      aspect_ = Aspect::authors;
    } else {
      params.fail("compare", "expected 'existence', 'title' or 'authors'");
    }
  }

  void check(const CheckContext&) const override {}
  bool needs_whole_run() const override { return online::current_session() != nullptr; }

  void check_run(const std::vector<RunFile>& files) const override {
    online::Session* session = online::current_session();
    if (!session) return;
    std::set<std::string> ids;
    for (const RunFile& file : files) {
      for (const Entry& entry : file.digest->entries) {
        if (const auto linked = checks::linked_id(entry)) ids.insert(std::string(linked->id.base));
      }
    }
    const auto lookups = session->lookup_arxiv(ids);
    for (const RunFile& file : files) {
      for (const Entry& entry : file.digest->entries) {
        const auto linked = checks::linked_id(entry);
        if (!linked) continue;
        const online::ArxivLookup& lookup = lookups.at(std::string(linked->id.base));
        if (lookup.record) compare(entry, *linked, *lookup.record, *file.sink);
      }
    }
  }

 private:
  void compare(const Entry& entry, const checks::LinkedId& linked,
               const online::ArxivRecord& record, FindingSink& sink) const {
    const std::string id(linked.id.base);
    switch (aspect_) {
      case Aspect::existence:
        if (!record.found) sink.report(linked.span, {{"id", id}});
        return;
      case Aspect::title:
        if (record.found && !same_title(entry, record))
          sink.report(entry.title.span, {{"id", id}, {"record_title", record.title}});
        return;
      case Aspect::authors:
        // Another paper's record (a title mismatch) says nothing about this paper's authors.
        if (record.found && entry.authors_line && same_title(entry, record))
          compare_authors(entry, id, record, sink);
        return;
    }
  }

  static bool same_title(const Entry& entry, const online::ArxivRecord& record) {
    return online::normalize_title(entry.title.text) == online::normalize_title(record.title);
  }

  static void compare_authors(const Entry& entry, const std::string& id,
                              const online::ArxivRecord& record, FindingSink& sink) {
    std::vector<std::string> names;
    for (const Author& author : entry.authors) names.emplace_back(author.name.text);
    const online::AuthorDifference difference = online::compare_authors(names, record.authors);
    if (difference.empty()) return;
    sink.report(entry.authors_line->span, {{"id", id}, {"difference", difference.describe()}});
  }

  Aspect aspect_ = Aspect::existence;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<ArxivRecordCheck>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("arxiv-record", /*declarative=*/false, make,
                             {"id", "record_title", "difference"}, {Scope::entry})
}  // namespace digestlint
