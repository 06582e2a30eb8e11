#include "cli/inputs.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <unordered_map>

#include "model/file_bytes.hpp"
#include "model/text.hpp"
#include "rules/parallel.hpp"

namespace digestlint {
namespace fs = std::filesystem;
namespace {

struct BrokenLink {
  bool loop;  // may stand for anything, even a directory of digests
  std::string message;
};

// Why a symbolic link cannot be followed, or nothing when it can (or is not a link).
std::optional<BrokenLink> broken_link(const fs::path& path) {
  std::error_code error;
  if (!fs::is_symlink(fs::symlink_status(path, error))) return std::nullopt;
  const fs::file_status target = fs::status(path, error);
  if (error == std::errc::too_many_symbolic_link_levels)
    return BrokenLink{true, "symbolic link loop; not linted"};
  if (!fs::exists(target) || error == std::errc::no_such_file_or_directory)
    return BrokenLink{false, "broken symbolic link (its target does not exist); not linted"};
  if (error)
    return BrokenLink{false,
                      fmt::format("cannot follow symbolic link: {}; not linted", error.message())};
  return std::nullopt;
}

bool is_markdown(const fs::path& path) {
  return path.extension() == ".md";
}

// Collects *.md below a directory in sorted order. Hidden directories are skipped and links to
// directories are not followed (so there are no cycles); links that cannot be followed and
// directories that cannot be read become errors instead of silently shrinking the run.
class MarkdownWalk {
 public:
  explicit MarkdownWalk(std::vector<InputError>& errors) : errors_(errors) {}

  // The digests under the directory, sorted, each with whether it is a regular file (not a
  // link to one).
  std::vector<std::pair<std::string, bool>> files_under(const fs::path& directory) {
    walk(directory);
    std::sort(files_.begin(), files_.end());
    return std::move(files_);
  }

 private:
  void walk(const fs::path& directory) {
    std::error_code error;
    fs::directory_iterator it(directory, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) visit(*it);
    if (error) error_at(directory, fmt::format("cannot read directory: {}", error.message()));
  }

  // The entry's type as the directory listed it: asking the file system again for each file
  // was a few per cent of a warm cached run. A listing without types asks it; then a digest whose
  // type cannot be read (a directory that may be listed but not searched) is reported, as it is
  // when the listing gives its type and reading it fails.
  void visit(const fs::directory_entry& entry) {
    std::error_code error;
    const fs::path& path = entry.path();
    const bool link = entry.is_symlink(error);
    if (error) {
      if (is_markdown(path))
        error_at(path, fmt::format("cannot read file: {}; not linted", error.message()));
    } else if (link) {
      // A dangling link is only reported when it pretends to be a digest.
      const auto problem = broken_link(path);
      if (problem && (problem->loop || is_markdown(path))) error_at(path, problem->message);
      if (!problem && fs::is_regular_file(path, error) && is_markdown(path)) add(path, false);
    } else if (entry.is_directory(error)) {
      if (!path.filename().string().starts_with('.')) walk(path);
    } else if (entry.is_regular_file(error) && is_markdown(path)) {
      add(path, true);
    }
  }

  void add(const fs::path& path, bool regular) {
    files_.emplace_back(path.lexically_normal().string(), regular);
  }
  void error_at(const fs::path& path, std::string message) {
    errors_.push_back({path.lexically_normal().string(), 0, 0, std::move(message)});
  }

  std::vector<InputError>& errors_;
  std::vector<std::pair<std::string, bool>> files_;
};

std::string size_text(std::size_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < (1 << 20)) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
}

// The identity of an input: its real path, so `x.md`, `./x.md` and a link to it are one file.
std::string identity(const fs::path& path) {
  std::error_code error;
  const fs::path real = fs::canonical(path, error);
  return error ? fs::absolute(path, error).lexically_normal().string() : real.string();
}

// Identities of many files: a regular file's is its directory's and its name, the directory's
// found once for all its files (finding a real path costs a system call per path component; for
// every file that was a few per cent of a warm cached run over the shared corpus).
class Identities {
 public:
  // `regular`: the caller knows the path names a regular file, not a link (a directory's walk).
  std::string of(const std::string& path, bool regular) {
    const fs::path file(path);
    std::error_code error;
    if (!regular && fs::symlink_status(file, error).type() != fs::file_type::regular)
      return identity(file);
    const fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    auto [known, added] = directories_.try_emplace(directory.string());
    if (added) known->second = identity(directory);
    return (fs::path(known->second) / file.filename()).string();
  }

 private:
  std::unordered_map<std::string, std::string> directories_;
};

}  // namespace

std::optional<InputError> reject_contents(const std::string& path, std::string_view bytes,
                                          std::size_t max_file_size) {
  if (bytes.size() > max_file_size) {
    return InputError{path, 0, 0,
                      fmt::format("file is {}, above the {} limit (--max-file-size); not linted",
                                  size_text(bytes.size()), size_text(max_file_size))};
  }
  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    const LineStart line = line_start_of(bytes, nul);
    const int column = static_cast<int>(nul - line.start) + 1;
    return InputError{path, line.line + 1, column, "binary file (NUL byte); not linted"};
  }
  return std::nullopt;
}

std::vector<ListedInput> list_inputs(const std::vector<std::string>& paths,
                                     const InputOptions& options) {
  std::vector<ListedInput> inputs;
  std::set<std::string> seen;  // identities already listed: each file is linted once
  Identities identities;
  const auto add_error = [&](const std::string& path, std::string message) {
    inputs.push_back({path, false, InputError{path, 0, 0, std::move(message)}});
  };
  const auto add_file = [&](const std::string& path, bool regular) {
    if (seen.insert(identities.of(path, regular)).second)
      inputs.push_back({path, false, std::nullopt});
  };
  for (const std::string& path : paths) {
    std::error_code error;
    if (path == "-") {
      if (seen.insert("-").second) inputs.push_back({options.stdin_filename, true, std::nullopt});
    } else if (const auto problem = broken_link(path)) {
      add_error(path, problem->message);
    } else if (fs::is_directory(path, error)) {
      std::vector<InputError> walk_errors;
      const auto files = MarkdownWalk(walk_errors).files_under(path);
      for (InputError& walk_error : walk_errors)
        inputs.push_back({walk_error.path, false, std::move(walk_error)});
      if (files.empty() && walk_errors.empty())
        add_error(path, "no digests (*.md files) found in this directory");
      for (const auto& [file, regular] : files) add_file(file, regular);
    } else if (!fs::exists(path, error)) {
      add_error(path, "no such file or directory");
    } else {
      add_file(path, false);
    }
  }
  return inputs;
}

InputBytes read_input(const ListedInput& input, const InputOptions& options) {
  InputBytes result{input.path, {}, input.error};
  if (result.error) return result;
  const auto fail = [&](std::string message) {
    result.error = InputError{input.path, 0, 0, std::move(message)};
    return std::move(result);
  };
  FileBytes read = input.from_stdin ? read_descriptor_bytes(STDIN_FILENO, options.max_file_size)
                                    : read_file_bytes(input.path, options.max_file_size);
  if (read.over_limit) {
    return fail(fmt::format("file is above the {} limit (--max-file-size); not linted",
                            size_text(options.max_file_size)));
  }
  if (read.error != 0) {
    return fail(fmt::format("cannot read file: {}; not linted", std::strerror(read.error)));
  }
  result.error = reject_contents(input.path, read.bytes, options.max_file_size);
  if (!result.error) result.bytes = std::move(read.bytes);
  return result;
}

Inputs read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                   unsigned jobs) {
  Inputs inputs;
  std::vector<InputBytes> texts;  // in input order
  std::optional<std::size_t> stdin_text;
  for (const ListedInput& listed : list_inputs(paths, options)) {
    InputBytes read = read_input(listed, options);
    if (read.error) {
      inputs.errors.push_back(std::move(*read.error));
    } else {
      if (listed.from_stdin) stdin_text = texts.size();
      texts.push_back(std::move(read));
    }
  }
  // Indexing a text (lines, UTF-8 checks) costs more than reading it: a warm cached run is
  // mostly this, so it runs on every core.
  inputs.sources.resize(texts.size());
  parallel_for(texts.size(), jobs, [&](std::size_t i) {
    inputs.sources[i] =
        std::make_shared<const SourceFile>(std::move(texts[i].path), std::move(texts[i].bytes));
  });
  if (stdin_text) inputs.from_stdin = inputs.sources[*stdin_text];
  return inputs;
}

void print_input_error(const InputError& error) {
  if (error.line > 0) {
    std::cerr << fmt::format("{}:{}:{}: error: {}\n", error.path, error.line, error.column,
                             error.message);
  } else {
    std::cerr << fmt::format("{}: error: {}\n", error.path, error.message);
  }
}

}  // namespace digestlint
