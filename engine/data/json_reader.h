#pragma once
// A forward-only JSON reader over one payload: the caller walks the document (objects, keys,
// numbers, strings) and skips what it does not need. It validates the JSON syntax of what it
// reads or skips (RFC 8259 grammar, string escapes including surrogate pairs, nesting depth) and
// allocates only for strings with escapes. Used for batch payloads, where a DOM would allocate a
// node and a key per value.
#include <string>
#include <string_view>

namespace pt::data {

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
    // number of up to 7 integer and 7 fraction digits, no exponent): true with the member
    // consumed and `value` set, or false with nothing consumed (then read it the general way).
    bool nextNumberMemberIs(bool& first, std::string_view key, double& value);
    // False once a syntax error was seen by nextKey().
    bool ok() const { return m_ok; }

    static constexpr int kMaxDepth = 64;

private:
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
