// How an entity's visual state changes its look: overlay colour, stale grey, selection tint,
// hover, alert pulse. Shared by the scene shaders.
#ifndef PT_ENTITY_LOOK_GLSL
#define PT_ENTITY_LOOK_GLSL

vec3 alertColor(uint level) {
    if (level >= 3u) return vec3(1.0, 0.08, 0.05);  // critical: red
    if (level == 2u) return vec3(1.0, 0.55, 0.0);   // warning: amber
    return vec3(0.15, 0.5, 1.0);                    // info: blue
}

// Returns the base colour to light, and adds self-illumination to `emissive`.
vec3 applyEntityLook(vec3 base, EntityState s, uint entity, FrameGlobals g, inout vec3 emissive) {
    vec4 overlay = unpackUnorm4x8(s.rgba);
    // Overlay colours are sRGB bytes; shading is linear.
    vec3 overlayLinear = pow(overlay.rgb, vec3(2.2));
    base = mix(base, overlayLinear, overlay.a);
    if ((s.flags & PT_ENTITY_FLAG_STALE) != 0u) base = vec3(0.22);
    if ((s.flags & PT_ENTITY_FLAG_SELECTED) != 0u) {
        base = mix(base, g.selectionColor.rgb, g.selectionColor.a);
        emissive += g.selectionColor.rgb * 0.15;
    }
    if (entity != PT_NO_ENTITY && entity == g.ids.x) emissive += vec3(0.12, 0.14, 0.18);  // hover
    uint level = (s.flags & PT_ENTITY_ALERT_MASK) >> PT_ENTITY_ALERT_SHIFT;
    if (level > 0u) {
        // Unacknowledged alerts pulse (0.8 Hz); acknowledged ones glow steadily.
        float pulse = (s.flags & PT_ENTITY_FLAG_ALERT_UNACKNOWLEDGED) != 0u
                          ? 0.5 + 0.5 * sin(g.params.x * 5.0265)
                          : 0.35;
        base = mix(base, alertColor(level), 0.6);
        emissive += alertColor(level) * pulse * 0.9;
    }
    return base;
}

#endif
