#include "cli/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "rules/parallel.hpp"

namespace digestlint {
namespace fs = std::filesystem;
namespace {

// A regular file is read at once into a string of its size, so its bytes are copied once; then,
// and for a pipe (which cannot seek), in chunks until the end.
std::optional<std::string> read_stream(std::istream& in, std::size_t limit) {
  std::string bytes;
  if (in.seekg(0, std::ios::end)) {
    const std::streamoff size = in.tellg();
    in.seekg(0);
    if (size < 0 || static_cast<std::size_t>(size) > limit) return std::nullopt;
    bytes.resize(static_cast<std::size_t>(size));
    in.read(bytes.data(), size);
    bytes.resize(static_cast<std::size_t>(in.gcount()));
  }
  in.clear(in.rdstate() & std::ios::badbit);
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limit) return std::nullopt;
  }
  return bytes;
}

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

  std::vector<std::string> files_under(const fs::path& directory) {
    walk(directory);
    std::sort(files_.begin(), files_.end());
    return std::move(files_);
  }

 private:
  void walk(const fs::path& directory) {
    std::error_code error;
    fs::directory_iterator it(directory, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) visit(it->path());
    if (error) error_at(directory, fmt::format("cannot read directory: {}", error.message()));
  }

  void visit(const fs::path& path) {
    std::error_code error;
    const fs::file_status own = fs::symlink_status(path, error);
    if (fs::is_symlink(own)) {
      // A dangling link is only reported when it pretends to be a digest.
      const auto problem = broken_link(path);
      if (problem && (problem->loop || is_markdown(path))) error_at(path, problem->message);
      if (!problem && fs::is_regular_file(path, error) && is_markdown(path)) add(path);
    } else if (fs::is_directory(own)) {
      if (!path.filename().string().starts_with('.')) walk(path);
    } else if (fs::is_regular_file(own) && is_markdown(path)) {
      add(path);
    }
  }

  void add(const fs::path& path) { files_.push_back(path.lexically_normal().string()); }
  void error_at(const fs::path& path, std::string message) {
    errors_.push_back({path.lexically_normal().string(), 0, 0, std::move(message)});
  }

  std::vector<InputError>& errors_;
  std::vector<std::string> files_;
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
  std::string of(const std::string& path) {
    const fs::path file(path);
    std::error_code error;
    if (fs::symlink_status(file, error).type() != fs::file_type::regular) return identity(file);
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
    const std::string_view before = bytes.substr(0, nul);
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const auto line_start = before.rfind('\n');
    const int column =
        static_cast<int>(nul - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    return InputError{path, line, column, "binary file (NUL byte); not linted"};
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
  const auto add_file = [&](const std::string& path) {
    if (seen.insert(identities.of(path)).second) inputs.push_back({path, false, std::nullopt});
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
      for (const std::string& file : files) add_file(file);
    } else if (!fs::exists(path, error)) {
      add_error(path, "no such file or directory");
    } else {
      add_file(path);
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
  std::ifstream file;
  if (!input.from_stdin) {
    file.open(input.path, std::ios::binary);
    if (!file) return fail(fmt::format("cannot open file: {}", std::strerror(errno)));
  }
  std::istream& in = input.from_stdin ? std::cin : file;
  auto bytes = read_stream(in, options.max_file_size);
  if (!bytes) {
    return fail(fmt::format("file is above the {} limit (--max-file-size); not linted",
                            size_text(options.max_file_size)));
  }
  if (in.bad()) return fail("read error; not linted");
  result.error = reject_contents(input.path, *bytes, options.max_file_size);
  if (!result.error) result.bytes = std::move(*bytes);
  return result;
}

Inputs read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                   unsigned jobs) {
  Inputs inputs;
  std::vector<InputBytes> texts;  // in input order
  for (const ListedInput& listed : list_inputs(paths, options)) {
    InputBytes read = read_input(listed, options);
    if (read.error) {
      inputs.errors.push_back(std::move(*read.error));
    } else {
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
