// links/arxiv-malformed: an entry's paper link must be https?://arxiv.org/(abs|pdf)/ID.
#include "checks/arxiv_id.hpp"
#include "checks/text_util.hpp"
#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

class ArxivLinkCheck final : public Analyzer {
 public:
  explicit ArxivLinkCheck(const RuleSpec& rule)
      : allow_other_hosts_(Params(rule).boolean("allow-other-hosts", false)) {}

  void check(const CheckContext& ctx) const override {
    const auto links = checks::entry_links(ctx.digest, ctx.analyses);
    for (const Entry& entry : ctx.digest.entries) {
      if (!entry.url) continue;  // a title without a link is another rule's business
      const checks::ArxivLink& link = *checks::link_of(entry, *links);
      if (link.kind == checks::LinkKind::arxiv) continue;
      if (link.kind == checks::LinkKind::other_host && allow_other_hosts_) continue;
      ctx.sink.report(checks::sub_span(*entry.url, link.problem_offset, link.problem_length),
                      {{"problem", link.problem}, {"url", std::string(entry.url->text)}});
    }
  }

 private:
  bool allow_other_hosts_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<ArxivLinkCheck>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("arxiv-malformed", /*declarative=*/false, make, {"problem", "url"},
                             {Scope::url}, ParamNames{"allow-other-hosts"})
}  // namespace digestlint
