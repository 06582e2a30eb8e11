#pragma once
#include <memory>

#include "rules/analyzer.hpp"

namespace digestlint {

// What an analyzer that compares files keeps between the files of a run.
class RunState {
 public:
  virtual ~RunState() = default;
};

// What an analyzer that compares files works out from one file alone (see prepare()).
class PreparedFile {
 public:
  virtual ~PreparedFile() = default;
};

// Implemented besides Analyzer by analyzers that compare each file with the files before it
// (their check() does nothing). The engine calls check_next() with every file of a run in input
// order; only the state is kept between files, so a run can release each file once it was
// checked instead of holding every model until the end.
class ComparesInOrder {
 public:
  virtual ~ComparesInOrder() = default;
  virtual std::unique_ptr<RunState> start_run() const = 0;
  // The part of the work on a file that needs no other file, done on the thread that checked
  // the file (in parallel with other files) rather than in check_next(), which runs one file at
  // a time. Called concurrently for different files, so it must be thread-safe; `file.sink` is
  // null (no reports). Null: nothing prepared. A failure here is not reported: check_next(),
  // given nothing, must do the same work and so meet the same failure.
  virtual std::unique_ptr<PreparedFile> prepare(const RunFile& /*file*/) const { return nullptr; }
  // Reports land on `file` only. `prepared`: what prepare() returned for it, or null when it
  // did not run or failed (check_next() then works it out itself).
  virtual void check_next(RunState& state, const RunFile& file,
                          const PreparedFile* prepared) const = 0;
};

}  // namespace digestlint
