#include "lsp/uri.hpp"

#include <doctest/doctest.h>

using namespace digestlint::lsp;

TEST_CASE("file URIs and paths") {
  CHECK(uri_to_path("file:///home/a/b%20c.md") == "/home/a/b c.md");
  CHECK(uri_to_path("file://localhost/tmp/x.md") == "/tmp/x.md");
  CHECK(uri_to_path("FILE:///tmp/%ED%95%9C.md") == "/tmp/한.md");
  CHECK(uri_to_path("file:///tmp/100%.md") == "/tmp/100%.md");
  CHECK_FALSE(uri_to_path("untitled:Untitled-1").has_value());
  CHECK_FALSE(uri_to_path("file:").has_value());
  CHECK(path_to_uri("/tmp/a b/한.md") == "file:///tmp/a%20b/%ED%95%9C.md");
  CHECK(uri_to_path(path_to_uri("/x/y#z?.md")) == "/x/y#z?.md");
}
