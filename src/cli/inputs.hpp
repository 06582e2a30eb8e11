#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/source.hpp"

namespace digestlint {

// A file that could not be linted, reported on stderr and with exit code 2.
struct InputError {
  std::string path;
  int line = 0;  // 0 when the problem is not at a place in the file
  int column = 0;
  std::string message;
};

struct Inputs {
  std::vector<std::shared_ptr<const SourceFile>> sources;
  std::vector<InputError> errors;
};

struct InputOptions {
  std::string stdin_filename = "<stdin>";
  std::size_t max_file_size = 8 * 1024 * 1024;
};

// Reads the files named on the command line: `-` is stdin, directories are searched recursively
// for *.md (hidden directories skipped). Binary, oversized and unreadable files become errors.
// `jobs` threads index the texts.
Inputs read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                   unsigned jobs);

// Checks raw bytes before they become a SourceFile; empty when the text can be linted.
std::optional<InputError> reject_contents(const std::string& path, std::string_view bytes,
                                          std::size_t max_file_size);

}  // namespace digestlint
