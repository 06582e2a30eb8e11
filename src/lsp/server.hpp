#pragma once
#include "rules/catalog.hpp"

namespace digestlint {

// `digestlint lsp`: serves the Language Server Protocol on stdin/stdout until the client sends
// exit (or closes stdin). Returns 0 after a clean shutdown, 1 otherwise.
int run_lsp(const RuleOptions& rules);

}  // namespace digestlint
