#version 450
// Dear ImGui vertices: screen-space position, uv, packed sRGB colour.
layout(push_constant) uniform Push { vec2 scale; vec2 translate; } push;

layout(location = 0) in vec2 inPosition;
layout(location = 1) in vec2 inUv;
layout(location = 2) in vec4 inColor;

layout(location = 0) out vec2 outUv;
layout(location = 1) out vec4 outColor;

vec3 srgbToLinear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(0.04045, c));
}

void main() {
    outUv = inUv;
    // ImGui colours are sRGB; the target is an sRGB image that encodes on write, so decode here.
    outColor = vec4(srgbToLinear(inColor.rgb), inColor.a);
    gl_Position = vec4(inPosition * push.scale + push.translate, 0.0, 1.0);
}
