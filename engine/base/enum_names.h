// One name table per enum: EnumNames<E>::names lists every value's name in declaration
// order, specialised next to the enum itself. name_of, from_name, enum_values and
// enum_count derive from that table, so no enum's names or count are written twice.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace bp {

// template <> struct EnumNames<MyEnum> { static constexpr std::array names{"a", "b"}; };
template <class E>
struct EnumNames;

template <class E>
constexpr std::size_t enum_count() { return EnumNames<E>::names.size(); }

// The value's name; "?" for a value outside the enum (a cast from a bad integer).
template <class E>
constexpr const char* name_of(E e) {
    const auto i = std::size_t(e);
    return i < enum_count<E>() ? EnumNames<E>::names[i] : "?";
}

// The inverse of name_of; nullopt for anything else (names are case-sensitive).
template <class E>
std::optional<E> from_name(std::string_view name) {
    for (std::size_t i = 0; i < enum_count<E>(); ++i)
        if (name == EnumNames<E>::names[i]) return E(i);
    return std::nullopt;
}

// Every value of E in declaration order.
template <class E>
constexpr std::array<E, enum_count<E>()> enum_values() {
    std::array<E, enum_count<E>()> all{};
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = E(i);
    return all;
}

}  // namespace bp
