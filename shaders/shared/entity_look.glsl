// How an entity's visual state changes its look: overlay colour, stale grey, selection tint,
// hover, alert pulse. Evaluated once per vertex (mesh.vert).
#ifndef PT_ENTITY_LOOK_GLSL
#define PT_ENTITY_LOOK_GLSL

vec3 alertColor(uint level) {
    if (level >= 3u) return vec3(1.0, 0.08, 0.05);  // critical: red
    if (level == 2u) return vec3(1.0, 0.55, 0.0);   // warning: amber
    return vec3(0.15, 0.5, 1.0);                    // info: blue
}

// Every tint is a mix towards a colour, so the looked base colour is base * scale + offset
// (the base itself may come from a texture, per pixel).
struct EntityLook {
    float scale;
    vec3 offset;
    vec3 emissive;
};

EntityLook entityLook(EntityState s, uint entity, FrameGlobals g) {
    EntityLook look = EntityLook(1.0, vec3(0.0), vec3(0.0));
    vec4 overlay = unpackUnorm4x8(s.rgba);
    // Overlay colours are sRGB bytes; shading is linear (a cubic fit of the sRGB curve, within
    // 0.3 % of it: pow() is a log and an exp per vertex on a CPU rasteriser).
    vec3 c = overlay.rgb;
    look.scale = 1.0 - overlay.a;
    look.offset = c * (c * (c * 0.305306011 + 0.682171111) + 0.012522878) * overlay.a;
    if ((s.flags & PT_ENTITY_FLAG_STALE) != 0u) {
        look.scale = 0.0;
        look.offset = vec3(0.22);
    }
    if ((s.flags & PT_ENTITY_FLAG_SELECTED) != 0u) {
        float a = g.selectionColor.a;
        look.scale *= 1.0 - a;
        look.offset = look.offset * (1.0 - a) + g.selectionColor.rgb * a;
        look.emissive += g.selectionColor.rgb * 0.15;
    }
    if (entity != PT_NO_ENTITY && entity == g.ids.x) look.emissive += vec3(0.12, 0.14, 0.18);
    uint level = (s.flags & PT_ENTITY_ALERT_MASK) >> PT_ENTITY_ALERT_SHIFT;
    if (level > 0u) {
        // Unacknowledged alerts pulse (0.8 Hz); acknowledged ones glow steadily.
        float pulse = (s.flags & PT_ENTITY_FLAG_ALERT_UNACKNOWLEDGED) != 0u
                          ? 0.5 + 0.5 * sin(g.params.x * 5.0265)
                          : 0.35;
        look.scale *= 0.4;
        look.offset = look.offset * 0.4 + alertColor(level) * 0.6;
        look.emissive += alertColor(level) * pulse * 0.9;
    }
    return look;
}

#endif
