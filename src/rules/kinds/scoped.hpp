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
      std::vector<Target> own;
      const std::vector<Target>& targets =
          context.targets ? context.targets->of(scope)
                          : (own = targets_of(scope, context.digest, context.source));
      for (const Target& target : targets) check_target(context, target);
    }
  }

 protected:
  virtual void check_target(const CheckContext& context, const Target& target) const = 0;

  // Where a finding about the target as a whole goes: an entry is reported on its heading, the
  // document on its first line.
  static Span anchor(const Target& target) {
    if (target.scope == Scope::entry) return target.entry->heading.span;
    if (target.scope == Scope::document) {
      const std::size_t line_end = target.text.find_first_of("\r\n");
      return target.to_source(0, line_end == std::string::npos ? target.text.size() : line_end);
    }
    return target.span;
  }

 private:
  std::vector<Scope> scopes_;
};

}  // namespace digestlint
