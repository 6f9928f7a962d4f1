#pragma once
// Internal to the manifest reader: typed access to the fields of one JSON object that records
// every problem (with its JSON path) instead of stopping at the first, so a user sees all
// mistakes in a manifest at once.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <nlohmann/json.hpp>

namespace pt::park::detail {

// Collects error lines "<file>: <path>: <problem>".
class ErrorList {
public:
    explicit ErrorList(std::string file) : m_file(std::move(file)) {}
    void add(std::string_view path, std::string_view problem);
    bool empty() const { return m_lines.empty(); }
    const std::vector<std::string>& lines() const { return m_lines; }

private:
    std::string m_file;
    std::vector<std::string> m_lines;
};

// One JSON object at `path`. Each getter records a problem and returns nullopt (or the default)
// when the field is missing, of the wrong type or out of range. finish() reports unknown keys,
// so a typo like "hieght" does not silently fall back to a default.
class JsonFields {
public:
    JsonFields(const nlohmann::json& object, std::string path, ErrorList& errors);
    bool isObject() const { return m_isObject; }
    const std::string& path() const { return m_path; }
    std::string childPath(std::string_view key) const;

    std::optional<std::string> requiredString(std::string_view key);
    std::string optionalString(std::string_view key, std::string fallback = {});
    std::optional<double> requiredNumber(std::string_view key);
    std::optional<double> optionalNumber(std::string_view key);
    std::optional<long long> requiredInteger(std::string_view key);
    std::optional<long long> optionalInteger(std::string_view key);
    std::optional<glm::vec3> optionalVec3(std::string_view key);
    std::optional<glm::vec3> requiredVec3(std::string_view key);
    // A polygon of at least `minPoints` [x, z] pairs.
    std::optional<std::vector<glm::vec2>> polygon(std::string_view key, bool required,
                                                  std::size_t minPoints = 3);
    std::optional<std::vector<glm::vec3>> requiredPoints(std::string_view key,
                                                         std::size_t minPoints);
    // The array at `key` (empty if absent, and an error if not an array).
    const nlohmann::json& optionalArray(std::string_view key);
    const nlohmann::json* optionalObject(std::string_view key);

    // Range checks that report "must be > 0, got -4" at the field's path.
    void requirePositive(std::string_view key, std::optional<double> value);
    void requireNonNegative(std::string_view key, std::optional<double> value);

    void finish();
    ErrorList& errors() { return m_errors; }

private:
    const nlohmann::json* find(std::string_view key);
    void wrongType(std::string_view key, std::string_view expected, const nlohmann::json& got);

    const nlohmann::json& m_object;
    std::string m_path;
    ErrorList& m_errors;
    std::vector<std::string> m_used;
    bool m_isObject = false;
};

// Formats a number the way the manifest would write it (shortest round-trip form).
std::string numberText(double value);
std::string_view jsonTypeName(const nlohmann::json& value);

}  // namespace pt::park::detail
