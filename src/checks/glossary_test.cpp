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
  CHECK(glossary.find("spars").empty());  // a stem is looked up whole
}

TEST_CASE("a rendering is probed at its byte rarest among all the glossary's renderings") {
  Glossary glossary;
  glossary.add("attention", 0, "어텐션");  // 어 is EC 96 B4, 텐 ED 85 90, 션 EC 85 98
  glossary.add("retention", 1, "유지");
  glossary.add("tension", 2, "텐션");
  glossary.build();
  const Glossary::Rendering attention = *glossary.find("attention").begin();
  // EC, 85 and ED are in more than one rendering; 96 and B4 of 어 only in this one: the first.
  CHECK(attention.probe == 1);
  CHECK(attention.text.substr(attention.probe, 1) == "\x96");
}

TEST_CASE("an empty glossary finds nothing") {
  Glossary glossary;
  glossary.build();
  CHECK(glossary.find("video").empty());
  CHECK(glossary.find("").empty());
}

}  // namespace digestlint::summary
