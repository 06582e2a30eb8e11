#include "checks/glossary.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace digestlint::summary {
namespace {

std::vector<std::pair<std::size_t, std::string>> renderings(const Glossary& glossary,
                                                            std::string_view stem) {
  std::vector<std::pair<std::size_t, std::string>> found;
  for (const Glossary::Rendering rendering : glossary.find(stem)) {
    found.emplace_back(rendering.id, std::string(rendering.text));
  }
  return found;
}

}  // namespace

TEST_CASE("a glossary keeps each stem's renderings, with their ids, in the order given") {
  Glossary glossary;
  const std::string long_rendering(300, 'x');  // past one byte of length
  glossary.add("video", 0, "비디오");
  glossary.add("sparse", 1, "희소");
  glossary.add("video", 2, "영상");  // the same stem again, after another
  glossary.add("speech", 3, long_rendering);
  glossary.add("image", 2, "영상");  // a rendering two stems share
  glossary.build();

  using Found = std::vector<std::pair<std::size_t, std::string>>;
  CHECK(renderings(glossary, "video") == Found{{0, "비디오"}, {2, "영상"}});
  CHECK(renderings(glossary, "sparse") == Found{{1, "희소"}});
  CHECK(renderings(glossary, "speech") == Found{{3, long_rendering}});
  CHECK(renderings(glossary, "image") == Found{{2, "영상"}});
  CHECK(glossary.find("audio").empty());
  CHECK(glossary.contains("sparse"));
  CHECK_FALSE(glossary.contains("spars"));
}

TEST_CASE("an empty glossary finds nothing") {
  Glossary glossary;
  glossary.build();
  CHECK(glossary.find("video").empty());
  CHECK_FALSE(glossary.contains(""));
}

}  // namespace digestlint::summary
