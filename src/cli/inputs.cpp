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
std::string identity(const std::string& path) {
  std::error_code error;
  const fs::path real = fs::canonical(path, error);
  return error ? fs::absolute(path, error).lexically_normal().string() : real.string();
}

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

Inputs read_inputs(const std::vector<std::string>& paths, const InputOptions& options,
                   unsigned jobs) {
  Inputs inputs;
  std::set<std::string> seen;  // identities already read: each file is linted once
  std::vector<std::pair<std::string, std::string>> texts;  // name and bytes, in input order
  const auto add = [&](const std::string& name, std::istream& in) {
    auto bytes = read_stream(in, options.max_file_size);
    if (!bytes) {
      inputs.errors.push_back(
          {name, 0, 0,
           fmt::format("file is above the {} limit (--max-file-size); not linted",
                       size_text(options.max_file_size))});
    } else if (in.bad()) {
      inputs.errors.push_back({name, 0, 0, "read error; not linted"});
    } else if (auto error = reject_contents(name, *bytes, options.max_file_size)) {
      inputs.errors.push_back(std::move(*error));
    } else {
      texts.emplace_back(name, std::move(*bytes));
    }
  };
  const auto add_file = [&](const std::string& path) {
    if (!seen.insert(identity(path)).second) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      inputs.errors.push_back(
          {path, 0, 0, fmt::format("cannot open file: {}", std::strerror(errno))});
      return;
    }
    add(path, in);
  };
  for (const std::string& path : paths) {
    std::error_code error;
    if (path == "-") {
      if (seen.insert("-").second) add(options.stdin_filename, std::cin);
    } else if (const auto problem = broken_link(path)) {
      inputs.errors.push_back({path, 0, 0, problem->message});
    } else if (fs::is_directory(path, error)) {
      const std::size_t errors_before = inputs.errors.size();
      const auto files = MarkdownWalk(inputs.errors).files_under(path);
      if (files.empty() && inputs.errors.size() == errors_before) {
        inputs.errors.push_back({path, 0, 0, "no digests (*.md files) found in this directory"});
      }
      for (const std::string& file : files) add_file(file);
    } else if (!fs::exists(path, error)) {
      inputs.errors.push_back({path, 0, 0, "no such file or directory"});
    } else {
      add_file(path);
    }
  }
  // Indexing a text (lines, UTF-8 checks) costs more than reading it: a warm cached run is
  // mostly this, so it runs on every core.
  inputs.sources.resize(texts.size());
  parallel_for(texts.size(), jobs, [&](std::size_t i) {
    auto& [name, bytes] = texts[i];
    inputs.sources[i] = std::make_shared<const SourceFile>(std::move(name), std::move(bytes));
  });
  return inputs;
}

}  // namespace digestlint
