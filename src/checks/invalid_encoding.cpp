// structure/invalid-encoding: bytes that are not UTF-8. The reader replaced them one for one, so
// the rest of the file is still linted and every finding keeps its place.
#include <fmt/format.h>

#include "rules/analyzer.hpp"
#include "rules/params.hpp"

namespace digestlint {
namespace {

class InvalidEncoding final : public Analyzer {
 public:
  explicit InvalidEncoding(const RuleSpec& rule)
      : max_reports_(static_cast<std::size_t>(Params(rule).number("max-reports", 20))) {}

  void check(const CheckContext& context) const override {
    const auto& errors = context.source.encoding_errors();
    for (std::size_t i = 0; i < errors.size() && i < max_reports_; ++i) {
      const bool last_shown = i + 1 == max_reports_ && errors.size() > max_reports_;
      context.sink.report(
          {errors[i].offset, errors[i].offset + errors[i].length},
          {{"bytes", std::to_string(errors[i].length)},
           {"more", last_shown ? fmt::format(" ({} more not shown)", errors.size() - max_reports_)
                               : std::string()}});
    }
  }

 private:
  std::size_t max_reports_;
};

std::unique_ptr<Analyzer> make(const RuleSpec& rule) {
  return std::make_unique<InvalidEncoding>(rule);
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("invalid-encoding", false, make, {"bytes", "more"}, {Scope::document},
                             ParamNames{"max-reports"})
}  // namespace digestlint
