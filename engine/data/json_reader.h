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
    char peek();
    // Consumes `c` (after whitespace) if it is next.
    bool consume(char c);
    // True when only whitespace is left.
    bool atEnd();

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
    // False once a syntax error was seen by nextKey().
    bool ok() const { return m_ok; }

    static constexpr int kMaxDepth = 64;

private:
    bool skipValue(int depth);
    bool literal(std::string_view word);
    void skipWhitespace();

    const char* m_p;
    const char* m_end;
    bool m_ok = true;
};

}  // namespace pt::data
