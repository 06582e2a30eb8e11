// Build tool: writes the image (rules/pack_image.hpp) of a YAML rule pack.
// usage: digestlint_pack_image INPUT.yaml OUTPUT
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iostream>

#include "rules/pack_image.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: digestlint_pack_image INPUT.yaml OUTPUT\n";
    return 2;
  }
  try {
    const std::string image = digestlint::encode_yaml_image(YAML::LoadFile(argv[1]));
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out << image;
    if (!out.flush()) {
      std::cerr << argv[2] << ": error: cannot write the image\n";
      return 1;
    }
  } catch (const std::invalid_argument& error) {
    std::cerr << argv[1] << ": error: " << error.what() << "\n";
    return 1;
  } catch (const YAML::Exception& error) {
    std::cerr << argv[1] << ":" << error.mark.line + 1 << ":" << error.mark.column + 1
              << ": error: " << error.msg << "\n";
    return 1;
  }
  return 0;
}
