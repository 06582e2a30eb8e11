#pragma once
// The summary rules' signals for every entry, as JSON Lines (`digestlint signals`): what a team
// needs to re-score its own labelled digests under other weights and bands without rebuilding
// the tool (docs/summary-quality.md, "Tuning the bands").
#include <optional>
#include <ostream>
#include <vector>

#include "checks/summary_verdict.hpp"
#include "model/digest.hpp"
#include "model/source.hpp"

namespace digestlint {

// One line per entry that has a summary, in entry order.
void write_summary_signals(std::ostream& out, const SourceFile& source, const Digest& digest,
                           const std::vector<std::optional<summary::Signals>>& signals,
                           const summary::Parameters& parameters);

}  // namespace digestlint
