#include "cache/result_cache.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "model/file_bytes.hpp"

namespace digestlint {
namespace fs = std::filesystem;

namespace {

// An entry's first bytes; the last is the layout's version, bumped whenever the layout changes
// so that older entries become misses (the first layout, MessagePack through a JSON tree, began
// otherwise). A warm run does little but load entries: decoding that tree was a third of it.
constexpr std::string_view kMagic = "DLc\x03";

// Appends an entry's fields: integers little-endian, strings and lists after their 32-bit size.
class EntryWriter {
 public:
  void bytes(std::string_view text) { out_ += text; }
  void u8(std::uint8_t value) { out_ += static_cast<char>(value); }
  void u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>(value >> (8 * i) & 0xFF);
  }
  void u32(std::size_t value) {
    if (value > 0xFFFFFFFF) throw std::length_error("a cache entry field over 4 GiB");
    for (int i = 0; i < 4; ++i) out_ += static_cast<char>(value >> (8 * i) & 0xFF);
  }
  void string(std::string_view text) {
    u32(text.size());
    out_ += text;
  }
  void span(Span span) {
    u64(span.begin);
    u64(span.end);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what EntryWriter wrote; any field that runs past the end throws, which makes the entry a
// miss (a truncated or foreign file).
class EntryReader {
 public:
  explicit EntryReader(std::string_view in) : in_(in) {}
  std::string_view bytes(std::size_t count) {
    if (count > in_.size()) throw std::out_of_range("truncated cache entry");
    const std::string_view out = in_.substr(0, count);
    in_.remove_prefix(count);
    return out;
  }
  std::uint8_t u8() { return static_cast<std::uint8_t>(bytes(1)[0]); }
  std::uint64_t u64() { return little_endian(bytes(8)); }
  std::size_t u32() { return static_cast<std::size_t>(little_endian(bytes(4))); }
  std::string string() { return std::string(bytes(u32())); }
  Span span() {
    const std::uint64_t begin = u64();
    return Span{static_cast<std::size_t>(begin), static_cast<std::size_t>(u64())};
  }
  bool done() const { return in_.empty(); }

 private:
  static std::uint64_t little_endian(std::string_view field) {
    std::uint64_t value = 0;
    for (std::size_t i = field.size(); i-- > 0;)
      value = value << 8 | static_cast<unsigned char>(field[i]);
    return value;
  }
  std::string_view in_;
};

void write_finding(EntryWriter& out, const Finding& finding) {
  out.string(finding.rule_id);
  out.u8(static_cast<std::uint8_t>(finding.severity));
  out.string(finding.message);
  out.string(finding.hint);
  out.span(finding.span);
  out.u32(finding.related.size());
  for (const RelatedLocation& location : finding.related) {
    out.string(location.path);
    out.span(location.span);
    out.string(location.message);
  }
  out.u8(finding.fix.has_value());
  if (finding.fix) {
    out.span(finding.fix->span);
    out.string(finding.fix->replacement);
    out.u8(finding.fix->safe);
    out.string(finding.fix->description);
  }
  out.u8(finding.confidence.has_value());
  if (finding.confidence) out.u64(std::bit_cast<std::uint64_t>(*finding.confidence));
}

// The bytes of a finding with every field empty: the least one takes in an entry.
std::size_t smallest_finding_bytes() {
  static const std::size_t size = [] {
    EntryWriter out;
    write_finding(out, Finding{});
    return out.take().size();
  }();
  return size;
}

Finding read_finding(EntryReader& in) {
  Finding finding;
  finding.rule_id = in.string();
  const std::uint8_t severity = in.u8();
  if (severity > static_cast<int>(Severity::error)) throw std::out_of_range("severity");
  finding.severity = static_cast<Severity>(severity);
  finding.message = in.string();
  finding.hint = in.string();
  finding.span = in.span();
  for (std::size_t related = in.u32(); related > 0; --related) {
    RelatedLocation location;
    location.path = in.string();
    location.span = in.span();
    location.message = in.string();
    finding.related.push_back(std::move(location));
  }
  if (in.u8() != 0) {
    Fix fix;
    fix.span = in.span();
    fix.replacement = in.string();
    fix.safe = in.u8() != 0;
    fix.description = in.string();
    finding.fix = std::move(fix);
  }
  if (in.u8() != 0) finding.confidence = std::bit_cast<double>(in.u64());
  return finding;
}

// Unique among processes (pid) and threads, so concurrent writers never share a temporary file.
std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return fmt::format("{}.{}.{}.{}.tmp", path, getpid(),
                     std::hash<std::thread::id>{}(std::this_thread::get_id()), counter++);
}

bool write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  return static_cast<bool>(out);
}

}  // namespace

std::string ResultCache::entry_path(const ContentHash& key) const {
  const std::string name = key.hex();
  return fmt::format("{}/results/{}/{}", directory_, name.substr(0, 2), name.substr(2));
}

std::optional<CachedFile> ResultCache::load(const ContentHash& key) const {
  // Entries hold at most 10,000 findings (cached_lint.cpp), a few MiB: a bigger file is no entry.
  const FileBytes bytes = read_file_bytes(entry_path(key), std::size_t{1} << 30);
  if (!bytes.read()) return std::nullopt;
  try {
    EntryReader in(bytes.bytes);
    if (in.bytes(kMagic.size()) != kMagic || in.u64() != key.high || in.u64() != key.low)
      return std::nullopt;
    CachedFile cached;
    cached.skipped = in.string();
    cached.profile = in.string();
    cached.profile_reason = in.string();
    cached.valid_utf8 = in.u8() != 0;
    const std::size_t count = in.u32();
    // A corrupt count must not reserve more than the entry's bytes can hold.
    cached.findings.reserve(std::min(count, bytes.bytes.size() / smallest_finding_bytes()));
    for (std::size_t i = 0; i < count; ++i) cached.findings.push_back(read_finding(in));
    if (!in.done()) return std::nullopt;
    return cached;
  } catch (const std::exception&) {
    return std::nullopt;  // truncated or foreign bytes: lint the file again
  }
}

void ResultCache::store(const ContentHash& key, const CachedFile& cached) const {
  EntryWriter out;
  out.bytes(kMagic);
  out.u64(key.high);
  out.u64(key.low);
  out.string(cached.skipped);
  out.string(cached.profile);
  out.string(cached.profile_reason);
  out.u8(cached.valid_utf8);
  out.u32(cached.findings.size());
  for (const Finding& finding : cached.findings) write_finding(out, finding);
  const std::string path = entry_path(key);
  std::error_code error;
  fs::create_directories(fs::path(path).parent_path(), error);
  if (error) {
    warn_once(error.message());
    return;
  }
  mark_directory();
  const std::string temporary = temporary_name(path);
  if (!write_file(temporary, out.take()) || std::rename(temporary.c_str(), path.c_str()) != 0) {
    warn_once(std::strerror(errno));
    fs::remove(temporary, error);
  }
}

void ResultCache::warn_once(const std::string& reason) const {
  if (warned_.exchange(true)) return;
  std::cerr << fmt::format(
      "{}: warning: cannot write the result cache ({}); this run's results are not cached "
      "(--cache-dir DIR to use another directory, --no-cache to turn it off)\n",
      directory_, reason);
}

// Tells backup tools (CACHEDIR.TAG) and git (.gitignore) that the directory is disposable.
void ResultCache::mark_directory() const {
  const std::string tag = directory_ + "/CACHEDIR.TAG";
  if (fs::exists(tag)) return;
  std::ofstream(directory_ + "/.gitignore") << "# Created by digestlint.\n*\n";
  std::ofstream(tag) << "Signature: 8a477f597d28d172789f06886806bc55\n"
                        "# This file is a cache directory tag created by digestlint.\n";
}

}  // namespace digestlint
