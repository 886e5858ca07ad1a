// Result<T>: how the engine answers user input (a formula, a URL value, a CSV line).
// Either a value or an Error whose message names what went wrong and where; never an
// exception or abort. Programmer errors use assert instead.
#pragma once
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace bp {

struct Error {
    std::string message;  // self-contained, e.g. "unknown function 'sinh' at 7"
    int pos = -1;         // character position in the input the message refers to, or -1
};

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { assert(ok()); return std::get<0>(v_); }
    const T& value() const { assert(ok()); return std::get<0>(v_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { assert(!ok()); return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

}  // namespace bp
