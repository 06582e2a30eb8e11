#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/source.hpp"
#include "report/report.hpp"

namespace digestlint {

struct Inputs {
  std::vector<std::shared_ptr<const SourceFile>> sources;
  std::vector<InputError> errors;
  // The one of `sources` read from stdin, if any: its path is --stdin-filename, which a file
  // may also have.
  std::shared_ptr<const SourceFile> from_stdin;
};

struct InputOptions {
  std::string stdin_filename = "<stdin>";
  std::size_t max_file_size = 8 * 1024 * 1024;
};

// One input of a run, listed before any file is read: a file to read, or why a path names none.
struct ListedInput {
  std::string path;  // as reported; for stdin, InputOptions::stdin_filename
  bool from_stdin = false;
  std::optional<InputError> error;
};

// A listed file's bytes, or why it cannot be linted.
struct InputBytes {
  std::string path;
  std::string bytes;
  std::optional<InputError> error;
};

// The inputs named on the command line, in order and each file once: `-` is stdin, directories
// are searched recursively for *.md (hidden directories skipped); read_input() reads each.
std::vector<ListedInput> list_inputs(const std::vector<std::string>& paths,
                                     const InputOptions& options);
// Binary, oversized and unreadable files become errors.
InputBytes read_input(const ListedInput& input, const InputOptions& options);

// Reads the files named on the command line: `-` is stdin, directories are searched recursively
// for *.md (hidden directories skipped). Binary, oversized and unreadable files become errors.
// `jobs` threads index the texts.
Inputs read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                   unsigned jobs);

// `path:line:column: error: message` (or `path: error: message`) on stderr.
void print_input_error(const InputError& error);

// Checks raw bytes before they become a SourceFile; empty when the text can be linted.
std::optional<InputError> reject_contents(const std::string& path, std::string_view bytes,
                                          std::size_t max_file_size);

}  // namespace digestlint
