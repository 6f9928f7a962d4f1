#include "twin/drone_tracks.h"

#include <algorithm>
#include <cmath>

namespace pt::twin {
namespace {

float wrap360(float deg) {
    float d = std::fmod(deg, 360.0f);
    if (d < 0.0f) d += 360.0f;
    return d >= 360.0f ? 0.0f : d;
}

// Catmull-Rom style velocity at sample i (finite difference over its neighbours), m/ms.
glm::vec3 velocityAt(const std::deque<PoseSample>& s, size_t i) {
    const size_t lo = i > 0 ? i - 1 : i;
    const size_t hi = i + 1 < s.size() ? i + 1 : i;
    if (lo == hi) return glm::vec3(0.0f);
    return (s[hi].position - s[lo].position) / float(s[hi].tsMs - s[lo].tsMs);
}

// Fritsch-Carlson style limiter for one axis of one segment: a tangent against the segment's
// direction, or on a flat segment, is zeroed; one steeper than 3x the chord slope is clamped.
// This keeps the cubic monotone, so it stays between the two samples.
float limitTangent(float tangent, float chordSlope) {
    if (chordSlope == 0.0f || tangent * chordSlope <= 0.0f) return 0.0f;
    const float bound = 3.0f * std::abs(chordSlope);
    return std::clamp(tangent, -bound, bound);
}

}  // namespace

float headingDelta(float aDeg, float bDeg) {
    float d = std::fmod(bDeg - aDeg, 360.0f);
    if (d <= -180.0f) d += 360.0f;
    if (d > 180.0f) d -= 360.0f;
    return d;
}

bool DroneTrack::addSample(const PoseSample& sample) {
    if (!m_samples.empty() && sample.tsMs <= m_samples.back().tsMs) return false;
    m_samples.push_back(sample);
    // Keep what the trail and the interpolation can still reach, plus one sample before it
    // (the Catmull-Rom neighbour).
    const int64_t keepFrom = sample.tsMs - m_options.interpolationDelayMs - m_options.trailMs;
    while (m_samples.size() > 2 && m_samples[1].tsMs < keepFrom)
        m_samples.pop_front();
    while (m_samples.size() > m_options.maxSamples)
        m_samples.pop_front();
    return true;
}

glm::vec3 DroneTrack::positionAt(int64_t t) const {
    const auto& s = m_samples;
    if (t <= s.front().tsMs) return s.front().position;
    if (t >= s.back().tsMs) return s.back().position;
    // First sample after t; the segment is [i - 1, i].
    const size_t i =
        size_t(std::upper_bound(s.begin(), s.end(), t,
                                [](int64_t v, const PoseSample& p) { return v < p.tsMs; }) -
               s.begin());
    const PoseSample& a = s[i - 1];
    const PoseSample& b = s[i];
    const float dt = float(b.tsMs - a.tsMs);
    const float u = float(t - a.tsMs) / dt;
    const glm::vec3 va = velocityAt(s, i - 1), vb = velocityAt(s, i);
    const float h00 = 2 * u * u * u - 3 * u * u + 1, h10 = u * u * u - 2 * u * u + u;
    const float h01 = -2 * u * u * u + 3 * u * u, h11 = u * u * u - u * u;
    glm::vec3 p;
    for (int k = 0; k < 3; ++k) {
        const float chord = (b.position[k] - a.position[k]) / dt;
        const float ma = limitTangent(va[k], chord) * dt;
        const float mb = limitTangent(vb[k], chord) * dt;
        p[k] = h00 * a.position[k] + h10 * ma + h01 * b.position[k] + h11 * mb;
    }
    return p;
}

float DroneTrack::headingAt(int64_t t) const {
    const auto& s = m_samples;
    if (t <= s.front().tsMs) return wrap360(s.front().headingDeg);
    if (t >= s.back().tsMs) return wrap360(s.back().headingDeg);
    size_t i = 1;
    while (s[i].tsMs <= t)
        ++i;
    const PoseSample& a = s[i - 1];
    const PoseSample& b = s[i];
    const float u = float(t - a.tsMs) / float(b.tsMs - a.tsMs);
    return wrap360(a.headingDeg + u * headingDelta(a.headingDeg, b.headingDeg));
}

std::optional<DronePose> DroneTrack::poseAt(int64_t nowMs) const {
    if (m_samples.empty()) return std::nullopt;
    const int64_t t = nowMs - m_options.interpolationDelayMs;
    const PoseSample& last = m_samples.back();
    DronePose pose;
    if (t <= last.tsMs) {
        pose.position = positionAt(t);
        pose.headingDeg = headingAt(t);
        return pose;
    }
    pose.extrapolated = true;
    pose.stale = t - last.tsMs > m_options.maxExtrapolationMs;
    const int64_t ahead = std::min(t - last.tsMs, m_options.maxExtrapolationMs);
    glm::vec3 velocity(0.0f);
    if (m_samples.size() >= 2) {
        const PoseSample& prev = m_samples[m_samples.size() - 2];
        velocity = (last.position - prev.position) / float(last.tsMs - prev.tsMs);
    }
    pose.position = last.position + velocity * float(ahead);
    pose.headingDeg = wrap360(last.headingDeg);
    return pose;
}

std::vector<glm::vec3> DroneTrack::trail(int64_t nowMs) const {
    std::vector<glm::vec3> out;
    const auto current = poseAt(nowMs);
    if (!current) return out;
    const int64_t end = std::min(nowMs - m_options.interpolationDelayMs, m_samples.back().tsMs);
    const int64_t start = std::max(end - m_options.trailMs, m_samples.front().tsMs);
    const int64_t step = std::max<int64_t>(m_options.trailStepMs, 1);
    size_t next = 0;  // next sample to insert at its exact time, so corners are kept
    for (int64_t t = start; t < end; t += step) {
        const int64_t stepEnd = std::min(t + step, end);
        out.push_back(positionAt(t));
        while (next < m_samples.size() && m_samples[next].tsMs <= t)
            ++next;
        while (next < m_samples.size() && m_samples[next].tsMs < stepEnd)
            out.push_back(m_samples[next++].position);
    }
    if (end >= start) out.push_back(positionAt(end));
    if (current->extrapolated) out.push_back(current->position);
    return out;
}

bool DroneTracks::addSample(std::string_view droneId, const PoseSample& sample) {
    auto it = m_tracks.find(droneId);
    if (it == m_tracks.end())
        it = m_tracks.emplace(std::string(droneId), DroneTrack(m_options)).first;
    return it->second.addSample(sample);
}

const DroneTrack* DroneTracks::find(std::string_view droneId) const {
    const auto it = m_tracks.find(droneId);
    return it == m_tracks.end() ? nullptr : &it->second;
}

int DroneTracks::update(const park::Portfolio& portfolio, const data::TelemetryStore& store) {
    int added = 0;
    for (park::EntityIndex e : portfolio.ofKind(park::EntityKind::Device)) {
        if (portfolio.device(e).kind != park::DeviceKind::Drone) continue;
        const std::string& id = portfolio.entity(e).id;
        const data::EntityKey key = store.find(id);
        if (key == data::kNoEntity) continue;
        const auto v = store.latest(key, data::Channel::Pose);
        const data::Pose* pose = v ? std::get_if<data::Pose>(&v->value) : nullptr;
        if (!pose) continue;
        const park::EntityIndex parkIndex = portfolio.ancestorOfKind(e, park::EntityKind::Park);
        const glm::vec3 origin = portfolio.park(parkIndex).scenePosition;
        const PoseSample sample{
            .tsMs = v->tsMs,
            // Poses are z-up with north +y; the model is y-up with north -Z.
            .position = origin + glm::vec3(float(pose->x), float(pose->z), -float(pose->y)),
            .headingDeg = float(pose->heading)};
        added += addSample(id, sample) ? 1 : 0;
    }
    return added;
}

}  // namespace pt::twin
