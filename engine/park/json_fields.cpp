#include "park/json_fields.h"

#include <algorithm>
#include <cmath>

#include "core/result.h"

namespace pt::park::detail {

void ErrorList::add(std::string_view path, std::string_view problem) {
    if (path.empty())
        m_lines.push_back(strCat(m_file, ": ", problem));
    else
        m_lines.push_back(strCat(m_file, ": ", path, ": ", problem));
}

std::string_view jsonTypeName(const nlohmann::json& value) {
    if (value.is_number()) return "number";  // nlohmann distinguishes int/float; users do not
    return value.type_name();
}

std::string numberText(double value) {
    // Whole numbers print without ".0" so messages read "got -4" as the user wrote it.
    if (std::abs(value) < 1e15 && value == std::floor(value))
        return std::to_string(static_cast<long long>(value));
    return nlohmann::json(value).dump();
}

JsonFields::JsonFields(const nlohmann::json& object, std::string path, ErrorList& errors)
    : m_object(object), m_path(std::move(path)), m_errors(errors), m_isObject(object.is_object()) {
    if (!m_isObject) m_errors.add(m_path, strCat("expected object, got ", jsonTypeName(object)));
}

std::string JsonFields::childPath(std::string_view key) const {
    return m_path.empty() ? std::string(key) : strCat(m_path, ".", key);
}

const nlohmann::json* JsonFields::find(std::string_view key) {
    if (!m_isObject) return nullptr;
    m_used.emplace_back(key);
    auto it = m_object.find(key);
    return it == m_object.end() ? nullptr : &*it;
}

void JsonFields::wrongType(std::string_view key, std::string_view expected,
                           const nlohmann::json& got) {
    m_errors.add(childPath(key), strCat("expected ", expected, ", got ", jsonTypeName(got)));
}

std::optional<std::string> JsonFields::requiredString(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) {
        if (m_isObject) m_errors.add(childPath(key), "missing required field");
        return std::nullopt;
    }
    if (!value->is_string()) {
        wrongType(key, "string", *value);
        return std::nullopt;
    }
    return value->get<std::string>();
}

std::string JsonFields::optionalString(std::string_view key, std::string fallback) {
    const nlohmann::json* value = find(key);
    if (!value) return fallback;
    if (!value->is_string()) {
        wrongType(key, "string", *value);
        return fallback;
    }
    return value->get<std::string>();
}

std::optional<double> JsonFields::optionalNumber(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_number()) {
        wrongType(key, "number", *value);
        return std::nullopt;
    }
    return value->get<double>();
}

std::optional<double> JsonFields::requiredNumber(std::string_view key) {
    if (m_isObject && !m_object.contains(key)) {
        m_used.emplace_back(key);
        m_errors.add(childPath(key), "missing required field");
        return std::nullopt;
    }
    return optionalNumber(key);
}

std::optional<long long> JsonFields::optionalInteger(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_number_integer()) {
        wrongType(key, "integer", *value);
        return std::nullopt;
    }
    return value->get<long long>();
}

std::optional<long long> JsonFields::requiredInteger(std::string_view key) {
    if (m_isObject && !m_object.contains(key)) {
        m_used.emplace_back(key);
        m_errors.add(childPath(key), "missing required field");
        return std::nullopt;
    }
    return optionalInteger(key);
}

namespace {

// Reads an array of N numbers; returns false (after recording why) if it is not one.
template <std::size_t N>
bool readNumbers(const nlohmann::json& value, const std::string& path, ErrorList& errors,
                 float (&out)[N]) {
    if (!value.is_array() || value.size() != N ||
        !std::all_of(value.begin(), value.end(), [](auto& v) { return v.is_number(); })) {
        errors.add(path, strCat("expected array of ", N, " numbers, got ",
                                value.is_array() ? strCat("array of ", value.size())
                                                 : std::string(jsonTypeName(value))));
        return false;
    }
    for (std::size_t i = 0; i < N; ++i)
        out[i] = value[i].get<float>();
    return true;
}

}  // namespace

std::optional<glm::vec3> JsonFields::optionalVec3(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (!value) return std::nullopt;
    float v[3];
    if (!readNumbers(*value, childPath(key), m_errors, v)) return std::nullopt;
    return glm::vec3(v[0], v[1], v[2]);
}

std::optional<glm::vec3> JsonFields::requiredVec3(std::string_view key) {
    if (m_isObject && !m_object.contains(key)) {
        m_used.emplace_back(key);
        m_errors.add(childPath(key), "missing required field");
        return std::nullopt;
    }
    return optionalVec3(key);
}

std::optional<std::vector<glm::vec2>> JsonFields::polygon(std::string_view key, bool required,
                                                          std::size_t minPoints) {
    const nlohmann::json* value = find(key);
    if (!value) {
        if (required && m_isObject) m_errors.add(childPath(key), "missing required field");
        return std::nullopt;
    }
    if (!value->is_array()) {
        wrongType(key, "array", *value);
        return std::nullopt;
    }
    if (value->size() < minPoints) {
        m_errors.add(childPath(key),
                     strCat("needs at least ", minPoints, " points, got ", value->size()));
        return std::nullopt;
    }
    std::vector<glm::vec2> points;
    bool ok = true;
    for (std::size_t i = 0; i < value->size(); ++i) {
        float v[2];
        if (readNumbers((*value)[i], strCat(childPath(key), "[", i, "]"), m_errors, v))
            points.emplace_back(v[0], v[1]);
        else
            ok = false;
    }
    if (!ok) return std::nullopt;
    return points;
}

std::optional<std::vector<glm::vec3>> JsonFields::requiredPoints(std::string_view key,
                                                                 std::size_t minPoints) {
    const nlohmann::json* value = find(key);
    if (!value) {
        if (m_isObject) m_errors.add(childPath(key), "missing required field");
        return std::nullopt;
    }
    if (!value->is_array()) {
        wrongType(key, "array", *value);
        return std::nullopt;
    }
    if (value->size() < minPoints) {
        m_errors.add(childPath(key),
                     strCat("needs at least ", minPoints, " points, got ", value->size()));
        return std::nullopt;
    }
    std::vector<glm::vec3> points;
    bool ok = true;
    for (std::size_t i = 0; i < value->size(); ++i) {
        float v[3];
        if (readNumbers((*value)[i], strCat(childPath(key), "[", i, "]"), m_errors, v))
            points.emplace_back(v[0], v[1], v[2]);
        else
            ok = false;
    }
    if (!ok) return std::nullopt;
    return points;
}

const nlohmann::json& JsonFields::optionalArray(std::string_view key) {
    static const nlohmann::json kEmpty = nlohmann::json::array();
    const nlohmann::json* value = find(key);
    if (!value) return kEmpty;
    if (!value->is_array()) {
        wrongType(key, "array", *value);
        return kEmpty;
    }
    return *value;
}

const nlohmann::json* JsonFields::optionalObject(std::string_view key) {
    const nlohmann::json* value = find(key);
    if (value && !value->is_object()) {
        wrongType(key, "object", *value);
        return nullptr;
    }
    return value;
}

void JsonFields::requirePositive(std::string_view key, std::optional<double> value) {
    if (value && !(*value > 0.0))
        m_errors.add(childPath(key), strCat("must be > 0, got ", numberText(*value)));
}

void JsonFields::requireNonNegative(std::string_view key, std::optional<double> value) {
    if (value && !(*value >= 0.0))
        m_errors.add(childPath(key), strCat("must be >= 0, got ", numberText(*value)));
}

void JsonFields::finish() {
    if (!m_isObject) return;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (std::find(m_used.begin(), m_used.end(), it.key()) == m_used.end())
            m_errors.add(childPath(it.key()), "unknown field");
    }
}

}  // namespace pt::park::detail
