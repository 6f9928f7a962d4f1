#pragma once
// Dense ids for entity id strings, shared by source threads (which intern while parsing) and the
// Ingestor on the main thread (which maps each id to a store key once). Interning turns the
// per-value work on the main thread into an array lookup instead of hashing a string.
// Bounded: past `capacity` distinct ids intern() says kNoId and callers fall back to plain
// string samples, so a stream of made-up ids cannot grow it without limit.
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pt::data {

// Heterogeneous hashing, so a std::string-keyed map can be searched with a string_view.
struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using InternId = uint32_t;
inline constexpr InternId kNoId = std::numeric_limits<InternId>::max();

// Thread-safe (one mutex; callers keep their own cache so that they take it once per new id).
class EntityInterner {
public:
    explicit EntityInterner(size_t capacity = 1u << 18) : m_capacity(capacity) {}

    // The id of `entity` (assigned on first sight), or kNoId when the table is full.
    InternId intern(std::string_view entity);
    // The string of an id returned by intern(); the view stays valid for the interner's lifetime.
    std::string_view name(InternId id) const;
    size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::deque<std::string> m_names;  // a deque never moves its elements: views stay valid
    std::unordered_map<std::string_view, InternId, StringHash, std::equal_to<>> m_ids;
    size_t m_capacity;
};

}  // namespace pt::data
