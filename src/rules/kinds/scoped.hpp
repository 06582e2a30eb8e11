#pragma once
#include "rules/analyzer.hpp"
#include "rules/scope.hpp"

namespace digestlint {

// Base for analyzers that look at each target of the rule's scopes in turn.
class ScopedAnalyzer : public Analyzer {
 public:
  explicit ScopedAnalyzer(const RuleSpec& rule) : scopes_(rule.scopes) {}

  void check(const CheckContext& context) const override {
    for (const Scope scope : scopes_) {
      for (const Target& target : targets_of(scope, context.digest, context.source)) {
        check_target(context, target);
      }
    }
  }

 protected:
  virtual void check_target(const CheckContext& context, const Target& target) const = 0;

  // Where a finding about the target as a whole goes: an entry is reported on its heading.
  static Span anchor(const Target& target) {
    return target.scope == Scope::entry ? target.entry->heading.span : target.span;
  }

 private:
  std::vector<Scope> scopes_;
};

}  // namespace digestlint
