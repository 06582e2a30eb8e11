#include "report/summary_signals_json.hpp"

#include <nlohmann/json.hpp>

namespace digestlint {
namespace {

using json = nlohmann::ordered_json;
using summary::Signals;
using summary::TitleTerm;

const char* kind_name(TitleTerm::Kind kind) {
  switch (kind) {
    case TitleTerm::Kind::name:
      return "name";
    case TitleTerm::Kind::entity:
      return "entity";
    case TitleTerm::Kind::word:
      return "word";
    case TitleTerm::Kind::common:
      return "common";
    case TitleTerm::Kind::catchphrase:
      return "catchphrase";
  }
  return "word";
}

const char* verdict_name(summary::Verdict verdict) {
  switch (verdict) {
    case summary::Verdict::generic:
      return "generic";
    case summary::Verdict::mismatch:
      return "mismatch";
    case summary::Verdict::fine:
      break;
  }
  return "fine";
}

const char* band_name(summary::Band band) {
  switch (band) {
    case summary::Band::severity:
      return "severity";
    case summary::Band::note:
      return "note";
    case summary::Band::none:
      break;
  }
  return "none";
}

json terms_of(const Signals& signals) {
  json terms = json::array();
  for (const TitleTerm& term : signals.terms) {
    terms.push_back({{"text", term.text},
                     {"kind", kind_name(term.kind)},
                     {"weight", term.weight},
                     {"found", term.found}});
  }
  return terms;
}

json names_of(const Signals& signals) {
  json names = json::array();
  for (const auto& [name, count] : signals.names)
    names.push_back({{"name", name}, {"count", count}});
  return names;
}

json rival_of(const Signals& signals) {
  if (!signals.rival) return nullptr;
  return {{"entry", signals.rival->entry},
          {"title", signals.rival->title},
          {"grounding", signals.rival->grounding},
          {"named", signals.rival->named},
          {"keeps_own", signals.rival->keeps_own}};
}

}  // namespace

void write_summary_signals(std::ostream& out, const SourceFile& source, const Digest& digest,
                           const std::vector<std::optional<Signals>>& signals,
                           const summary::Parameters& parameters) {
  for (std::size_t i = 0; i < signals.size() && i < digest.entries.size(); ++i) {
    if (!signals[i]) continue;
    const Signals& s = *signals[i];
    const Entry& entry = digest.entries[i];
    const summary::Assessment assessment = summary::assess(s, parameters);
    const json line = {
        {"path", source.path()},
        {"line", source.position(entry.heading.span.begin).line},
        {"entry", i},
        {"title", std::string(entry.title.text)},
        {"verdict", verdict_name(assessment.verdict)},
        {"confidence", assessment.confidence},
        {"band", band_name(summary::band_of(assessment, parameters))},
        {"grounding", s.grounding},
        {"terms", terms_of(s)},
        {"name_missing", s.name_missing},
        {"names", names_of(s)},
        {"key_names", s.key_names},
        {"connected_names", s.connected_names},
        {"subject_names", s.subject_names},
        {"anchored", s.anchored},
        {"boilerplate", s.boilerplate},
        {"title_fields", s.title_fields},
        {"conflicting_field", s.conflicting_field ? json(*s.conflicting_field) : json(nullptr)},
        {"rival", rival_of(s)},
        {"distinct", s.distinct},
        {"unbeaten", s.unbeaten},
        {"unglossed", s.unglossed},
        {"unrendered", s.unrendered},
        {"digest_weak", s.digest_weak},
        {"digest_summaries", s.digest_summaries},
        {"in_shifted_digest", s.in_shifted_digest},
    };
    out << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
}

}  // namespace digestlint
