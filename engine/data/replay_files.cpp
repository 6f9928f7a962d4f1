// Readers for the real replay files (UCI occupancy CSV, ACN-Data sessions JSON).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file_io.h"
#include "data/replay.h"

namespace pt::data {
namespace {

// "2015-02-04 17:51:00" (quotes stripped) -> ms, read as UTC.
std::optional<int64_t> parseIsoMinute(std::string_view text) {
    std::tm tm{};
    std::istringstream in{std::string(text)};
    in >> std::get_time(&tm, "%Y-%m-%d %H:%M:%S");
    if (in.fail()) return std::nullopt;
    return int64_t(timegm(&tm)) * 1000;
}

std::vector<std::string_view> splitCsv(std::string_view line) {
    std::vector<std::string_view> fields;
    size_t start = 0;
    while (start <= line.size()) {
        const size_t comma = std::min(line.find(',', start), line.size());
        std::string_view f = line.substr(start, comma - start);
        if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
        fields.push_back(f);
        start = comma + 1;
    }
    return fields;
}

bool toDouble(std::string_view s, double& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}

}  // namespace

Result<std::vector<UciRecord>> loadUciOccupancy(const std::filesystem::path& path) {
    auto text = readTextFile(path);
    PT_TRY(text);
    std::vector<UciRecord> records;
    std::istringstream in(*text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const auto f = splitCsv(line);
        if (lineNo == 1) {
            if (f.size() != 7 || f[0] != "Date" || f[6] != "Occupancy") {
                return makeError(path.string(), ":1: expected the header \"Date\",…,\"Occupancy\"");
            }
            continue;
        }
        UciRecord r;
        double occupied = 0;
        const auto ts = f.size() == 7 ? parseIsoMinute(f[0]) : std::nullopt;
        if (!ts || !toDouble(f[1], r.temperature) || !toDouble(f[2], r.humidity) ||
            !toDouble(f[3], r.light) || !toDouble(f[4], r.co2) ||
            !toDouble(f[5], r.humidityRatio) || !toDouble(f[6], occupied)) {
            return makeError(path.string(), ":", lineNo,
                             ": expected 7 fields: a date and 6 numbers");
        }
        r.tsMs = *ts;
        r.occupied = occupied != 0;
        records.push_back(r);
    }
    if (records.empty()) return makeError(path.string(), ": no records");
    return records;
}

int estimateHeadcount(const UciRecord& record, int capacity) {
    if (!record.occupied || capacity <= 0) return 0;
    const double load = std::clamp((record.co2 - 400.0) / 1000.0, 0.0, 1.0);
    return std::clamp(int(std::lround(load * capacity)), 1, capacity);
}

std::optional<int64_t> parseHttpDate(std::string_view text) {
    std::tm tm{};
    std::istringstream in{std::string(text)};
    in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S");
    if (in.fail()) return std::nullopt;
    return int64_t(timegm(&tm)) * 1000;
}

Result<std::vector<AcnSession>> loadAcnSessions(const std::filesystem::path& path) {
    auto text = readTextFile(path);
    PT_TRY(text);
    const auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_array()) {
        return makeError(path.string(), ": expected a JSON array of sessions");
    }
    std::vector<AcnSession> sessions;
    for (size_t i = 0; i < doc.size(); ++i) {
        const auto& j = doc[i];
        auto str = [&](const char* key) {
            return j.is_object() && j.contains(key) && j[key].is_string()
                       ? j[key].get<std::string>()
                       : std::string();
        };
        AcnSession s{.stationId = str("stationID")};
        const auto connect = parseHttpDate(str("connectionTime"));
        const auto disconnect = parseHttpDate(str("disconnectTime"));
        const auto kWh =
            j.is_object() ? j.value("kWhDelivered", nlohmann::json()) : nlohmann::json();
        if (s.stationId.empty() || !connect || !disconnect || !kWh.is_number() ||
            *disconnect < *connect) {
            return makeError(path.string(), ": session ", i,
                             ": needs stationID, connectionTime <= disconnectTime, kWhDelivered");
        }
        s.connectMs = *connect;
        s.disconnectMs = *disconnect;
        s.kWh = kWh.get<double>();
        const auto done = parseHttpDate(str("doneChargingTime"));
        if (done && *done >= s.connectMs && *done <= s.disconnectMs) s.doneMs = done;
        sessions.push_back(std::move(s));
    }
    return sessions;
}

std::vector<ChargerEvent> buildChargerEvents(const std::vector<AcnSession>& sessions,
                                             int* stationCount) {
    std::map<std::string, int> stations;
    for (const AcnSession& s : sessions)
        stations.emplace(s.stationId, 0);
    int n = 0;
    for (auto& [id, number] : stations)
        number = ++n;
    if (stationCount) *stationCount = n;
    std::vector<ChargerEvent> events;
    for (const AcnSession& s : sessions) {
        const int c = stations[s.stationId];
        const int64_t chargeEnd = s.doneMs.value_or(s.disconnectMs);
        const double hours = double(std::max<int64_t>(chargeEnd - s.connectMs, 60'000)) / 3.6e6;
        events.push_back({s.connectMs, c, "Charging", s.kWh / hours, 0});
        if (s.doneMs) events.push_back({*s.doneMs, c, "SuspendedEV", 0, s.kWh});
        events.push_back({s.disconnectMs, c, "Available", 0, s.doneMs ? 0 : s.kWh});
    }
    std::stable_sort(
        events.begin(), events.end(),
        [](const ChargerEvent& a, const ChargerEvent& b) { return a.dataMs < b.dataMs; });
    return events;
}

}  // namespace pt::data
