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
    YAML::Node root = node();
    if (at_ != image_.size()) fail();
    return root;
  }

 private:
  YAML::Node node() {
    if (at_ >= image_.size()) fail();
    switch (image_[at_++]) {
      case '~':
        return YAML::Node(YAML::NodeType::Null);
      case '"': {
        const std::size_t length = count();
        if (length > image_.size() - at_) fail();
        YAML::Node scalar(std::string(image_.substr(at_, length)));
        at_ += length;
        return scalar;
      }
      case '[': {
        YAML::Node sequence(YAML::NodeType::Sequence);
        sequence.SetStyle(style());
        for (std::size_t n = count(); n > 0; --n) sequence.push_back(node());
        return sequence;
      }
      case '{': {
        YAML::Node map(YAML::NodeType::Map);
        map.SetStyle(style());
        for (std::size_t n = count(); n > 0; --n) {
          YAML::Node key = node();
          map.force_insert(key, node());  // keys were unique when the image was made
        }
        return map;
      }
      default:
        fail();
    }
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
