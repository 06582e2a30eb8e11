#pragma once
#include <memory>

#include "rules/analyzer.hpp"

namespace digestlint {

// What an analyzer that compares files keeps between the files of a run.
class RunState {
 public:
  virtual ~RunState() = default;
};

// Implemented besides Analyzer by analyzers that compare each file with the files before it
// (their check() does nothing). The engine calls check_next() with every file of a run in input
// order; only the state is kept between files, so a run can release each file once it was
// checked instead of holding every model until the end.
class ComparesInOrder {
 public:
  virtual ~ComparesInOrder() = default;
  virtual std::unique_ptr<RunState> start_run() const = 0;
  // Reports land on `file` only.
  virtual void check_next(RunState& state, const RunFile& file) const = 0;
};

}  // namespace digestlint
