#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "online/options.hpp"

namespace digestlint {

// `check`'s online options as given on the command line (--remap is parsed when the run starts).
struct OnlineCliOptions {
  online::OnlineOptions settings;
  std::vector<std::string> remaps;
};

void add_online_options(CLI::App& command, OnlineCliOptions& options);

// Installs the online session for one `check` run and, when it ends, says on stderr what the
// online phase did. Does nothing for an offline run.
class OnlineRun {
 public:
  // from_config: `online: true` in the working directory's .digestlint.yaml. Throws
  // std::invalid_argument for a bad --remap, std::runtime_error when libcurl cannot be loaded.
  OnlineRun(const OnlineCliOptions& options, bool from_config);
  ~OnlineRun();
  // Whether this run checks online (its findings then depend on more than the files).
  bool active() const { return active_; }
  OnlineRun(const OnlineRun&) = delete;
  OnlineRun& operator=(const OnlineRun&) = delete;

 private:
  bool active_ = false;
};

}  // namespace digestlint
