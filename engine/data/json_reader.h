#pragma once
// A forward-only JSON reader over one payload: the caller walks the document (objects, keys,
// numbers, strings) and skips what it does not need. It validates the JSON syntax of what it
// reads or skips (RFC 8259 grammar, string escapes including surrogate pairs, nesting depth) and
// allocates only for strings with escapes. Used for batch payloads, where a DOM would allocate a
// node and a key per value.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace pt::data {

// Building blocks of the reader's fast paths, inline so that a caller's loop over a known shape
// (payload_parser's batch values) compiles into one function.
namespace json {

// Eight characters at a time (SWAR): the eight bytes at `p` as a little-endian word.
inline uint64_t load8(const char* p) {
    uint64_t w = 0;
    std::memcpy(&w, p, 8);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
    return w;
}

// a[0..n) == b[0..n), eight bytes at a time (keys are ~15-40 bytes; a memcmp call with a length
// known only at run time cost more than the compare).
inline bool equalBytes(const char* a, const char* b, size_t n) {
    if (n < 8) return std::memcmp(a, b, n) == 0;
    for (size_t i = 0; i + 8 <= n; i += 8) {
        if (load8(a + i) != load8(b + i)) return false;
    }
    return load8(a + n - 8) == load8(b + n - 8);  // the tail, overlapping
}

constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full, kHigh = 0x8080808080808080ull;

// The high bit of each byte of `v` that is not zero (exact: no carries between bytes).
inline uint64_t nonZeroBytes(uint64_t v) {
    return (((v & kLow7) + kLow7) | v) & kHigh;
}

// The value of the first `count` (1..8) bytes of `x`, each a digit 0..9 (ASCII ^ '0').
inline uint64_t digitBytesValue(uint64_t x, int count) {
    x <<= 8 * (8 - count);  // as 8 digits, zeros first
    x = x * 10 + (x >> 8);
    x = (((x & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
         (((x >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >>
        32;
    return x;
}

// The common telemetry number at `p`, e.g. "412.5" or "-3.25": at most 7 characters, no
// exponent, all read from one 8-byte word. Returns the character after it, or null for
// anything else (then read it with JsonReader::readNumber(), which gives the same value for
// these: the same exact mantissa divided by the same power of ten). Needs 9 readable bytes at
// `p`, else null.
//
// Where the number ends is found first and apart from the digits: in a loop over many numbers
// the next read depends on it, so this short chain (one load, a few bit operations) is what a
// number costs in latency, while the digits of several numbers are worked out in parallel.
inline const char* shortDecimal(const char* p, const char* end, double& out) {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
    if (end - p < 9) return nullptr;
    const uint64_t w = load8(p);
    const uint64_t x = w ^ 0x3030303030303030ull;  // a digit byte becomes 0..9
    // Bytes that are a digit, '.' or '-': the number's extent.
    const uint64_t nonDigit =
        nonZeroBytes(((x + 0x0606060606060606ull) | x) & 0xF0F0F0F0F0F0F0F0ull);
    const uint64_t dots = ~nonZeroBytes(w ^ 0x2E2E2E2E2E2E2E2Eull) & kHigh;
    const uint64_t minus = ~nonZeroBytes(w ^ 0x2D2D2D2D2D2D2D2Dull) & kHigh;
    const uint64_t other = nonDigit & ~dots & ~minus;
    if (other == 0) return nullptr;  // 8 or more characters
    const int length = std::countr_zero(other) / 8;
    const char* const next = p + length;
    // The grammar, on masks of the number's bytes: -?(0|[1-9][0-9]*)(\.[0-9]+)?
    const uint64_t within = (uint64_t(1) << (8 * length)) - 1;  // length <= 7
    const uint64_t dot = dots & within, sign = minus & within;
    if ((sign & ~uint64_t(0x80)) != 0 || (dot & (dot - 1)) != 0) return nullptr;
    const int negative = sign ? 1 : 0;
    uint64_t digits = x >> (8 * negative);  // sign dropped
    int integerDigits = length - negative, fractionDigits = 0;
    if (dot) {
        const int at = std::countr_zero(dot) / 8 - negative;  // in `digits`
        fractionDigits = integerDigits - at - 1;
        integerDigits = at;
        if (fractionDigits == 0) return nullptr;
        const uint64_t below = (uint64_t(1) << (8 * at)) - 1;  // the dot dropped
        digits = (digits & below) | ((digits >> 8) & ~below);
    }
    if (integerDigits == 0) return nullptr;
    if (p[negative] == '0' && integerDigits > 1) return nullptr;  // a leading zero: not JSON
    if (*next == 'e' || *next == 'E') return nullptr;
    const uint64_t mantissa = digitBytesValue(digits, integerDigits + fractionDigits);
    const double magnitude = double(mantissa) / kPow10[fractionDigits];
    out = negative ? -magnitude : magnitude;
    return next;
}

}  // namespace json

class JsonReader {
public:
    explicit JsonReader(std::string_view text)
        : m_p(text.data()), m_end(text.data() + text.size()) {}

    // The next significant character without consuming it; '\0' at the end.
    char peek() {
        skipWhitespace();
        return m_p < m_end ? *m_p : '\0';
    }
    // Consumes `c` (after whitespace) if it is next.
    bool consume(char c) {
        if (peek() != c || m_p == m_end) return false;
        ++m_p;
        return true;
    }
    // True when only whitespace is left.
    bool atEnd() {
        skipWhitespace();
        return m_p == m_end;
    }

    // A string token. `out` points into the text, or into `scratch` when it had escapes.
    bool readString(std::string_view& out, std::string& scratch);
    // A number token; magnitudes beyond double come back as +-infinity (underflow as 0).
    bool readNumber(double& out);
    // Any value, with its syntax checked; nesting deeper than kMaxDepth is an error.
    bool skipValue();

    // Objects: after consume('{'), set `first` and call nextKey() until it returns false; then
    // ok() says whether the object was closed properly. It consumes the ',' between members, the
    // ':' after the key and the closing '}'; the caller reads or skips each value.
    bool nextKey(bool& first, std::string_view& key, std::string& scratch);
    // nextKey() for a key the caller expects: when the next member's key is exactly `key`
    // (written without escapes), consumes it up to the ':' and returns true; otherwise consumes
    // nothing and returns false (then call nextKey()). One compare instead of scanning the key.
    // Precondition: `key` holds no '"', '\\' or control characters.
    bool nextKeyIs(bool& first, std::string_view key);
    // nextKeyIs() and readNumber() in one, for a member of the common shape `"key":412.5` (a
    // number of at most 7 characters, no exponent: json::shortDecimal()): true with the member
    // consumed and `value` set, or false with nothing consumed (then read it the general way).
    bool nextNumberMemberIs(bool& first, std::string_view key, double& value);
    // False once a syntax error was seen by nextKey().
    bool ok() const { return m_ok; }

    // The raw position, for a caller's own loop over a shape it knows (payload_parser's batch
    // values, with the helpers in namespace json): where the reader stands, the end of the text,
    // and moving on to `p`, a position in [cursor(), end()] up to which the caller consumed
    // complete, valid tokens. Inside an object, call this only between members.
    const char* cursor() const { return m_p; }
    const char* end() const { return m_end; }
    void advanceTo(const char* p) { m_p = p; }

    static constexpr int kMaxDepth = 64;

private:
    // Past the next member's `,` (unless `first`), "key" and `:` with the whitespace between;
    // nullptr if the next member is not `key`. Reads only.
    const char* afterKey(bool first, std::string_view key) const;

    bool skipValue(int depth);
    bool literal(std::string_view word);
    bool readShortDecimal(double& out);
    static bool isWhitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    void skipWhitespace() {
        while (m_p < m_end && isWhitespace(*m_p))
            ++m_p;
    }

    const char* m_p;
    const char* m_end;
    bool m_ok = true;
};

}  // namespace pt::data
