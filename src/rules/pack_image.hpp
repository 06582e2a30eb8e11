#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace digestlint {

// A parsed YAML document as a compact image, made at build time from the default pack so that a
// run builds its nodes directly instead of scanning the YAML: yaml-cpp's scanner costs about a
// thousand instructions a byte, which made parsing the embedded pack most of a one-file run.
// The image keeps structure, order, scalars and collection styles, not source positions: only the
// embedded pack, which the tests load from its text too, is read this way.
//
// Layout: a node is `~` (null), `"` LENGTH `:` BYTES (scalar), `[` STYLE COUNT `:` NODES
// (sequence) or `{` STYLE COUNT `:` KEY VALUE … (map), STYLE `b` (block) or `f` (flow). Keys are
// scalars: encoding a map with any other key throws std::invalid_argument.
std::string encode_yaml_image(const YAML::Node& node);
// Throws std::invalid_argument on an image encode_yaml_image did not make.
YAML::Node decode_yaml_image(std::string_view image);

}  // namespace digestlint
