#include "data/json_reader.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>

namespace pt::data {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

}  // namespace

bool JsonReader::readString(std::string_view& out, std::string& scratch) {
    if (!consume('"')) return false;
    const char* start = m_p;
    while (m_p < m_end && *m_p != '"' && *m_p != '\\') {
        if (static_cast<unsigned char>(*m_p) < 0x20) return false;  // raw control character
        ++m_p;
    }
    if (m_p == m_end) return false;
    if (*m_p == '"') {
        out = std::string_view(start, size_t(m_p - start));
        ++m_p;
        return true;
    }
    // Escapes: decode into scratch.
    scratch.assign(start, size_t(m_p - start));
    auto hex4 = [&](uint32_t& cp) {
        if (m_end - m_p < 4) return false;
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_p[i]);
            if (h < 0) return false;
            cp = cp * 16 + uint32_t(h);
        }
        m_p += 4;
        return true;
    };
    while (m_p < m_end && *m_p != '"') {
        const char c = *m_p++;
        if (static_cast<unsigned char>(c) < 0x20) return false;
        if (c != '\\') {
            scratch += c;
            continue;
        }
        if (m_p == m_end) return false;
        const char e = *m_p++;
        switch (e) {
            case '"':
            case '\\':
            case '/':
                scratch += e;
                break;
            case 'b':
                scratch += '\b';
                break;
            case 'f':
                scratch += '\f';
                break;
            case 'n':
                scratch += '\n';
                break;
            case 'r':
                scratch += '\r';
                break;
            case 't':
                scratch += '\t';
                break;
            case 'u': {
                uint32_t cp = 0;
                if (!hex4(cp)) return false;
                if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // lone low surrogate
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t low = 0;
                    if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u') return false;
                    m_p += 2;
                    if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(scratch, cp);
                break;
            }
            default:
                return false;
        }
    }
    if (m_p == m_end) return false;
    ++m_p;
    out = scratch;
    return true;
}

bool JsonReader::readShortDecimal(double& out) {
    const char* next = json::shortDecimal(m_p, m_end, out);
    if (!next) return false;
    m_p = next;
    return true;
}

bool JsonReader::readNumber(double& out) {
    skipWhitespace();
    if (readShortDecimal(out)) return true;
    const char* start = m_p;
    const char* p = m_p;
    const bool negative = p < m_end && *p == '-';
    if (negative) ++p;
    // Digits are also gathered into `mantissa` for the fast path below.
    uint64_t mantissa = 0;
    int digits = 0, fractionDigits = 0;
    auto digit = [&] {
        if (++digits <= 19) mantissa = mantissa * 10 + uint64_t(*p - '0');
        ++p;
    };
    if (p < m_end && *p == '0') {
        digit();
    } else if (p < m_end && isDigit(*p)) {
        while (p < m_end && isDigit(*p))
            digit();
    } else {
        return false;
    }
    if (p < m_end && *p == '.') {
        ++p;
        if (p == m_end || !isDigit(*p)) return false;
        while (p < m_end && isDigit(*p)) {
            digit();
            ++fractionDigits;
        }
    }
    bool exponent = false, negativeExponent = false;
    if (p < m_end && (*p == 'e' || *p == 'E')) {
        exponent = true;
        ++p;
        if (p < m_end && (*p == '+' || *p == '-')) negativeExponent = *p++ == '-';
        if (p == m_end || !isDigit(*p)) return false;
        while (p < m_end && isDigit(*p))
            ++p;
    }
    // Clinger's fast path: at most 15 digits fit a double's 53-bit mantissa exactly, and 10^k for
    // k <= 22 is exact, so one IEEE division gives the correctly rounded value (what from_chars
    // returns too). Telemetry values ("412.5", "1764312000123") nearly always take it.
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (!exponent && digits <= 15) {
        const double magnitude = double(mantissa) / kPow10[fractionDigits];
        out = negative ? -magnitude : magnitude;
        m_p = p;
        return true;
    }
    const auto [end, ec] = std::from_chars(start, p, out);
    if (ec == std::errc::result_out_of_range) {
        // The grammar was checked above, so this is only a magnitude beyond double.
        const double inf = std::numeric_limits<double>::infinity();
        out = negativeExponent ? 0.0 : (negative ? -inf : inf);
    } else if (ec != std::errc() || end != p) {
        return false;
    }
    m_p = p;
    return true;
}

bool JsonReader::literal(std::string_view word) {
    if (size_t(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word) {
        return false;
    }
    m_p += word.size();
    return true;
}

bool JsonReader::skipValue() {
    return skipValue(0);
}

bool JsonReader::skipValue(int depth) {
    if (depth > kMaxDepth) return false;
    std::string scratch;
    std::string_view text;
    double number = 0;
    switch (peek()) {
        case '{': {
            ++m_p;
            if (consume('}')) return true;
            do {
                if (!readString(text, scratch) || !consume(':') || !skipValue(depth + 1)) {
                    return false;
                }
            } while (consume(','));
            return consume('}');
        }
        case '[': {
            ++m_p;
            if (consume(']')) return true;
            do {
                if (!skipValue(depth + 1)) return false;
            } while (consume(','));
            return consume(']');
        }
        case '"':
            return readString(text, scratch);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return readNumber(number);
    }
}

const char* JsonReader::afterKey(bool first, std::string_view key) const {
    const char* p = m_p;
    auto whitespace = [&] {
        while (p < m_end && isWhitespace(*p))
            ++p;
    };
    whitespace();
    if (!first) {
        if (p == m_end || *p != ',') return nullptr;
        ++p;
        whitespace();
    }
    if (size_t(m_end - p) < key.size() + 2 || p[0] != '"' || p[key.size() + 1] != '"' ||
        !json::equalBytes(p + 1, key.data(), key.size())) {
        return nullptr;
    }
    p += key.size() + 2;
    whitespace();
    if (p == m_end || *p != ':') return nullptr;
    return p + 1;
}

bool JsonReader::nextNumberMemberIs(bool& first, std::string_view key, double& value) {
    if (!m_ok) return false;
    const char* p = afterKey(first, key);
    if (!p) return false;
    while (p < m_end && isWhitespace(*p))
        ++p;
    const char* const before = m_p;
    m_p = p;
    if (!readShortDecimal(value)) {
        m_p = before;
        return false;
    }
    first = false;
    return true;
}

bool JsonReader::nextKeyIs(bool& first, std::string_view key) {
    if (!m_ok) return false;
    const char* p = afterKey(first, key);
    if (!p) return false;
    m_p = p;
    first = false;
    return true;
}

bool JsonReader::nextKey(bool& first, std::string_view& key, std::string& scratch) {
    if (!m_ok) return false;
    if (first) {
        first = false;
        if (consume('}')) return false;
    } else if (!consume(',')) {
        m_ok = consume('}');
        return false;
    }
    m_ok = readString(key, scratch) && consume(':');
    return m_ok;
}

}  // namespace pt::data
