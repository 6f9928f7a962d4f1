#version 450
// A full-screen triangle at the far plane (reversed-Z: depth 0).
layout(location = 0) out vec2 outNdc;

void main() {
    vec2 p = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2) * 2.0 - 1.0;
    outNdc = p;
    gl_Position = vec4(p, 0.0, 1.0);
}
