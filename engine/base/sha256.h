// SHA-256 (FIPS 180-4), written here rather than taken from a library: a run record names
// the weights it ended with and the lesson file it ran by their digests, and `bp verify`
// compares them. Checked against the standard's test vectors (tests/test_sha256.cpp).
#pragma once
#include <string>
#include <string_view>

namespace bp {

// The digest of `bytes` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace bp
