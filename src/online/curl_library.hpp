#pragma once
#include <curl/curl.h>

namespace digestlint::online {

// The libcurl functions the online phase calls.
// clang-format off (it does not settle on a layout for an X-macro list)
#define DIGESTLINT_CURL_FUNCTIONS(X) \
  X(global_init)                     \
  X(easy_init)                       \
  X(easy_setopt)                     \
  X(easy_getinfo)                    \
  X(easy_strerror)                   \
  X(easy_cleanup)                    \
  X(multi_init)                      \
  X(multi_add_handle)                \
  X(multi_remove_handle)             \
  X(multi_perform)                   \
  X(multi_poll)                      \
  X(multi_info_read)                 \
  X(multi_cleanup)
// clang-format on

struct CurlLibrary {
#define DIGESTLINT_CURL_POINTER(name) decltype(&::curl_##name) name = nullptr;
  DIGESTLINT_CURL_FUNCTIONS(DIGESTLINT_CURL_POINTER)
#undef DIGESTLINT_CURL_POINTER
};

// libcurl, loaded (and initialised) on first use rather than linked: linked, it and the 30
// libraries it needs (TLS, Kerberos, LDAP, …) are mapped and relocated at every start-up, which
// was most of a one-file run's time, while only runs with online checks use it. The library is
// libcurl.so.4, or the file DIGESTLINT_LIBCURL names. Throws std::runtime_error, saying what
// failed, when it cannot be loaded.
const CurlLibrary& curl_library();

}  // namespace digestlint::online
