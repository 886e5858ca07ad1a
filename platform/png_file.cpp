// write_png (png_file.h): signature, IHDR, one IDAT of filter-0 rows, IEND; each chunk's
// CRC from zlib, as the PNG specification defines it.
#include "png_file.h"

#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <vector>

namespace bp {

namespace {
void put32(std::vector<unsigned char>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back((unsigned char)(v >> shift));
}

void chunk(std::vector<unsigned char>& out, const char* type, const std::vector<unsigned char>& data) {
    put32(out, std::uint32_t(data.size()));
    const std::size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    put32(out, std::uint32_t(crc32(0, &out[start], uInt(out.size() - start))));
}
}  // namespace

std::string write_png(const std::string& path, const Pixels& p) {
    std::vector<unsigned char> raw;  // each row: filter type 0, then its RGBA bytes
    const std::size_t row = std::size_t(p.width) * 4;
    for (int y = 0; y < p.height; ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), p.rgba.begin() + std::ptrdiff_t(std::size_t(y) * row),
                   p.rgba.begin() + std::ptrdiff_t(std::size_t(y + 1) * row));
    }
    uLongf packed_size = compressBound(uLong(raw.size()));
    std::vector<unsigned char> packed(packed_size);
    if (compress2(packed.data(), &packed_size, raw.data(), uLong(raw.size()), 6) != Z_OK) return "could not compress the picture";
    packed.resize(packed_size);
    std::vector<unsigned char> file = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<unsigned char> header;
    put32(header, std::uint32_t(p.width));
    put32(header, std::uint32_t(p.height));
    header.insert(header.end(), {8, 6, 0, 0, 0});  // 8 bits, RGBA, deflate, no filter set, no interlace
    chunk(file, "IHDR", header);
    chunk(file, "IDAT", packed);
    chunk(file, "IEND", {});
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(file.data()), std::streamsize(file.size()));
    return out ? "" : "could not write " + path;
}

}  // namespace bp
