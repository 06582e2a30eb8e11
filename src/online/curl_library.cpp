#include "online/curl_library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <cstdlib>
#include <stdexcept>

namespace digestlint::online {
namespace {

constexpr const char* kDefaultName = "libcurl.so.4";

template <typename Function>
void resolve(void* handle, const char* library, const char* symbol, Function& function) {
  function = reinterpret_cast<Function>(dlsym(handle, symbol));
  if (function == nullptr) {
    throw std::runtime_error(
        fmt::format("online checks need libcurl, but {} has no {}", library, symbol));
  }
}

CurlLibrary load() {
  const char* chosen = std::getenv("DIGESTLINT_LIBCURL");
  const char* name = chosen != nullptr && *chosen != '\0' ? chosen : kDefaultName;
  void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    throw std::runtime_error(fmt::format(
        "online checks need libcurl, which could not be loaded: {} (install libcurl4, or name "
        "the library in DIGESTLINT_LIBCURL)",
        dlerror()));
  }
  CurlLibrary library;
#define DIGESTLINT_CURL_RESOLVE(function) \
  resolve(handle, name, "curl_" #function, library.function);
  DIGESTLINT_CURL_FUNCTIONS(DIGESTLINT_CURL_RESOLVE)
#undef DIGESTLINT_CURL_RESOLVE
  library.global_init(CURL_GLOBAL_DEFAULT);
  return library;  // the handle stays open for the rest of the process
}

}  // namespace

const CurlLibrary& curl_library() {
  // A failed load throws out of the initialiser, so the next call tries (and reports) again.
  static const CurlLibrary library = load();
  return library;
}

}  // namespace digestlint::online
