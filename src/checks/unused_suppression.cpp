// digestlint/unused-suppression is reported by the engine once every other rule has run (it needs
// their findings); this analyzer only makes the rule loadable and configurable like any other.
#include "rules/analyzer.hpp"

namespace digestlint {
namespace {

class UnusedSuppression final : public Analyzer {
 public:
  void check(const CheckContext&) const override {}
};

std::unique_ptr<Analyzer> make(const RuleSpec&) {
  return std::make_unique<UnusedSuppression>();
}

}  // namespace
DIGESTLINT_REGISTER_ANALYZER("unused-suppression", false, make, {"rules"}, {Scope::document},
                             ParamNames{})
}  // namespace digestlint
