#pragma once
// The SPIR-V of every shader in shaders/, compiled by glslc at build time and embedded.
#include <cstdint>
#include <span>
#include <string_view>

namespace pt::shaders {

// SPIR-V words of the named shader (file name, e.g. "mesh.vert"). Aborts on an unknown name:
// that is a programming error, caught by the first test that draws.
std::span<const uint32_t> spirv(std::string_view name);

}  // namespace pt::shaders
