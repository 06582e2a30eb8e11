#include "cli/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace digestlint {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> read_stream(std::istream& in, std::size_t limit) {
  std::string bytes;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limit) return std::nullopt;
  }
  return bytes;
}

std::vector<std::string> markdown_files_under(const fs::path& directory, std::error_code& error) {
  std::vector<std::string> files;
  auto it = fs::recursive_directory_iterator(directory,
                                             fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && name.starts_with('.')) {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && it->path().extension() == ".md") {
      files.push_back(it->path().lexically_normal().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string size_text(std::size_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < (1 << 20)) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
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

Inputs read_inputs(const std::vector<std::string>& paths, const InputOptions& options) {
  Inputs inputs;
  const auto add = [&](const std::string& name, std::istream& in) {
    const auto bytes = read_stream(in, options.max_file_size);
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
      inputs.sources.push_back(std::make_shared<const SourceFile>(name, std::move(*bytes)));
    }
  };
  const auto add_file = [&](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      inputs.errors.push_back({path, 0, 0, "cannot open file (permission denied?)"});
      return;
    }
    add(path, in);
  };
  for (const std::string& path : paths) {
    std::error_code error;
    if (path == "-") {
      add(options.stdin_filename, std::cin);
    } else if (fs::is_directory(path, error)) {
      const auto files = markdown_files_under(path, error);
      if (error) {
        inputs.errors.push_back(
            {path, 0, 0, fmt::format("cannot read directory: {}", error.message())});
      } else if (files.empty()) {
        inputs.errors.push_back({path, 0, 0, "no digests (*.md files) found in this directory"});
      }
      for (const std::string& file : files) add_file(file);
    } else if (!fs::exists(path, error)) {
      inputs.errors.push_back({path, 0, 0, "no such file or directory"});
    } else {
      add_file(path);
    }
  }
  return inputs;
}

}  // namespace digestlint
