#include "rules/pack_image.hpp"

#include <stdexcept>

namespace digestlint {
namespace {

// Collections keep their style: the docs show a rule's parameters as written (`{x: 1}`).
char style_of(const YAML::Node& node) {
  return node.Style() == YAML::EmitterStyle::Flow ? 'f' : 'b';
}

void encode(const YAML::Node& node, std::string& out) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      out += '"' + std::to_string(node.Scalar().size()) + ':' + node.Scalar();
      return;
    case YAML::NodeType::Sequence:
      out += std::string{'[', style_of(node)} + std::to_string(node.size()) + ':';
      for (const YAML::Node& item : node) encode(item, out);
      return;
    case YAML::NodeType::Map:
      out += std::string{'{', style_of(node)} + std::to_string(node.size()) + ':';
      for (const auto& item : node) {
        if (!item.first.IsScalar()) throw std::invalid_argument("a map key that is not a scalar");
        encode(item.first, out);
        encode(item.second, out);
      }
      return;
    default:
      out += '~';
  }
}

class Decoder {
 public:
  explicit Decoder(std::string_view image) : image_(image) {}

  YAML::Node document() {
    YAML::Node root(YAML::NodeType::Null);  // a node that exists, for fill() to set
    fill(root);
    if (at_ != image_.size()) fail();
    return root;
  }

 private:
  // Fills `node` in place, a node of the document: children made through their parent share
  // the document's memory, where nodes made apart and then inserted each merge theirs into it.
  void fill(YAML::Node node) {
    if (at_ >= image_.size()) fail();
    switch (image_[at_++]) {
      case '~':
        node = YAML::Node(YAML::NodeType::Null);
        return;
      case '"':
        node = scalar();
        return;
      case '[': {
        node = YAML::Node(YAML::NodeType::Sequence);
        node.SetStyle(style());
        const std::size_t size = count();
        for (std::size_t i = 0; i < size; ++i) fill(node[i]);
        return;
      }
      case '{': {
        node = YAML::Node(YAML::NodeType::Map);
        node.SetStyle(style());
        for (std::size_t n = count(); n > 0; --n) {
          if (at_ >= image_.size() || image_[at_++] != '"') fail();
          // Indexed by a key node, not its text: yaml-cpp then appends the pair, where a text key
          // is first compared with every key before it, each converted to a string.
          fill(node[YAML::Node(scalar())]);
        }
        return;
      }
      default:
        fail();
    }
  }

  std::string scalar() {
    const std::size_t length = count();
    if (length > image_.size() - at_) fail();
    at_ += length;
    return std::string(image_.substr(at_ - length, length));
  }

  YAML::EmitterStyle::value style() {
    if (at_ >= image_.size() || (image_[at_] != 'f' && image_[at_] != 'b')) fail();
    return image_[at_++] == 'f' ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block;
  }

  std::size_t count() {
    std::size_t value = 0;
    const std::size_t start = at_;
    while (at_ < image_.size() && image_[at_] >= '0' && image_[at_] <= '9')
      value = value * 10 + static_cast<std::size_t>(image_[at_++] - '0');
    if (at_ == start || at_ >= image_.size() || image_[at_++] != ':') fail();
    return value;
  }

  [[noreturn]] static void fail() { throw std::invalid_argument("not a YAML image"); }

  std::string_view image_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode_yaml_image(const YAML::Node& node) {
  std::string image;
  encode(node, image);
  return image;
}

YAML::Node decode_yaml_image(std::string_view image) {
  return Decoder(image).document();
}

}  // namespace digestlint
