#pragma once
// Result<T>: the return type for anything that can fail because of user input (files, messages,
// requests). Programming errors abort instead (see PT_CHECK / PT_VK_CHECK).
#include <cassert>
#include <sstream>
#include <string>
#include <utility>
#include <variant>

namespace pt {

// A failure a user can act on: the message names the file/topic/request and the reason,
// e.g. "units.json:14: floor 'L3' refers to unknown building 'B9'".
struct Error {
    std::string message;
};

// Concatenates its arguments with operator<< (std::format is not in Debian 12's GCC 12).
template <class... Args>
std::string strCat(Args&&... args) {
    std::ostringstream out;
    (out << ... << std::forward<Args>(args));
    return out.str();
}

template <class... Args>
Error makeError(Args&&... args) {
    return Error{strCat(std::forward<Args>(args)...)};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(m_state);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_state);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_state));
    }
    const Error& error() const {
        assert(!ok());
        return std::get<1>(m_state);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const {
        assert(!m_ok);
        return m_error;
    }

private:
    Error m_error;
    bool m_ok = true;
};

}  // namespace pt

// Propagates a failed Result from the enclosing function (which must return a Result).
#define PT_TRY(expr)                                         \
    do {                                                     \
        auto&& ptTryResult_ = (expr);                        \
        if (!ptTryResult_.ok()) return ptTryResult_.error(); \
    } while (0)
